package io.killtoken.application.access;

import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.session.Session;
import io.killtoken.domain.tenant.TenantId;

/**
 * Who calls the admin API: a dashboard session or an admin-scoped API key. The tenant always comes
 * from here — never from a parameter, header or body field.
 */
public sealed interface Caller {

  TenantId tenant();

  /** A signed-in dashboard user. */
  record WithSession(Session session) implements Caller {
    @Override
    public TenantId tenant() {
      return session.tenantId();
    }
  }

  /** A program holding an API key with the {@code admin} scope. */
  record WithApiKey(ApiKey key) implements Caller {
    @Override
    public TenantId tenant() {
      return key.tenantId();
    }
  }
}
