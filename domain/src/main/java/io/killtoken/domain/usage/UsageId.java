package io.killtoken.domain.usage;

import io.killtoken.domain.Ids;

/** Identifies one usage record. */
public record UsageId(String value) {

  public UsageId {
    Ids.checked("UsageId", value);
  }

  public static UsageId random() {
    return new UsageId(Ids.random());
  }
}
