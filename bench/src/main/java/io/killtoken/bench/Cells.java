package io.killtoken.bench;

import java.util.Locale;

/** How numbers are written in the report's tables. */
final class Cells {

  private Cells() {}

  static String millis(double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.2f", value);
  }

  /** A difference, always signed. */
  static String added(double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%+.2f", value);
  }

  static String ratio(double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.2f×", value);
  }

  static String rate(double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.0f", value);
  }

  static String cpu(double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.3f", value);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  static String megabytes(long bytes) {
    return Long.toString(Math.round(bytes / (1024.0 * 1024.0)));
  }

  static String verdict(boolean met) {
    return met ? "**met**" : "**not met**";
  }
}
