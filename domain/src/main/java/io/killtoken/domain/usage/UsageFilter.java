package io.killtoken.domain.usage;

import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.provider.ProviderId;
import java.util.Objects;
import java.util.Optional;

/** Which calls a usage read counts: every one, or only a key's, a model's, a status's, …. */
public record UsageFilter(
    Optional<ApiKeyId> apiKeyId,
    Optional<ProviderId> provider,
    Optional<String> model,
    Optional<UsageStatus> status,
    Optional<CacheResult> cache) {

  public static final UsageFilter ALL =
      new UsageFilter(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public UsageFilter {
    Objects.requireNonNull(apiKeyId, "apiKeyId");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(cache, "cache");
  }

  public boolean matches(UsageMetric metric) {
    return matches(
        metric.apiKeyId(), metric.provider(), metric.model(), metric.status(), metric.cache());
  }

  public boolean matches(UsageRollup rollup) {
    return matches(
        rollup.apiKeyId(), rollup.provider(), rollup.model(), rollup.status(), rollup.cache());
  }

  private boolean matches(
      ApiKeyId key, ProviderId provider, String model, UsageStatus status, CacheResult cache) {
    return apiKeyId.map(key::equals).orElse(true)
        && this.provider.map(provider::equals).orElse(true)
        && this.model.map(model::equals).orElse(true)
        && this.status.map(status::equals).orElse(true)
        && this.cache.map(cache::equals).orElse(true);
  }
}
