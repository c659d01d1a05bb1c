package io.killtoken.bench;

import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.fingerprint.PromptFingerprint;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.TokenUsage;
import io.killtoken.domain.usage.UsageAttribution;
import io.killtoken.domain.usage.UsageId;
import io.killtoken.domain.usage.UsageMetric;
import io.killtoken.domain.usage.UsageStatus;
import io.killtoken.domain.usage.UsageTags;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Gateway calls as a busy tenant makes them, spread over the 30 days before {@code now}: 4 keys, 3
 * models, 2% errors, 10% cache hits, tags on half the calls, 50 end users, one request in five a
 * repeat of an earlier one.
 */
final class SampleCalls {

  private static final List<String> MODELS = List.of("gpt-4o-mini", "gpt-4o", "o3-mini");
  private static final List<UsageTags> TAGS =
      List.of(
          UsageTags.NONE,
          UsageTags.parse("feature=search,customer=acme"),
          UsageTags.parse("feature=chat"),
          UsageTags.parse("feature=summaries,customer=globex"));

  private final SplittableRandom random = new SplittableRandom(7);
  private final Instant now;
  private final ApiKeyId[] keys = new ApiKeyId[4];
  private final CredentialId credential = CredentialId.random();

  SampleCalls(Instant now) {
    this.now = now;
    for (int i = 0; i < keys.length; i++) {
      keys[i] = ApiKeyId.random();
    }
  }

  /** The {@code i}th of {@code total} calls, in time order. */
  UsageMetric next(TenantId tenant, int i, int total) {
    long span = Duration.ofDays(30).toMillis();
    Instant at = now.minusMillis(span - span * (long) i / total);
    int roll = random.nextInt(100);
    UsageStatus status = roll < 2 ? UsageStatus.UPSTREAM_ERROR : UsageStatus.OK;
    CacheResult cache = roll >= 2 && roll < 12 ? CacheResult.HIT : CacheResult.MISS;
    TokenUsage tokens =
        status == UsageStatus.OK && cache != CacheResult.HIT
            ? new TokenUsage(200 + random.nextInt(2_000), 20 + random.nextInt(400), 0)
            : TokenUsage.NONE;
    TokenUsage saved = cache == CacheResult.HIT ? new TokenUsage(800, 120, 0) : TokenUsage.NONE;
    String digest = HexFormat.of().toHexDigits(random.nextInt(5) == 0 ? i / 7 : i, 16).repeat(4);
    return new UsageMetric(
        UsageId.random(),
        tenant,
        keys[i % keys.length],
        new ProviderId("openai"),
        MODELS.get(i % MODELS.size()),
        tokens,
        new MicroDollars(tokens.input() / 4 + tokens.output()),
        Duration.ofMillis(20 + random.nextInt(2_000)),
        Duration.ofMillis(18 + random.nextInt(2_000)),
        status,
        roll % 3 == 0,
        cache,
        new PromptFingerprint(digest),
        false,
        saved,
        new MicroDollars(saved.total()),
        at,
        Optional.empty(),
        new UsageAttribution(
            cache == CacheResult.HIT ? Optional.empty() : Optional.of(credential),
            status == UsageStatus.OK
                ? Optional.of(roll == 50 ? "length" : "stop")
                : Optional.empty(),
            Optional.of(digest),
            TAGS.get(i % TAGS.size()),
            Optional.of(HexFormat.of().toHexDigits(i % 50, 8).repeat(4)),
            roll < 40 ? 4_096 : 0,
            status == UsageStatus.UPSTREAM_ERROR ? 429 : 0,
            Optional.empty()));
  }
}
