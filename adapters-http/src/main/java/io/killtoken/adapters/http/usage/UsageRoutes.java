package io.killtoken.adapters.http.usage;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.killtoken.adapters.http.access.AdminAccess;
import io.killtoken.adapters.http.json.Paging;
import io.killtoken.adapters.http.json.Timestamps;
import io.killtoken.application.usage.ListUsageRecords;
import io.killtoken.application.usage.SummarizeUsage;
import io.killtoken.application.usage.UsageSummary;
import io.killtoken.application.usage.UsageSummaryQuery;
import io.killtoken.domain.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/v1/usage}: the calling tenant's usage summarized over a range ({@code /summary}, from
 * rollups) and its raw records, newest first, cursor-paged ({@code /records}).
 */
public final class UsageRoutes {

  private final SummarizeUsage summarize;
  private final ListUsageRecords records;

  public UsageRoutes(SummarizeUsage summarize, ListUsageRecords records) {
    this.summarize = summarize;
    this.records = records;
  }

  public void register(JavalinConfig config) {
    config.routes.get("/api/v1/usage/summary", this::summary);
    config.routes.get("/api/v1/usage/records", this::records);
  }

  private void summary(Context ctx) {
    UsageSummary summary =
        summarize.summarize(
            new UsageSummaryQuery(
                tenant(ctx),
                UsageParameters.instant(ctx, "from"),
                UsageParameters.instant(ctx, "to"),
                UsageParameters.grouping(ctx),
                UsageParameters.tag(ctx),
                UsageParameters.filter(ctx)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", Timestamps.iso(summary.range().from()));
    body.put("to", Timestamps.iso(summary.range().to()));
    body.put(
        "group_by",
        summary
            .tag()
            .map(key -> "tag:" + key)
            .orElse(summary.grouping().name().toLowerCase(Locale.ROOT)));
    body.put("totals", UsageViews.totals(summary.totals()));
    List<Map<String, Object>> groups =
        summary.groups().stream()
            .map(
                group -> {
                  Map<String, Object> view = new LinkedHashMap<>();
                  view.put("key", group.key());
                  view.putAll(UsageViews.totals(group.totals()));
                  return view;
                })
            .toList();
    body.put("groups", groups);
    ctx.json(body);
  }

  private void records(Context ctx) {
    ctx.json(
        Paging.body(
            records.list(
                tenant(ctx),
                UsageParameters.instant(ctx, "from"),
                UsageParameters.instant(ctx, "to"),
                UsageParameters.filter(ctx),
                Paging.opaque(ctx)),
            UsageViews::record));
  }

  private static TenantId tenant(Context ctx) {
    return AdminAccess.caller(ctx).tenant();
  }
}
