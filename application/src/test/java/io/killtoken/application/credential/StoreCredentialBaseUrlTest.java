package io.killtoken.application.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.application.testing.TestClock;
import io.killtoken.domain.credential.BaseUrlMode;
import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.CustomBaseUrls;
import io.killtoken.domain.credential.InMemoryCredentialRepository;
import io.killtoken.domain.credential.ScriptedHostResolver;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.tenant.TenantId;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoreCredentialBaseUrlTest {

  private static final String SECRET = StoreCredentialTest.SECRET;

  private final TenantId tenant = TenantId.random();
  private final TestClock clock = new TestClock();
  private final InMemoryCredentialRepository credentials = new InMemoryCredentialRepository();
  private final VersionedCipher cipher = new VersionedCipher(1);
  private final ScriptedHostResolver dns =
      new ScriptedHostResolver()
          .answer("llm.example.com", "93.184.215.14")
          .answer("internal.example.com", "10.0.0.7");

  private StoreCredential store(BaseUrlMode mode) {
    return new StoreCredential(
        credentials,
        cipher,
        Set.of(new ProviderId("openai")),
        clock,
        new CustomBaseUrls(mode, dns));
  }

  private StoredCredential create(StoreCredential store, String baseUrl) {
    return store.store(new StoreCredentialCommand(tenant, "openai", SECRET, "own", baseUrl));
  }

  private List<Credential> stored() {
    return credentials.list(tenant, PageRequest.first()).items();
  }

  @Test
  void by_default_a_base_url_is_refused_naming_the_operator_setting_and_nothing_is_stored() {
    StoreCredential byDefault =
        new StoreCredential(credentials, cipher, Set.of(new ProviderId("openai")), clock);

    InvalidRequest refused =
        assertThrows(InvalidRequest.class, () -> create(byDefault, "https://llm.example.com/v1"));

    assertTrue(refused.getMessage().contains("KILLTOKEN_CREDENTIAL_BASE_URLS"));
    assertEquals(List.of(), stored());
    assertEquals(0, dns.lookups());
  }

  @Test
  void without_a_base_url_a_credential_calls_the_provider_whatever_the_setting() {
    Credential credential = create(store(BaseUrlMode.OFF), null).credential();

    assertEquals(Optional.empty(), credential.baseUrl());
  }

  @Test
  void a_public_base_url_is_stored_normalised() {
    Credential credential =
        create(store(BaseUrlMode.PUBLIC), "HTTPS://LLM.example.com/v1/").credential();

    assertEquals(Optional.of(URI.create("https://llm.example.com/v1")), credential.baseUrl());
    assertEquals(List.of(credential), stored());
  }

  @Test
  void an_internal_base_url_is_refused_under_the_public_setting_without_naming_the_address() {
    InvalidRequest refused =
        assertThrows(
            InvalidRequest.class,
            () -> create(store(BaseUrlMode.PUBLIC), "https://internal.example.com/v1"));

    assertTrue(refused.getMessage().startsWith("'base_url'"), refused.getMessage());
    assertFalse(refused.getMessage().contains("10.0.0.7"));
    assertFalse(refused.getMessage().contains(SECRET));
    assertEquals(List.of(), stored());
  }

  @Test
  void the_private_setting_stores_an_http_server_inside_the_network() {
    Credential credential =
        create(store(BaseUrlMode.PRIVATE), "http://internal.example.com:8000/v1").credential();

    assertEquals(
        Optional.of(URI.create("http://internal.example.com:8000/v1")), credential.baseUrl());
  }

  @Test
  void a_bad_secret_is_refused_before_the_base_url_is_resolved() {
    assertThrows(
        InvalidRequest.class,
        () ->
            store(BaseUrlMode.PUBLIC)
                .store(
                    new StoreCredentialCommand(
                        tenant, "openai", "short", null, "https://llm.example.com/v1")));

    assertEquals(0, dns.lookups());
  }

  @Test
  void rotation_keeps_the_base_url() {
    StoreCredential store = store(BaseUrlMode.PUBLIC);
    Credential original = create(store, "https://llm.example.com/v1").credential();
    clock.advance(Duration.ofDays(1));

    Credential rotated =
        store.rotate(tenant, original.id(), StoreCredentialTest.NEW_SECRET).credential();

    assertEquals(original.baseUrl(), rotated.baseUrl());
    assertEquals(Optional.of(rotated), credentials.find(tenant, original.id()));
  }

  @Test
  void the_command_prints_neither_the_secret_nor_the_base_url() {
    StoreCredentialCommand command =
        new StoreCredentialCommand(tenant, "openai", SECRET, "own", "https://llm.example.com/v1");

    assertFalse(command.toString().contains(SECRET));
    assertFalse(command.toString().contains("llm.example.com"));
  }
}
