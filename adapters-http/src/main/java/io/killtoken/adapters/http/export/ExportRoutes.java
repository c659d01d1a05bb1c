package io.killtoken.adapters.http.export;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.killtoken.adapters.http.access.AdminAccess;
import io.killtoken.adapters.http.json.JsonBody;
import io.killtoken.adapters.http.json.Paging;
import io.killtoken.adapters.http.json.Timestamps;
import io.killtoken.adapters.http.usage.UsageParameters;
import io.killtoken.application.export.ManageExports;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.NotFound;
import io.killtoken.domain.export.ExportFormat;
import io.killtoken.domain.export.ExportId;
import io.killtoken.domain.export.UsageExport;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.UsageFilter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/exports}: make an export of the tenant's usage records (CSV or JSON lines, a range
 * and the records filters), list and show exports, and download one — streamed from a database
 * cursor as it is read, so a million rows never sit in memory.
 */
public final class ExportRoutes {

  private static final Set<String> FIELDS =
      Set.of("format", "from", "to", "key_id", "provider", "model", "status", "cache");

  private final ManageExports exports;

  public ExportRoutes(ManageExports exports) {
    this.exports = exports;
  }

  public void register(JavalinConfig config) {
    config.routes.post("/api/v1/exports", this::create);
    config.routes.get("/api/v1/exports", this::list);
    config.routes.get("/api/v1/exports/{id}", ctx -> ctx.json(view(find(ctx))));
    config.routes.get("/api/v1/exports/{id}/download", this::download);
  }

  private void create(Context ctx) {
    JsonBody body = JsonBody.read(ctx, FIELDS);
    ExportFormat format = format(body.requiredText("format"));
    UsageFilter filter = UsageParameters.filter(name -> body.text(name).orElse(null));
    UsageExport export =
        exports.create(
            tenant(ctx),
            format,
            UsageParameters.instant(name -> body.text(name).orElse(null), "from"),
            UsageParameters.instant(name -> body.text(name).orElse(null), "to"),
            filter);
    ctx.status(201).json(view(export));
  }

  private void list(Context ctx) {
    ctx.json(Paging.body(exports.list(tenant(ctx), Paging.request(ctx)), ExportRoutes::view));
  }

  private void download(Context ctx) throws IOException {
    UsageExport export = find(ctx);
    ctx.contentType(ExportRows.contentType(export.format()));
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\"killtoken-usage-"
            + export.id().value()
            + "."
            + ExportRows.extension(export.format())
            + "\"");
    ctx.header("Cache-Control", "no-store");
    // Written straight to the response as the cursor hands rows over (chunked): the buffer holds a
    // few kilobytes, never the export.
    try (Writer out =
        new BufferedWriter(
            new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8),
            64 * 1024)) {
      ExportRows rows = new ExportRows(export.format(), out);
      rows.start();
      exports.download(export.tenantId(), export.id(), rows::row);
    }
  }

  /** An id of the wrong shape is as missing as an id of another tenant. */
  private UsageExport find(Context ctx) {
    ExportId id;
    try {
      id = new ExportId(ctx.pathParam("id"));
    } catch (IllegalArgumentException notAnId) {
      throw new NotFound("No such export.");
    }
    return exports.find(tenant(ctx), id);
  }

  private static ExportFormat format(String text) {
    try {
      return ExportFormat.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequest("'format' must be 'csv' or 'jsonl'.");
    }
  }

  private static TenantId tenant(Context ctx) {
    return AdminAccess.caller(ctx).tenant();
  }

  private static Map<String, Object> view(UsageExport export) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", export.id().value());
    view.put("format", export.format().name().toLowerCase(Locale.ROOT));
    view.put("from", Timestamps.iso(export.from()));
    view.put("to", Timestamps.iso(export.to()));
    Map<String, Object> filters = new LinkedHashMap<>();
    export.filter().apiKeyId().ifPresent(k -> filters.put("key_id", k.value()));
    export.filter().provider().ifPresent(p -> filters.put("provider", p.value()));
    export.filter().model().ifPresent(m -> filters.put("model", m));
    export
        .filter()
        .status()
        .ifPresent(s -> filters.put("status", s.name().toLowerCase(Locale.ROOT)));
    export.filter().cache().ifPresent(c -> filters.put("cache", c.name().toLowerCase(Locale.ROOT)));
    view.put("filters", filters);
    view.put("created_at", Timestamps.iso(export.createdAt()));
    view.put("download", "/api/v1/exports/" + export.id().value() + "/download");
    return view;
  }
}
