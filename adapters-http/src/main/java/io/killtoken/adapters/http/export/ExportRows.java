package io.killtoken.adapters.http.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.killtoken.adapters.http.usage.UsageViews;
import io.killtoken.domain.export.ExportFormat;
import io.killtoken.domain.usage.UsageMetric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes export rows as they come from the cursor: one JSON object per line (the records API's
 * shape) or CSV with a header row. Only ids, names, numbers and keyed digests: no prompt text. A
 * CSV cell that a spreadsheet would run as a formula ({@code = + - @}) is written with a leading
 * apostrophe.
 */
final class ExportRows {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  /** The records API's fields, in its order (a test holds them equal). */
  static final List<String> COLUMNS =
      List.of(
          "id",
          "occurred_at",
          "key_id",
          "provider",
          "model",
          "input_tokens",
          "output_tokens",
          "cached_input_tokens",
          "cost_usd",
          "latency_ms",
          "upstream_latency_ms",
          "status",
          "stream",
          "cache",
          "tokens_saved",
          "usd_saved",
          "estimated",
          "fingerprint",
          "credential_id",
          "finish_reason",
          "tags",
          "end_user",
          "max_tokens",
          "upstream_status",
          "prefix_fingerprint",
          "prefix_tokens");

  private final ExportFormat format;
  private final Writer out;

  ExportRows(ExportFormat format, Writer out) {
    this.format = format;
    this.out = out;
  }

  static String contentType(ExportFormat format) {
    return format == ExportFormat.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson";
  }

  static String extension(ExportFormat format) {
    return format == ExportFormat.CSV ? "csv" : "jsonl";
  }

  /** The CSV header, written even when there are no rows. */
  void start() {
    if (format == ExportFormat.CSV) {
      write(String.join(",", COLUMNS) + "\n");
    }
  }

  void row(UsageMetric metric) {
    Map<String, Object> view = UsageViews.record(metric);
    try {
      if (format == ExportFormat.JSONL) {
        write(JSON.writeValueAsString(view) + "\n");
        return;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(
        COLUMNS.stream().map(column -> cell(view.get(column))).collect(Collectors.joining(","))
            + "\n");
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text =
        value instanceof Map<?, ?> tags
            ? tags.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"))
            : value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      text = "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  private void write(String text) {
    try {
      out.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
