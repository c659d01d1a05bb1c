package io.killtoken.domain.export;

/** How an export's rows are written: comma-separated values, or one JSON object per line. */
public enum ExportFormat {
  CSV,
  JSONL
}
