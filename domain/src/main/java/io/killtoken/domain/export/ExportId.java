package io.killtoken.domain.export;

import io.killtoken.domain.Ids;

/** Identifies one usage export: random, so that one tenant cannot guess another's. */
public record ExportId(String value) {

  public ExportId {
    Ids.checked("ExportId", value);
  }

  public static ExportId random() {
    return new ExportId(Ids.random());
  }
}
