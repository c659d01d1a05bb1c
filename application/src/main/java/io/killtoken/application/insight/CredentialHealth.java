package io.killtoken.application.insight;

import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ProviderId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How one stored provider credential did over the range: its calls and spend, how often the
 * provider refused (401/403), throttled (429) or failed (5xx) it, when it was last used and how
 * long ago it was rotated — so a dead or throttled key shows before users notice.
 *
 * @param lastUsed the start of the last hour it was used in, within the range
 * @param verdict {@code healthy}, {@code refused}, {@code throttled}, {@code failing} or {@code
 *     unused}
 */
public record CredentialHealth(
    CredentialId id,
    ProviderId provider,
    String label,
    long calls,
    MicroDollars spend,
    long refused,
    long throttled,
    long failed,
    Optional<Instant> lastUsed,
    long daysSinceRotation,
    String verdict) {

  public CredentialHealth {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(spend, "spend");
    Objects.requireNonNull(lastUsed, "lastUsed");
    Objects.requireNonNull(verdict, "verdict");
  }
}
