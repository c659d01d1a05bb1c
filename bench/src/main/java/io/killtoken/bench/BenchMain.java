package io.killtoken.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's entry point: {@code killtoken-bench.jar [options]} runs the matrix (or, with
 * {@code --soak}, the memory soak) and writes the results into docs/benchmarks.md; {@code
 * killtoken-bench.jar fake-provider --port N} is the fake provider's own JVM.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("fake-provider")) {
      fakeProvider(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(Options.USAGE);
      return;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(Options.USAGE);
      System.exit(2);
      return;
    }
    if (!Files.isRegularFile(options.killTokenJar())) {
      System.err.println(
          options.killTokenJar()
              + " is missing: build it first (bench/run does), or pass"
              + " --killtoken-jar");
      System.exit(2);
      return;
    }
    Machine machine = Machine.describe(options, List.of(args));
    System.out.println(
        "machine: "
            + machine.cpus()
            + " CPUs, "
            + machine.jdk()
            + ", "
            + Cells.percent(machine.busyBefore())
            + " of the CPUs busy before the run");
    if (machine.busyBefore() > 0.2) {
      System.out.println(
          "warning: "
              + Cells.percent(machine.busyBefore())
              + " of the CPUs were busy before the run; the benchmark shares its cores with"
              + " whatever else runs, so every number will be skewed");
    }
    String name;
    String markdown;
    if (options.soak().isPresent()) {
      SoakRun.Result result = SoakRun.run(options, machine, options.soak().get());
      name = "soak";
      markdown = SoakReport.markdown(result);
    } else {
      MatrixRun.Result result = MatrixRun.run(options, machine);
      name = "results";
      markdown = MatrixReport.markdown(result);
    }
    System.out.println();
    System.out.println(markdown);
    if (options.doc().isPresent()) {
      BenchDoc.replaceSection(options.doc().get(), name, markdown);
      System.out.println("written to " + options.doc().get());
    }
  }

  /** Serves until the benchmark that started this JVM closes its standard input (or dies). */
  private static void fakeProvider(String[] args) throws IOException {
    int port = 0;
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--port")) {
        port = Integer.parseInt(args[i + 1]);
      }
    }
    try (FakeProvider fake = FakeProvider.start(port, Duration.ZERO)) {
      System.out.println("fake provider listening on 127.0.0.1:" + fake.port());
      while (System.in.read() >= 0) {
        // nothing is sent; end of input means the benchmark is gone
      }
    }
  }
}
