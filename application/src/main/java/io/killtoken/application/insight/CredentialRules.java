package io.killtoken.application.insight;

import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.usage.UsageRollup;
import io.killtoken.domain.usage.UsageSignals;
import io.killtoken.domain.usage.UsageTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A stored credential's health, from the rollups of the calls that used it. */
final class CredentialRules {

  /** A credential throttled or failed on at least this share of its calls is flagged. */
  static final double FLAGGED_SHARE = 0.05;

  private CredentialRules() {}

  static CredentialHealth health(Credential credential, List<UsageRollup> rollups, Instant now) {
    List<UsageRollup> used =
        rollups.stream().filter(r -> r.credential().equals(Optional.of(credential.id()))).toList();
    UsageTotals sum =
        used.stream().map(UsageRollup::totals).reduce(UsageTotals.ZERO, UsageTotals::plus);
    UsageSignals s = sum.signals();
    Optional<Instant> lastUsed = used.stream().map(UsageRollup::start).max(Instant::compareTo);
    return new CredentialHealth(
        credential.id(),
        credential.provider(),
        credential.label(),
        sum.requests(),
        sum.cost(),
        s.unauthorized(),
        s.throttled(),
        s.serverErrors(),
        lastUsed,
        Math.max(0, Duration.between(credential.rotatedAt(), now).toDays()),
        verdict(sum.requests(), s));
  }

  private static String verdict(long calls, UsageSignals s) {
    if (calls == 0) {
      return "unused";
    }
    if (s.unauthorized() > 0) {
      return "refused";
    }
    if (s.throttled() >= FLAGGED_SHARE * calls) {
      return "throttled";
    }
    if (s.serverErrors() >= FLAGGED_SHARE * calls) {
      return "failing";
    }
    return "healthy";
  }
}
