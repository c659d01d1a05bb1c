package io.killtoken.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.killtoken.adapters.crypto.secret.MasterKeyset;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.adapters.redis.RedisFixture;
import io.killtoken.application.credential.ResealCredentials;
import io.killtoken.bootstrap.config.AppConfig;
import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.error.SecretUnavailable;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.tenant.TenantId;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator procedure of docs/operations.md: promote a new key, reseal, retire the old key. */
class MasterKeyRotationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  private final String database = MongoFixture.freshDatabaseName();

  private AppConfig config(String keyset) {
    return AppConfig.fromEnv(
        Map.of(
            "KILLTOKEN_PORT",
            "0",
            "KILLTOKEN_DATA_DIR",
            dataDir.toString(),
            "MONGODB_URI",
            MongoFixture.shared().connectionString(),
            "MONGODB_DATABASE",
            database,
            "REDIS_URL",
            RedisFixture.shared().url(),
            "KILLTOKEN_MASTER_KEYSET",
            keyset));
  }

  /** The keyset without the key {@code keyId}: what is left once the old key is retired. */
  private static String without(String keyset, int keyId) throws Exception {
    ObjectNode json = (ObjectNode) JSON.readTree(keyset);
    ArrayNode keys = (ArrayNode) json.get("key");
    for (int i = keys.size() - 1; i >= 0; i--) {
      if (keys.get(i).get("keyId").asInt() == keyId) {
        keys.remove(i);
      }
    }
    return JSON.writeValueAsString(json);
  }

  @Test
  void credentials_survive_a_rotation_and_open_under_the_new_key_alone() throws Exception {
    MasterKeyset old = MasterKeyset.generate();
    MasterKeyset rotated = old.rotate();
    TenantId tenant = TenantId.random();
    CredentialId id = CredentialId.random();
    Credential sealedUnderOld;
    try (Wiring before = Wiring.start(config(old.toJson()), InstantSource.system())) {
      Credential credential =
          new Credential(
              id,
              tenant,
              new ProviderId("openai"),
              "prod",
              before
                  .cipher()
                  .seal(
                      new PlainSecret("sk-proj-rotate-me-123456"),
                      new io.killtoken.domain.secret.SecretBinding(tenant, id.value())),
              "sk-…3456",
              Instant.parse("2026-11-01T00:00:00Z"),
              Instant.parse("2026-11-01T00:00:00Z"));
      before.credentials().save(credential);
      sealedUnderOld = credential;
    }

    ResealCredentials.Outcome outcome = Wiring.resealCredentials(config(rotated.toJson()));

    assertEquals(new ResealCredentials.Outcome(1, 0), outcome);
    String newKeyOnly = without(rotated.toJson(), old.primaryKeyId());
    try (Wiring after = Wiring.start(config(newKeyOnly), InstantSource.system())) {
      Credential resealed = after.credentials().find(tenant, id).orElseThrow();
      assertNotEquals(sealedUnderOld.secret(), resealed.secret());
      assertEquals(sealedUnderOld.rotatedAt(), resealed.rotatedAt(), "a reseal is not a rotation");
      assertEquals(
          "sk-proj-rotate-me-123456",
          after.cipher().open(resealed.secret(), resealed.binding()).value());
      assertThrows(
          SecretUnavailable.class,
          () -> after.cipher().open(sealedUnderOld.secret(), sealedUnderOld.binding()),
          "the retired key is really gone");
    }
  }
}
