package io.killtoken.adapters.http.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.killtoken.adapters.http.usage.UsageViews;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.export.ExportFormat;
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
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExportRowsTest {

  private static UsageMetric metric(String model) {
    return new UsageMetric(
            new UsageId("usage_rows_0001"),
            new TenantId("tenant_rows_01"),
            new ApiKeyId("key_rows_0001"),
            new ProviderId("openai"),
            model,
            new TokenUsage(12, 5, 4),
            new MicroDollars(5),
            Duration.ofMillis(23),
            Duration.ofMillis(21),
            UsageStatus.OK,
            false,
            CacheResult.MISS,
            new PromptFingerprint("9".repeat(64)),
            false,
            TokenUsage.NONE,
            MicroDollars.ZERO,
            Instant.parse("2026-11-30T09:12:44.120Z"))
        .with(
            new UsageAttribution(
                Optional.empty(),
                Optional.of("stop"),
                Optional.empty(),
                UsageTags.parse("feature=search,team=core"),
                Optional.empty(),
                0,
                0,
                Optional.empty()));
  }

  @Test
  void the_csv_columns_are_the_records_api_fields_in_its_order() {
    assertEquals(List.copyOf(UsageViews.record(metric("gpt-4o")).keySet()), ExportRows.COLUMNS);
  }

  @Test
  void a_csv_row_writes_plain_decimals_tags_and_empty_cells_for_nulls() {
    StringWriter out = new StringWriter();
    ExportRows rows = new ExportRows(ExportFormat.CSV, out);
    rows.start();
    rows.row(metric("gpt-4o"));
    String row = out.toString().split("\n")[1];
    assertEquals(
        "usage_rows_0001,2026-11-30T09:12:44.120Z,key_rows_0001,openai,gpt-4o,12,5,4,0.000005,23,21,"
            + "ok,false,miss,0,0.000000,false,"
            + "9".repeat(64)
            + ",,stop,feature=search;team=core,,,,,",
        row);
  }

  @Test
  void a_cell_a_spreadsheet_would_run_as_a_formula_is_defused_and_quotes_are_escaped() {
    StringWriter out = new StringWriter();
    ExportRows rows = new ExportRows(ExportFormat.CSV, out);
    rows.start();
    rows.row(metric("=HYPERLINK(\"http://evil\",\"x\")"));
    String row = out.toString().split("\n")[1];
    assertEquals(true, row.contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","), row);
  }
}
