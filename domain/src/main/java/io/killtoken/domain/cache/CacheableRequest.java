package io.killtoken.domain.cache;

import io.killtoken.domain.settings.CacheMode;
import java.util.Objects;

/**
 * Whether a tenant's cache mode lets a request be answered from (and stored in) the cache. {@code
 * DETERMINISTIC} takes a request whose {@code temperature} is numerically zero ({@code 0}, {@code
 * 0.0}, {@code -0}, {@code 0e3}) or that gives a numeric {@code seed}; a missing or {@code null}
 * temperature is the provider's default, not zero. {@code n} above 1 is cached like any other
 * request: the stored answer holds all its choices and is replayed whole.
 */
public final class CacheableRequest {

  private CacheableRequest() {}

  public static boolean allows(CacheMode mode, CanonicalRequest request) {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(request, "request");
    return switch (mode) {
      case OFF -> false;
      case ALL -> true;
      case DETERMINISTIC -> zeroTemperature(request) || seeded(request);
    };
  }

  private static boolean zeroTemperature(CanonicalRequest request) {
    return request
        .member("temperature")
        .filter(CacheableRequest::isNumber)
        .filter(CacheableRequest::isZero)
        .isPresent();
  }

  private static boolean seeded(CanonicalRequest request) {
    return request.member("seed").filter(CacheableRequest::isNumber).isPresent();
  }

  private static boolean isNumber(String json) {
    char first = json.charAt(0);
    return first == '-' || (first >= '0' && first <= '9');
  }

  /**
   * A JSON number is zero exactly when every digit before its exponent is 0; read as text, so a
   * number with a million digits costs no more than reading it.
   */
  private static boolean isZero(String number) {
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (c == 'e' || c == 'E') {
        return true;
      }
      if (c >= '1' && c <= '9') {
        return false;
      }
    }
    return true;
  }
}
