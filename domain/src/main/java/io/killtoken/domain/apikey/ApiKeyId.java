package io.killtoken.domain.apikey;

import io.killtoken.domain.Ids;

/** Identifies an API key record (not the key itself). */
public record ApiKeyId(String value) {

  public ApiKeyId {
    Ids.checked("ApiKeyId", value);
  }

  public static ApiKeyId random() {
    return new ApiKeyId(Ids.random());
  }
}
