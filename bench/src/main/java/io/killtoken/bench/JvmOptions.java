package io.killtoken.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads KillToken's JVM options the way {@code scripts/run} does: a {@code #} starts a comment that
 * runs to the end of its line, and whatever is left is split on white space.
 */
final class JvmOptions {

  private JvmOptions() {}

  static List<String> read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          file
              + " (KillToken's JVM options) is missing: run from the repository's root, or pass"
              + " --killtoken-jvm-args");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return split(
        String.join("\n", text.lines().map(line -> line.replaceFirst("#.*", "")).toList()));
  }

  /** Options separated by white space; none in a blank string. */
  static List<String> split(String options) {
    return Arrays.stream(options.strip().split("\\s+"))
        .filter(option -> !option.isEmpty())
        .toList();
  }
}
