package io.killtoken.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.killtoken.bootstrap.config.AppConfig;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.secret.SecretBinding;
import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantId;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KillToken started the way the README's first command starts it: no services configured. */
class EmbeddedDefaultsTest {

  @TempDir Path dataDir;

  private Wiring start() {
    return start(dataDir);
  }

  private static Wiring start(Path folder) {
    AppConfig config =
        AppConfig.fromEnv(Map.of("KILLTOKEN_DATA_DIR", folder.toString(), "KILLTOKEN_PORT", "0"));
    return Wiring.start(config, InstantSource.system());
  }

  @Test
  void it_starts_ready_with_no_services_configured() throws Exception {
    try (Wiring wiring = start()) {
      HttpResponse<String> ready = Probes.get(wiring.port(), "/readyz");
      HttpResponse<String> alive = Probes.get(wiring.port(), "/healthz");

      assertEquals(200, ready.statusCode());
      JsonNode body = Probes.json(ready);
      assertTrue(body.get("ready").asBoolean());
      assertTrue(body.get("checks").get("mongo").asBoolean());
      assertTrue(body.get("checks").get("redis").asBoolean());
      assertEquals(200, alive.statusCode());
      assertTrue(ready.headers().firstValue("x-request-id").isPresent());
    }
  }

  @Test
  void data_and_the_dev_keyset_survive_a_restart() throws Exception {
    Tenant acme =
        new Tenant(TenantId.random(), "Acme", Plan.PRO, Instant.parse("2026-11-01T00:00:00Z"));
    SecretBinding binding = new SecretBinding(acme.id(), "credential-1");
    SealedSecret sealed;
    try (Wiring first = start()) {
      first.tenants().save(acme);
      sealed = first.cipher().seal(new PlainSecret("sk-proj-survives-restart-1234"), binding);
    }

    try (Wiring second = start()) {
      assertEquals(acme, second.tenants().find(acme.id()).orElseThrow());
      assertEquals("sk-proj-survives-restart-1234", second.cipher().open(sealed, binding).value());
    }
  }

  @Test
  void the_data_folder_it_creates_is_open_to_its_owner_only() throws Exception {
    Path folder = dataDir.resolve("fresh").resolve("killtoken-data");
    try (Wiring wiring = start(folder)) {
      assertEquals(
          PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(folder));
      assertTrue(Files.exists(folder.resolve("mongo.h2")), "the store lives in it");
    }
  }

  @Test
  void a_data_folder_left_open_to_others_is_closed_at_start() throws Exception {
    Path folder =
        Files.createDirectory(
            dataDir.resolve("old"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Wiring wiring = start(folder)) {
      assertEquals(
          PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(folder));
    }
  }

  @Test
  void the_dev_keyset_is_readable_by_its_owner_only() throws Exception {
    try (Wiring wiring = start()) {
      Set<PosixFilePermission> permissions =
          Files.getPosixFilePermissions(dataDir.resolve("dev-master-keyset.json"));

      assertEquals(
          Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), permissions);
    }
  }

  @Test
  void provider_modules_on_the_class_path_are_discovered() {
    try (Wiring wiring = start()) {
      assertEquals("openai", wiring.router().route("gpt-4o-mini").provider().value());
      assertFalse(wiring.router().route("openai/o3").model().isEmpty());
    }
  }
}
