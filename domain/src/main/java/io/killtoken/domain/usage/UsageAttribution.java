package io.killtoken.domain.usage;

import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.fingerprint.PromptPrefix;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who and what a call is accounted to beyond its key and model, and what the waste insights read:
 * never text, only ids, labels, counts and keyed digests.
 *
 * @param credential the tenant's provider credential the call used; empty for a cache hit or a call
 *     that never reached a provider
 * @param finishReason why the answer stopped ({@code stop}, {@code length}, …); empty when none
 * @param requestDigest the per-tenant cache key digest of the request (64 hex digits), computed
 *     whether or not the cache took part, so repeats show even with the cache off
 * @param endUser the caller's end user: a keyed hash per tenant, or the plain id when the tenant
 *     chose plain ids
 * @param maxTokens the output cap the request asked for; 0 when it set none
 * @param upstreamStatus the provider's HTTP status for a failed call; 0 when none
 * @param prefix the request's cacheable prefix, when it is long enough for providers to cache
 */
public record UsageAttribution(
    Optional<CredentialId> credential,
    Optional<String> finishReason,
    Optional<String> requestDigest,
    UsageTags tags,
    Optional<String> endUser,
    long maxTokens,
    int upstreamStatus,
    Optional<PromptPrefix> prefix) {

  public static final UsageAttribution NONE =
      new UsageAttribution(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          UsageTags.NONE,
          Optional.empty(),
          0,
          0,
          Optional.empty());

  /** The longest end-user id kept; longer ones are refused where they arrive. */
  public static final int MAX_END_USER = 128;

  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

  public UsageAttribution {
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(requestDigest, "requestDigest");
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(endUser, "endUser");
    Objects.requireNonNull(prefix, "prefix");
    if (requestDigest.isPresent() && !DIGEST.matcher(requestDigest.get()).matches()) {
      throw new IllegalArgumentException("a request digest is 64 lower-case hex digits");
    }
    if (endUser.isPresent() && (endUser.get().isEmpty() || endUser.get().length() > MAX_END_USER)) {
      throw new IllegalArgumentException("an end-user id is 1 to " + MAX_END_USER + " characters");
    }
    if (maxTokens < 0 || upstreamStatus < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  public UsageAttribution withCredential(Optional<CredentialId> used) {
    return new UsageAttribution(
        used, finishReason, requestDigest, tags, endUser, maxTokens, upstreamStatus, prefix);
  }

  public UsageAttribution withOutcome(Optional<String> reason, int status) {
    return new UsageAttribution(
        credential, reason, requestDigest, tags, endUser, maxTokens, status, prefix);
  }

  /** True when the answer was cut off at the output cap. */
  public boolean truncated() {
    return finishReason.filter("length"::equals).isPresent();
  }
}
