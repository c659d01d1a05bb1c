package io.killtoken.adapters.providers.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.adapters.providers.openaiwire.FakeOpenAi;
import io.killtoken.adapters.providers.openaiwire.OpenAiWireProvider;
import io.killtoken.domain.provider.ChatCall;
import io.killtoken.domain.provider.EmbeddingCall;
import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.ProviderModule;
import io.killtoken.domain.provider.ProviderSettings;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.usage.TokenUsage;
import java.net.URI;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A broken timeout would otherwise hang the build on a fake that never answers.
@Timeout(10)
class OpenAiModuleTest {

  private static final PlainSecret KEY = new PlainSecret("sk-tenant-a-own-key-0123456789");

  private static OpenAiWireProvider openai(ProviderSettings settings) {
    return (OpenAiWireProvider) new OpenAiModule().create(OpenAiModule.ID, settings);
  }

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

    try (OpenAiWireProvider openai = openai(ProviderSettings.DEFAULTS)) {
      assertEquals(List.of(new ProviderId("openai")), module.ids());
      assertEquals(module.ids().get(0), openai.id());
      assertEquals(URI.create("https://api.openai.com/v1"), openai.baseUrl());
    }
    assertEquals(URI.create("https://api.openai.com/v1"), OpenAiModule.DEFAULT_BASE_URL);
  }

  @Test
  void it_builds_no_provider_it_does_not_offer() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new OpenAiModule().create(new ProviderId("mistral"), ProviderSettings.DEFAULTS));
  }

  @Test
  void it_claims_openai_model_names_and_nothing_else() {
    try (OpenAiWireProvider openai = openai(ProviderSettings.DEFAULTS)) {
      assertTrue(openai.servesModel("gpt-4o-mini"));
      assertTrue(openai.servesModel("chatgpt-4o-latest"));
      assertTrue(openai.servesModel("o1-mini"));
      assertTrue(openai.servesModel("o3-mini"));
      assertTrue(openai.servesModel("o4-mini"));
      assertTrue(openai.servesModel("text-embedding-3-small"));
      assertFalse(openai.servesModel("claude-sonnet-4-5"));
      assertFalse(openai.servesModel("gemini-2.5-pro"));
      assertFalse(openai.servesModel("mistral-large-latest"));
      assertFalse(openai.servesModel("open-mistral-nemo"));
    }
  }

  @Test
  void it_lists_and_prices_the_models_of_its_shipped_table() {
    try (OpenAiWireProvider openai = openai(ProviderSettings.DEFAULTS)) {
      assertTrue(openai.models().contains("gpt-4o-mini"));
      assertTrue(openai.models().contains("text-embedding-3-small"));
      assertEquals(OpenAiModule.prices().lookup("gpt-4o"), openai.price("gpt-4o-2024-08-06"));
    }
  }

  @Test
  void a_base_url_override_must_be_a_plain_http_url() {
    for (String bad :
        new String[] {
          "ftp://example.com/v1",
          "/v1",
          "https://user:secret@example.com/v1",
          "https://example.com/v1?api_key=x"
        }) {
      assertThrows(
          IllegalArgumentException.class,
          () -> openai(ProviderSettings.DEFAULTS.withBaseUrl(URI.create(bad))),
          bad);
    }
  }

  @Test
  void chat_and_embeddings_go_to_the_operators_base_url_with_the_tenant_key() throws Exception {
    try (FakeOpenAi fake = new FakeOpenAi();
        OpenAiWireProvider openai = openai(ProviderSettings.DEFAULTS.withBaseUrl(fake.baseUrl()))) {
      openai.chat(
          new ChatCall(
              "gpt-4o-mini",
              "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
              KEY,
              false));
      fake.answer(exchange -> FakeOpenAi.json(exchange, 200, FakeOpenAi.EMBEDDINGS));
      TokenUsage embedded =
          openai
              .embed(new EmbeddingCall("text-embedding-3-small", "{\"input\":\"hi\"}", KEY))
              .usage();

      List<FakeOpenAi.Received> received = fake.received();
      assertEquals("/v1/chat/completions", received.get(0).path());
      assertEquals("/v1/embeddings", received.get(1).path());
      assertEquals("Bearer " + KEY.value(), received.get(1).authorization());
      assertEquals("text-embedding-3-small", received.get(1).body().path("model").asText());
      assertEquals(new TokenUsage(9, 0, 0), embedded);
    }
  }
}
