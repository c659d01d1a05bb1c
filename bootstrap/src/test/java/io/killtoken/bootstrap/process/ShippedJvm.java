package io.killtoken.bootstrap.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What a child JVM of the tests is started with: the java, options and class paths shipped. */
public final class ShippedJvm {

  private ShippedJvm() {}

  /** The {@code java} of this JVM. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code scripts/jvm-options} read as {@code scripts/run} reads it: comments left out. */
  public static List<String> options() {
    Path file = repositoryRoot().resolve("scripts").resolve("jvm-options");
    try {
      List<String> options = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String code = line.replaceAll("#.*", "").strip();
        if (!code.isEmpty()) {
          options.addAll(Arrays.asList(code.split("\\s+")));
        }
      }
      return List.copyOf(options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** This JVM's class path without the test classes, so a child logs as production does. */
  public static String mainClassPath() {
    return String.join(
        File.pathSeparator,
        Arrays.stream(testClassPath().split(File.pathSeparator))
            .filter(entry -> !entry.endsWith("test-classes"))
            .toList());
  }

  /** This JVM's whole class path, for a child that runs a class of the tests. */
  public static String testClassPath() {
    return System.getProperty("java.class.path");
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("scripts").resolve("jvm-options"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("scripts/jvm-options not found above the working folder");
    }
    return dir;
  }
}
