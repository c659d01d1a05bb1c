package io.killtoken.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts a run's markdown into the benchmark document between {@code <!-- bench:NAME:begin -->} and
 * {@code <!-- bench:NAME:end -->}, leaving the hand-written text around it alone; a document
 * without those markers gets the section appended.
 */
final class BenchDoc {

  private BenchDoc() {}

  static void replaceSection(Path doc, String name, String markdown) throws IOException {
    String begin = "<!-- bench:" + name + ":begin -->";
    String end = "<!-- bench:" + name + ":end -->";
    String text =
        Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "# Benchmarks\n";
    String section = begin + "\n" + markdown.strip() + "\n" + end;
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    String updated;
    if (from >= 0 && to > from) {
      updated = text.substring(0, from) + section + text.substring(to + end.length());
    } else {
      updated = text.stripTrailing() + "\n\n" + section + "\n";
    }
    if (doc.getParent() != null) {
      Files.createDirectories(doc.getParent());
    }
    Files.writeString(doc, updated, StandardCharsets.UTF_8);
  }
}
