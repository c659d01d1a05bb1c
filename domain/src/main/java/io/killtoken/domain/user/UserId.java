package io.killtoken.domain.user;

import io.killtoken.domain.Ids;

/** Identifies a dashboard user. */
public record UserId(String value) {

  public UserId {
    Ids.checked("UserId", value);
  }

  public static UserId random() {
    return new UserId(Ids.random());
  }
}
