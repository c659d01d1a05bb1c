package io.killtoken.domain.fingerprint;

import io.killtoken.domain.Digests;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How a request's cacheable prefix is kept: a keyed hash under the tenant's fingerprint key and a
 * token estimate, and only when it is long enough for providers to cache it — so equal prefixes of
 * one tenant add up together and two tenants' equal prefixes are unrelated values.
 */
public final class PrefixFingerprints {

  private PrefixFingerprints() {}

  /**
   * The prefix as a usage record keeps it, or empty below {@link PromptPrefix#MIN_CACHED_TOKENS}.
   */
  public static Optional<PromptPrefix> of(FingerprintKey key, String prefixText) {
    if (!PromptPrefix.cacheable(prefixText)) {
      return Optional.empty();
    }
    long tokens = PromptPrefix.estimateTokens(prefixText);
    byte[] mac = Digests.hmacSha256(key.bytes(), "prefix|" + prefixText);
    return Optional.of(new PromptPrefix(HexFormat.of().formatHex(mac, 0, 16), tokens));
  }
}
