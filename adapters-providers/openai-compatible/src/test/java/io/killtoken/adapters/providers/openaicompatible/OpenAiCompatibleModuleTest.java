package io.killtoken.adapters.providers.openaicompatible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.adapters.providers.openaiwire.FakeOpenAi;
import io.killtoken.adapters.providers.openaiwire.OpenAiWireProvider;
import io.killtoken.domain.provider.ChatCall;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.ProviderModule;
import io.killtoken.domain.provider.ProviderSettings;
import io.killtoken.domain.secret.PlainSecret;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A broken timeout would otherwise hang the build on a fake that never answers.
@Timeout(10)
class OpenAiCompatibleModuleTest {

  static final PlainSecret KEY = new PlainSecret("tenant-own-provider-key-0123456789");

  /** The fixed endpoints the data file must declare, in its order. */
  private static final Map<String, URI> DEFAULT_BASE_URLS = new LinkedHashMap<>();

  static {
    DEFAULT_BASE_URLS.put("mistral", URI.create("https://api.mistral.ai/v1"));
    DEFAULT_BASE_URLS.put("groq", URI.create("https://api.groq.com/openai/v1"));
    DEFAULT_BASE_URLS.put("deepseek", URI.create("https://api.deepseek.com/v1"));
    DEFAULT_BASE_URLS.put("together", URI.create("https://api.together.xyz/v1"));
    DEFAULT_BASE_URLS.put("openrouter", URI.create("https://openrouter.ai/api/v1"));
    DEFAULT_BASE_URLS.put("xai", URI.create("https://api.x.ai/v1"));
    DEFAULT_BASE_URLS.put("fireworks", URI.create("https://api.fireworks.ai/inference/v1"));
  }

  private final OpenAiCompatibleModule module = new OpenAiCompatibleModule();

  static OpenAiWireProvider provider(String id, ProviderSettings settings) {
    return (OpenAiWireProvider) new OpenAiCompatibleModule().create(new ProviderId(id), settings);
  }

  @Test
  void the_module_registers_itself_for_discovery() {
    assertTrue(
        ServiceLoader.load(ProviderModule.class).stream()
            .anyMatch(m -> m.type().equals(OpenAiCompatibleModule.class)));
  }

  @Test
  void it_offers_exactly_the_providers_declared_in_the_data_file() {
    assertEquals(DEFAULT_BASE_URLS.keySet().stream().map(ProviderId::new).toList(), module.ids());
  }

  @Test
  void each_provider_is_built_with_its_fixed_base_url_from_the_data() {
    for (ProviderId id : module.ids()) {
      try (OpenAiWireProvider provider =
          (OpenAiWireProvider) module.create(id, ProviderSettings.DEFAULTS)) {
        assertEquals(id, provider.id());
        assertEquals(DEFAULT_BASE_URLS.get(id.value()), provider.baseUrl(), id.value());
      }
    }
  }

  @Test
  void each_provider_calls_the_operators_base_url_with_the_tenant_key_and_its_model()
      throws Exception {
    try (FakeOpenAi fake = new FakeOpenAi()) {
      for (ProviderId id : module.ids()) {
        URI override = fake.baseUrl("/" + id.value() + "/v1");
        try (OpenAiWireProvider provider =
            (OpenAiWireProvider)
                module.create(id, ProviderSettings.DEFAULTS.withBaseUrl(override))) {
          provider.chat(
              new ChatCall(
                  "model-of-" + id.value(),
                  """
                  {"model":"%s/model-of-%s","messages":[{"role":"user","content":"hi"}]}"""
                      .formatted(id.value(), id.value()),
                  KEY,
                  false));
        }
      }

      List<FakeOpenAi.Received> received = fake.received();
      assertEquals(module.ids().size(), received.size());
      for (int i = 0; i < received.size(); i++) {
        String id = module.ids().get(i).value();
        assertEquals("/" + id + "/v1/chat/completions", received.get(i).path());
        assertEquals("Bearer " + KEY.value(), received.get(i).authorization());
        assertEquals("model-of-" + id, received.get(i).body().path("model").asText());
      }
    }
  }

  @Test
  void it_builds_no_provider_the_data_does_not_declare() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> module.create(new ProviderId("openai"), ProviderSettings.DEFAULTS));

    assertTrue(refused.getMessage().contains("mistral"), refused.getMessage());
  }
}
