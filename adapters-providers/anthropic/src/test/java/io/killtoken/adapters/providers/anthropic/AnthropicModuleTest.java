package io.killtoken.adapters.providers.anthropic;

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

class AnthropicModuleTest {

  @Test
  void the_module_registers_itself_for_discovery() {
    assertTrue(
        ServiceLoader.load(ProviderModule.class).stream()
            .anyMatch(m -> m.type().equals(AnthropicModule.class)));
    assertFalse(
        ServiceLoader.load(LlmProvider.class).stream().findAny().isPresent(),
        "providers are built by their module, not discovered on their own");
  }

  @Test
  void it_builds_the_anthropic_provider_with_the_default_endpoint() {
    AnthropicModule module = new AnthropicModule();

    assertEquals(List.of(new ProviderId("anthropic")), module.ids());
    try (AnthropicProvider anthropic =
        (AnthropicProvider) module.create(AnthropicProvider.ID, ProviderSettings.DEFAULTS)) {
      assertEquals(module.ids().get(0), anthropic.id());
    }
    assertEquals(URI.create("https://api.anthropic.com/v1"), AnthropicModule.DEFAULT_BASE_URL);
  }

  @Test
  void it_builds_only_the_provider_it_offers() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new AnthropicModule().create(new ProviderId("openai"), ProviderSettings.DEFAULTS));
  }

  @Test
  void it_claims_claude_model_names_and_nothing_else() {
    try (AnthropicProvider anthropic =
        (AnthropicProvider)
            new AnthropicModule().create(AnthropicProvider.ID, ProviderSettings.DEFAULTS)) {
      assertTrue(anthropic.servesModel("claude-sonnet-4-5"));
      assertTrue(anthropic.servesModel("claude-3-5-haiku-20241022"));
      assertTrue(anthropic.servesModel("claude-opus-4-1"));
      assertFalse(anthropic.servesModel("gpt-4o-mini"));
      assertFalse(anthropic.servesModel("gemini-2.5-pro"));
      assertFalse(anthropic.servesModel("claude"));
    }
  }

  @Test
  void its_catalog_lists_model_ids_anthropic_accepts_with_their_prices() {
    try (AnthropicProvider anthropic =
        (AnthropicProvider)
            new AnthropicModule().create(AnthropicProvider.ID, ProviderSettings.DEFAULTS)) {
      assertTrue(anthropic.models().contains("claude-sonnet-4-5"));
      assertTrue(anthropic.models().contains("claude-haiku-4-5"));
      for (String model : anthropic.models()) {
        assertTrue(anthropic.servesModel(model), model);
        assertTrue(anthropic.price(model).isPresent(), model);
      }
    }
  }

  @Test
  void a_base_url_override_must_be_a_plain_http_url() {
    AnthropicModule module = new AnthropicModule();

    for (String bad :
        new String[] {
          "ftp://example.com/v1",
          "/v1",
          "https://user:secret@example.com/v1",
          "https://example.com/v1?key=x",
          "https://example.com/v1#frag"
        }) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              module.create(
                  AnthropicProvider.ID, ProviderSettings.DEFAULTS.withBaseUrl(URI.create(bad))),
          bad);
    }
  }

  @Test
  void a_base_url_override_with_a_trailing_slash_still_reaches_messages() throws Exception {
    try (FakeAnthropic fake = new FakeAnthropic();
        AnthropicProvider anthropic =
            AnthropicChatTest.provider(URI.create(fake.baseUrl() + "/"))) {
      anthropic.chat(AnthropicChatTest.call(AnthropicChatTest.BODY));

      assertEquals("/v1/messages", fake.received().getFirst().path());
    }
  }
}
