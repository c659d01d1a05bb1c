package io.killtoken.adapters.http.gateway;

import io.javalin.http.Context;
import io.killtoken.application.gateway.CacheDirectives;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.usage.CacheResult;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The response cache's HTTP surface: the request headers that steer it ({@code Cache-Control:
 * no-cache} / {@code no-store}, {@code x-killtoken-cache: bypass}, {@code x-killtoken-cache-ttl} in
 * seconds) and the {@code x-killtoken-cache: hit|miss|bypass} answer header.
 */
final class CacheHeaders {

  static final String HEADER = "x-killtoken-cache";
  private static final long MAX_TTL_SECONDS = Duration.ofDays(30).toSeconds();

  private CacheHeaders() {}

  static CacheDirectives directives(Context ctx) {
    String control = Optional.ofNullable(ctx.header("Cache-Control")).orElse("");
    boolean noCache = hasDirective(control, "no-cache");
    boolean noStore = hasDirective(control, "no-store");
    boolean bypass =
        "bypass".equalsIgnoreCase(Optional.ofNullable(ctx.header(HEADER)).orElse("").strip());
    return new CacheDirectives(!noCache && !bypass, !noStore, ttl(ctx.header(HEADER + "-ttl")));
  }

  static void answer(Context ctx, CacheResult result) {
    ctx.header(HEADER, result.name().toLowerCase(Locale.ROOT));
  }

  private static boolean hasDirective(String control, String name) {
    for (String part : control.split(",")) {
      if (part.strip().toLowerCase(Locale.ROOT).equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Duration> ttl(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(value.strip());
      if (seconds >= 1 && seconds <= MAX_TTL_SECONDS) {
        return Optional.of(Duration.ofSeconds(seconds));
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new InvalidRequest(
        "'"
            + HEADER
            + "-ttl' must be a whole number of seconds from 1 to "
            + MAX_TTL_SECONDS
            + ".");
  }
}
