package io.killtoken.adapters.providers.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.ProviderModule;
import io.killtoken.domain.provider.ProviderSettings;
import java.net.URI;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class GeminiModuleTest {

  @Test
  void the_module_registers_itself_for_discovery() {
    assertTrue(
        ServiceLoader.load(ProviderModule.class).stream()
            .anyMatch(m -> m.type().equals(GeminiModule.class)));
    assertFalse(
        ServiceLoader.load(LlmProvider.class).stream().findAny().isPresent(),
        "providers are built by their module, not discovered on their own");
  }

  @Test
  void it_builds_the_gemini_provider_with_the_default_endpoint() {
    GeminiModule module = new GeminiModule();

    assertEquals(List.of(new ProviderId("gemini")), module.ids());
    try (GeminiProvider gemini =
        (GeminiProvider) module.create(GeminiProvider.ID, ProviderSettings.DEFAULTS)) {
      assertEquals(GeminiProvider.ID, gemini.id());
    }
    assertEquals(
        URI.create("https://generativelanguage.googleapis.com/v1beta"),
        GeminiModule.DEFAULT_BASE_URL);
  }

  @Test
  void it_refuses_to_build_a_provider_it_does_not_offer() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new GeminiModule().create(new ProviderId("openai"), ProviderSettings.DEFAULTS));
  }

  @Test
  void it_claims_gemini_model_names_and_leaves_other_providers_theirs() {
    try (GeminiProvider gemini =
        (GeminiProvider) new GeminiModule().create(GeminiProvider.ID, ProviderSettings.DEFAULTS)) {
      assertTrue(gemini.servesModel("gemini-2.5-flash"));
      assertTrue(gemini.servesModel("gemini-2.5-pro"));
      assertTrue(gemini.servesModel("gemini-embedding-001"));
      assertTrue(gemini.servesModel("text-embedding-004"));
      assertFalse(gemini.servesModel("text-embedding-3-small"));
      assertFalse(gemini.servesModel("text-embedding-ada-002"));
      assertFalse(gemini.servesModel("gpt-4o-mini"));
      assertFalse(gemini.servesModel("claude-sonnet-4-5"));
    }
  }

  @Test
  void its_catalog_lists_the_priced_models() {
    try (GeminiProvider gemini =
        (GeminiProvider) new GeminiModule().create(GeminiProvider.ID, ProviderSettings.DEFAULTS)) {
      assertTrue(gemini.models().contains("gemini-2.5-flash"));
      assertTrue(gemini.models().contains("text-embedding-004"));
      assertTrue(gemini.price("gemini-2.5-flash-preview-09-2025").isPresent());
    }
  }

  @Test
  void a_base_url_override_must_be_a_plain_http_url() {
    GeminiModule module = new GeminiModule();

    for (String bad :
        new String[] {
          "ftp://example.com/v1beta",
          "/v1beta",
          "https://user:secret@example.com/v1beta",
          "https://example.com/v1beta?key=AIzaSyNotHere",
          "https://example.com/v1beta#x"
        }) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              module.create(
                  GeminiProvider.ID, ProviderSettings.DEFAULTS.withBaseUrl(URI.create(bad))),
          bad);
    }
  }

  @Test
  void an_operator_override_replaces_the_default_endpoint() throws Exception {
    try (FakeGemini fake = new FakeGemini();
        GeminiProvider gemini =
            (GeminiProvider)
                new GeminiModule()
                    .create(
                        GeminiProvider.ID,
                        ProviderSettings.DEFAULTS.withBaseUrl(URI.create(fake.baseUrl() + "/")))) {
      gemini.chat(GeminiChatTest.call(GeminiChatTest.BODY));

      assertEquals(
          "/v1beta/models/gemini-2.5-flash:generateContent", fake.received().getFirst().path());
    }
  }
}
