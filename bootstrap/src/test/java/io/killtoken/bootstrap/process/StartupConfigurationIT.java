package io.killtoken.bootstrap.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar started in production mode with a bad environment: every problem listed at once. */
class StartupConfigurationIT {

  @TempDir Path home;

  @Test
  void production_lists_every_bad_variable_a_garbage_keyset_included_without_a_stack_trace()
      throws Exception {
    Path keyset = Files.writeString(home.resolve("keyset.json"), "{\"CANARY-garbage\": [1, 2]}");
    JarProcess killtoken =
        JarProcess.start(
            Map.of(
                "KILLTOKEN_ENV", "production",
                "KILLTOKEN_DATA_DIR", home.resolve("data").toString(),
                "MONGODB_URI", "mysql://CANARY@db",
                "KILLTOKEN_MASTER_KEYSET_FILE", keyset.toString(),
                "KILLTOKEN_SESSION_SECRET", "too-short",
                "KILLTOKEN_PORT", "eighty"));

    int exit = killtoken.awaitExit(Duration.ofSeconds(60));
    String output = killtoken.output();

    assertEquals(2, exit, output);
    for (String named :
        List.of(
            "MONGODB_URI must start with",
            "REDIS_URL (or REDIS_URL_FILE) is required",
            "KILLTOKEN_MASTER_KEYSET is not usable",
            "KILLTOKEN_SESSION_SECRET must have at least 32 characters",
            "KILLTOKEN_PORT must be a whole number")) {
      assertTrue(output.contains(named), "not listed: " + named + "\n" + output);
    }
    assertFalse(output.contains("\tat "), "a stack trace was printed:\n" + output);
    assertFalse(output.contains("Exception"), output);
    assertFalse(output.contains("CANARY"), "a value was printed:\n" + output);
    assertFalse(Files.exists(home.resolve("data")), "nothing was started");
  }
}
