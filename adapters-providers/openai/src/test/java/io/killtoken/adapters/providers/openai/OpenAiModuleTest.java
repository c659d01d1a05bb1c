package io.killtoken.adapters.providers.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ProviderModule;
import io.killtoken.domain.provider.ProviderSettings;
import java.net.URI;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OpenAiModuleTest {

  @Test
  void the_module_registers_itself_for_discovery() {
    assertTrue(
        ServiceLoader.load(ProviderModule.class).stream()
            .anyMatch(m -> m.type().equals(OpenAiModule.class)));
    assertFalse(
        ServiceLoader.load(LlmProvider.class).stream().findAny().isPresent(),
        "providers are built by their module, not discovered on their own");
  }

  @Test
  void it_builds_the_openai_provider_with_the_default_endpoint() {
    OpenAiModule module = new OpenAiModule();

    try (OpenAiProvider openai =
        (OpenAiProvider) module.create(OpenAiProvider.ID, ProviderSettings.DEFAULTS)) {
      assertEquals("openai", module.ids().get(0).value());
      assertEquals(module.ids().get(0), openai.id());
    }
    assertEquals(URI.create("https://api.openai.com/v1"), OpenAiModule.DEFAULT_BASE_URL);
  }

  @Test
  void it_claims_openai_model_names_and_nothing_else() {
    try (OpenAiProvider openai =
        (OpenAiProvider) new OpenAiModule().create(OpenAiProvider.ID, ProviderSettings.DEFAULTS)) {
      assertTrue(openai.servesModel("gpt-4o-mini"));
      assertTrue(openai.servesModel("chatgpt-4o-latest"));
      assertTrue(openai.servesModel("o3-mini"));
      assertTrue(openai.servesModel("o4-mini"));
      assertTrue(openai.servesModel("text-embedding-3-small"));
      assertFalse(openai.servesModel("claude-sonnet-4-5"));
      assertFalse(openai.servesModel("gemini-2.5-pro"));
    }
  }

  @Test
  void a_base_url_override_must_be_a_plain_http_url() {
    OpenAiModule module = new OpenAiModule();

    for (String bad :
        new String[] {
          "ftp://example.com/v1",
          "/v1",
          "https://user:secret@example.com/v1",
          "https://example.com/v1?api_key=x"
        }) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              module.create(
                  OpenAiProvider.ID, ProviderSettings.DEFAULTS.withBaseUrl(URI.create(bad))),
          bad);
    }
  }
}
