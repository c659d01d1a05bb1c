package io.killtoken.adapters.http.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.killtoken.adapters.http.access.AdminAccess;
import io.killtoken.adapters.http.error.ErrorResponses;
import io.killtoken.adapters.http.server.HttpServer;
import io.killtoken.adapters.http.server.HttpSettings;
import io.killtoken.application.account.AuthenticateSession;
import io.killtoken.application.apikey.AuthenticateApiKey;
import io.killtoken.application.apikey.IssueApiKey;
import io.killtoken.application.apikey.IssueApiKeyCommand;
import io.killtoken.application.credential.ManageCredentials;
import io.killtoken.application.credential.StoreCredential;
import io.killtoken.domain.apikey.ApiKeyFormat;
import io.killtoken.domain.apikey.ApiKeyLimits;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.apikey.InMemoryApiKeyRepository;
import io.killtoken.domain.credential.BaseUrlMode;
import io.killtoken.domain.credential.CustomBaseUrls;
import io.killtoken.domain.credential.InMemoryCredentialRepository;
import io.killtoken.domain.credential.ScriptedHostResolver;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.BindingCheckingCipher;
import io.killtoken.domain.session.InMemorySessionRepository;
import io.killtoken.domain.session.SessionSigningKey;
import io.killtoken.domain.session.SessionTokens;
import io.killtoken.domain.tenant.TenantId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CredentialRoutesTest {

  private static final String SECRET = "sk-proj-Zx81Qm0Lr7Tt3Yp9a1b2";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ScriptedHostResolver DNS =
      new ScriptedHostResolver()
          .answer("llm.example.com", "93.184.215.14")
          .answer("internal.example.com", "10.0.0.7");
  private static final InMemoryApiKeyRepository KEYS = new InMemoryApiKeyRepository();
  private static final IssueApiKey ISSUE =
      new IssueApiKey(KEYS, new ApiKeyFormat(new SecureRandom()), InstantSource.system());

  private static HttpServer off;
  private static HttpServer publicOnly;

  @BeforeAll
  static void start() {
    off = server(CustomBaseUrls.off());
    publicOnly = server(new CustomBaseUrls(BaseUrlMode.PUBLIC, DNS));
  }

  @AfterAll
  static void stop() {
    off.stop();
    publicOnly.stop();
  }

  private static HttpServer server(CustomBaseUrls baseUrls) {
    InMemoryCredentialRepository credentials = new InMemoryCredentialRepository();
    InstantSource clock = InstantSource.system();
    SessionTokens tokens =
        new SessionTokens(new SessionSigningKey(new byte[32]), new SecureRandom());
    CredentialRoutes routes =
        new CredentialRoutes(
            new StoreCredential(
                credentials,
                new BindingCheckingCipher(),
                Set.of(new ProviderId("openai")),
                clock,
                baseUrls),
            new ManageCredentials(credentials));
    return new HttpServer(
            new HttpSettings("127.0.0.1", 0, 64 * 1024, Duration.ofSeconds(2)),
            List.of(
                new ErrorResponses(JSON)::register,
                new AdminAccess(
                        new AuthenticateApiKey(KEYS, clock, Runnable::run),
                        new AuthenticateSession(new InMemorySessionRepository(), tokens, clock))
                    ::register,
                routes::register))
        .start();
  }

  private static String adminKey() {
    return ISSUE
        .issue(
            new IssueApiKeyCommand(
                TenantId.random(), "admin", Set.of(ApiKeyScope.ADMIN), ApiKeyLimits.NONE))
        .plain()
        .value();
  }

  private static HttpResponse<String> send(
      HttpServer server, String key, String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Authorization", "Bearer " + key);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return CLIENT.send(
        request
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String create(String baseUrl) {
    return "{\"provider\":\"openai\",\"secret\":\""
        + SECRET
        + "\",\"base_url\":"
        + (baseUrl == null ? "null" : "\"" + baseUrl + "\"")
        + "}";
  }

  private static JsonNode problem(HttpResponse<String> response) throws Exception {
    assertEquals(400, response.statusCode(), response.body());
    assertTrue(
        response
            .headers()
            .firstValue("content-type")
            .orElseThrow()
            .startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertFalse(response.body().contains(SECRET), "the secret is never echoed");
    return problem;
  }

  @Test
  void with_base_urls_off_a_create_with_a_base_url_is_a_400_naming_the_setting() throws Exception {
    String key = adminKey();

    JsonNode problem =
        problem(
            send(off, key, "POST", "/api/v1/credentials", create("https://llm.example.com/v1")));

    assertEquals("invalid_request", problem.get("code").asText());
    assertTrue(problem.get("detail").asText().contains("KILLTOKEN_CREDENTIAL_BASE_URLS"));
    JsonNode list = JSON.readTree(send(off, key, "GET", "/api/v1/credentials", null).body());
    assertEquals(0, list.get("data").size(), "nothing was stored");
  }

  @Test
  void with_base_urls_off_a_credential_without_one_is_stored_and_shows_a_null_base_url()
      throws Exception {
    HttpResponse<String> created =
        send(off, adminKey(), "POST", "/api/v1/credentials", create(null));

    assertEquals(201, created.statusCode(), created.body());
    JsonNode view = JSON.readTree(created.body());
    assertTrue(view.has("base_url"));
    assertTrue(view.get("base_url").isNull());
  }

  @Test
  void a_public_base_url_is_stored_normalised_and_every_view_shows_it() throws Exception {
    String key = adminKey();

    HttpResponse<String> created =
        send(publicOnly, key, "POST", "/api/v1/credentials", create("HTTPS://LLM.Example.com/v1/"));

    assertEquals(201, created.statusCode(), created.body());
    JsonNode view = JSON.readTree(created.body());
    assertEquals("https://llm.example.com/v1", view.get("base_url").asText());
    assertEquals(SECRET, view.get("secret").asText(), "the plaintext, this once");
    String id = view.get("id").asText();
    JsonNode shown =
        JSON.readTree(send(publicOnly, key, "GET", "/api/v1/credentials/" + id, null).body());
    assertEquals("https://llm.example.com/v1", shown.get("base_url").asText());
    assertFalse(shown.has("secret"));
    JsonNode listed =
        JSON.readTree(send(publicOnly, key, "GET", "/api/v1/credentials", null).body());
    assertEquals("https://llm.example.com/v1", listed.get("data").get(0).get("base_url").asText());
  }

  @Test
  void another_tenant_cannot_see_the_credential_or_its_base_url() throws Exception {
    String owner = adminKey();
    String id =
        JSON.readTree(
                send(
                        publicOnly,
                        owner,
                        "POST",
                        "/api/v1/credentials",
                        create("https://llm.example.com/v1"))
                    .body())
            .get("id")
            .asText();
    String other = adminKey();

    HttpResponse<String> theirs = send(publicOnly, other, "GET", "/api/v1/credentials/" + id, null);
    HttpResponse<String> missing =
        send(publicOnly, other, "GET", "/api/v1/credentials/" + TenantId.random().value(), null);
    HttpResponse<String> list = send(publicOnly, other, "GET", "/api/v1/credentials", null);

    assertEquals(404, theirs.statusCode());
    assertEquals(missing.statusCode(), theirs.statusCode());
    assertEquals(
        JSON.readTree(missing.body()).get("detail"), JSON.readTree(theirs.body()).get("detail"));
    assertFalse(theirs.body().contains("llm.example.com"));
    assertFalse(list.body().contains("llm.example.com"));
  }

  @Test
  void an_internal_base_url_is_a_400_that_does_not_name_the_address() throws Exception {
    String key = adminKey();

    JsonNode byName =
        problem(
            send(
                publicOnly,
                key,
                "POST",
                "/api/v1/credentials",
                create("https://internal.example.com/v1")));
    JsonNode byLiteral =
        problem(
            send(
                publicOnly,
                key,
                "POST",
                "/api/v1/credentials",
                create("https://[::ffff:169.254.169.254]/latest")));

    assertTrue(byName.get("detail").asText().startsWith("'base_url'"));
    assertFalse(byName.toString().contains("10.0.0.7"));
    assertFalse(byLiteral.toString().contains("169.254"));
  }

  @Test
  void a_base_url_cannot_be_changed_by_rotation() throws Exception {
    String key = adminKey();
    String id =
        JSON.readTree(
                send(
                        publicOnly,
                        key,
                        "POST",
                        "/api/v1/credentials",
                        create("https://llm.example.com/v1"))
                    .body())
            .get("id")
            .asText();

    JsonNode refused =
        problem(
            send(
                publicOnly,
                key,
                "POST",
                "/api/v1/credentials/" + id + "/rotate",
                "{\"secret\":\"sk-proj-Nn42Kd7Wq0Ee5Rr1c3d4\",\"base_url\":\"https://x.example\"}"));
    HttpResponse<String> rotated =
        send(
            publicOnly,
            key,
            "POST",
            "/api/v1/credentials/" + id + "/rotate",
            "{\"secret\":\"sk-proj-Nn42Kd7Wq0Ee5Rr1c3d4\"}");

    assertTrue(refused.get("detail").asText().contains("base_url"));
    assertEquals(200, rotated.statusCode(), rotated.body());
    assertEquals(
        "https://llm.example.com/v1", JSON.readTree(rotated.body()).get("base_url").asText());
  }

  @Test
  void a_base_url_that_is_not_a_string_is_a_400() throws Exception {
    JsonNode problem =
        problem(
            send(
                publicOnly,
                adminKey(),
                "POST",
                "/api/v1/credentials",
                "{\"provider\":\"openai\",\"secret\":\""
                    + SECRET
                    + "\",\"base_url\":{\"host\":\"x\"}}"));

    assertEquals("'base_url' must be a string.", problem.get("detail").asText());
  }
}
