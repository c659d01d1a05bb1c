package io.killtoken.adapters.http.usage;

import io.killtoken.adapters.http.json.Timestamps;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.fingerprint.PromptPrefix;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.usage.UsageAttribution;
import io.killtoken.domain.usage.UsageMetric;
import io.killtoken.domain.usage.UsageTotals;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How usage appears in responses: snake_case fields, dollars as decimals, no prompt text. */
public final class UsageViews {

  private UsageViews() {}

  static Map<String, Object> totals(UsageTotals totals) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("requests", totals.requests());
    view.put("errors", totals.errors());
    view.put("input_tokens", totals.tokens().input());
    view.put("output_tokens", totals.tokens().output());
    view.put("cached_input_tokens", totals.tokens().cachedInput());
    view.put("cost_usd", usd(totals.cost()));
    view.put("cache_hits", totals.cacheHits());
    view.put("tokens_saved", totals.saved().total());
    view.put("usd_saved", usd(totals.savedCost()));
    view.put("latency_p50_ms", totals.latency().percentile(0.5).toMillis());
    view.put("latency_p95_ms", totals.latency().percentile(0.95).toMillis());
    return view;
  }

  public static Map<String, Object> record(UsageMetric metric) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", metric.id().value());
    view.put("occurred_at", Timestamps.iso(metric.occurredAt()));
    view.put("key_id", metric.apiKeyId().value());
    view.put("provider", metric.provider().value());
    view.put("model", metric.model());
    view.put("input_tokens", metric.tokens().input());
    view.put("output_tokens", metric.tokens().output());
    view.put("cached_input_tokens", metric.tokens().cachedInput());
    view.put("cost_usd", usd(metric.cost()));
    view.put("latency_ms", metric.latency().toMillis());
    view.put("upstream_latency_ms", metric.upstreamLatency().toMillis());
    view.put("status", metric.status().name().toLowerCase(Locale.ROOT));
    view.put("stream", metric.stream());
    view.put("cache", metric.cache().name().toLowerCase(Locale.ROOT));
    view.put("tokens_saved", metric.saved().total());
    view.put("usd_saved", usd(metric.savedCost()));
    view.put("estimated", metric.estimated());
    view.put("fingerprint", metric.fingerprint().hex());
    UsageAttribution a = metric.attribution();
    view.put("credential_id", a.credential().map(CredentialId::value).orElse(null));
    view.put("finish_reason", a.finishReason().orElse(null));
    view.put("tags", a.tags().asMap());
    view.put("end_user", a.endUser().orElse(null));
    view.put("max_tokens", a.maxTokens() == 0 ? null : a.maxTokens());
    view.put("upstream_status", a.upstreamStatus() == 0 ? null : a.upstreamStatus());
    view.put("prefix_fingerprint", a.prefix().map(PromptPrefix::digest).orElse(null));
    view.put("prefix_tokens", a.prefix().map(PromptPrefix::tokens).orElse(null));
    return view;
  }

  /** Dollars with six places, as every usage, insight and export field writes them. */
  public static BigDecimal usd(MicroDollars amount) {
    return BigDecimal.valueOf(amount.value(), 6);
  }
}
