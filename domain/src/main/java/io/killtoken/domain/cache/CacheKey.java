package io.killtoken.domain.cache;

import io.killtoken.domain.tenant.TenantId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names one cached answer: the tenant it belongs to and a keyed hash of the request, which reveals
 * nothing about the prompt. A store looks entries up under the tenant, so one tenant's key never
 * finds another tenant's answer.
 *
 * @param digest HMAC-SHA256 of the canonical request under the tenant's cache key, 64 hex digits
 */
public record CacheKey(TenantId tenant, String digest) {

  private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{64}");

  public CacheKey {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(digest, "digest");
    if (!SHAPE.matcher(digest).matches()) {
      throw new IllegalArgumentException("a cache key digest is 64 lower-case hex digits");
    }
  }
}
