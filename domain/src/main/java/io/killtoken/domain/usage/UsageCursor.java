package io.killtoken.domain.usage;

import io.killtoken.domain.error.InvalidRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a page of usage records (newest first) ended: the last record's time and id. Written as an
 * opaque URL-safe token; every store of records reads and writes the same one.
 */
public record UsageCursor(Instant occurredAt, UsageId id) {

  public UsageCursor {
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(id, "id");
  }

  public static UsageCursor after(UsageMetric last) {
    return new UsageCursor(last.occurredAt(), last.id());
  }

  /**
   * @throws InvalidRequest when the token is not one {@link #token()} wrote
   */
  public static UsageCursor parse(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int colon = text.indexOf(':');
      return new UsageCursor(
          Instant.ofEpochMilli(Long.parseLong(text.substring(0, colon))),
          new UsageId(text.substring(colon + 1)));
    } catch (RuntimeException notOurs) {
      throw new InvalidRequest("'after' is not a cursor this API returned.");
    }
  }

  public String token() {
    String text = occurredAt.toEpochMilli() + ":" + id.value();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
