package io.killtoken.domain.tenant;

import io.killtoken.domain.Ids;

/** Identifies a tenant: the unit of isolation for every stored object. */
public record TenantId(String value) {

  public TenantId {
    Ids.checked("TenantId", value);
  }

  public static TenantId random() {
    return new TenantId(Ids.random());
  }
}
