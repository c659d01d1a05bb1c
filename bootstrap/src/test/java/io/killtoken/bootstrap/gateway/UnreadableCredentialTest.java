package io.killtoken.bootstrap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.killtoken.adapters.crypto.secret.MasterKeyset;
import io.killtoken.adapters.crypto.secret.TinkSecretCipher;
import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.bootstrap.admin.Browser;
import io.killtoken.bootstrap.admin.Node;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.SecretBinding;
import io.killtoken.domain.tenant.TenantId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A stored credential whose ciphertext no longer opens — altered in the database, or sealed under a
 * key the server's keyset does not hold — is answered with an error naming the credential and the
 * fix, not the cryptography.
 */
class UnreadableCredentialTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A tenant with a gateway key and an OpenAI credential; its ids as the API gave them. */
  record Setup(Browser owner, String tenantId, String credentialId, String gatewayKey) {}

  private static Setup setUp(Node node) {
    Browser owner = new Browser(node);
    String tenantId = owner.signUp("unreadable-" + UUID.randomUUID() + "@example.com", "Acme");
    String credentialId =
        owner
            .post(
                "/api/v1/credentials",
                Map.of("provider", "openai", "secret", "sk-proj-unreadable-0123456789abcdef"))
            .json()
            .get("id")
            .asText();
    String key =
        owner
            .post("/api/v1/keys", Map.of("name", "app", "scopes", List.of("gateway")))
            .json()
            .get("key")
            .asText();
    return new Setup(owner, tenantId, credentialId, key);
  }

  private static HttpResponse<String> chat(Node node, String key) throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "model",
                "gpt-4o-mini",
                "messages",
                List.of(Map.of("role", "user", "content", "Hi " + UUID.randomUUID()))));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(node.url("/v1/chat/completions")))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static void assertNamesTheCredential(HttpResponse<String> answer, Setup setup)
      throws Exception {
    assertEquals(400, answer.statusCode(), answer.body());
    JsonNode error = JSON.readTree(answer.body()).get("error");
    String message = error.get("message").asText();
    assertEquals("credential_unreadable", error.get("code").asText());
    assertEquals("credential_unreadable", error.get("type").asText());
    assertTrue(message.contains(setup.credentialId()), message);
    assertTrue(message.contains("'openai'"), message);
    assertTrue(message.contains("Rotate it"), message);
    for (String cryptography : List.of("decrypt", "cipher", "AEAD", "GCM", "Tink", "keyset")) {
      assertFalse(message.contains(cryptography), message);
    }
  }

  private static MongoCollection<Document> credentials(Node.Cluster cluster) {
    return MongoFixture.shared()
        .client()
        .getDatabase(cluster.database())
        .getCollection("credentials");
  }

  @Test
  void a_credential_altered_in_the_database_is_named_with_the_fix_and_rotating_it_mends_it()
      throws Exception {
    Node.Cluster cluster = Node.Cluster.fresh();
    try (FakeOpenAi openai = new FakeOpenAi();
        Node node = cluster.start(Map.of("KILLTOKEN_PROVIDER_OPENAI_BASE_URL", openai.baseUrl()))) {
      Setup setup = setUp(node);
      Document stored = credentials(cluster).find(Filters.eq("_id", setup.credentialId())).first();
      byte[] ciphertext = Base64.getDecoder().decode(stored.getString("sealedSecret"));
      ciphertext[ciphertext.length - 1] ^= 0x01;
      credentials(cluster)
          .updateOne(
              Filters.eq("_id", setup.credentialId()),
              Updates.set("sealedSecret", Base64.getEncoder().encodeToString(ciphertext)));

      assertNamesTheCredential(chat(node, setup.gatewayKey()), setup);

      setup
          .owner()
          .post(
              "/api/v1/credentials/" + setup.credentialId() + "/rotate",
              Map.of("secret", "sk-proj-rotated-0123456789abcdef"));
      assertEquals(200, chat(node, setup.gatewayKey()).statusCode(), "a rotation mends it");
    }
  }

  @Test
  void a_credential_sealed_under_a_key_the_server_does_not_hold_is_named_with_the_fix()
      throws Exception {
    Node.Cluster cluster = Node.Cluster.fresh();
    try (FakeOpenAi openai = new FakeOpenAi();
        Node node = cluster.start(Map.of("KILLTOKEN_PROVIDER_OPENAI_BASE_URL", openai.baseUrl()))) {
      Setup setup = setUp(node);
      // Re-sealed under another deployment's keyset, bound to the right record.
      String foreign =
          new TinkSecretCipher(MasterKeyset.generate())
              .seal(
                  new PlainSecret("sk-proj-foreign-0123456789abcdef"),
                  new SecretBinding(new TenantId(setup.tenantId()), setup.credentialId()))
              .base64();
      credentials(cluster)
          .updateOne(Filters.eq("_id", setup.credentialId()), Updates.set("sealedSecret", foreign));

      assertNamesTheCredential(chat(node, setup.gatewayKey()), setup);
    }
  }
}
