package io.killtoken.adapters.providers.openaicompatible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.adapters.providers.openaiwire.OpenAiWireProvider;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.provider.ModelRoute;
import io.killtoken.domain.provider.ModelRouter;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.ProviderSettings;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleRoutingTest {

  private List<OpenAiWireProvider> providers;
  private ModelRouter router;

  @BeforeEach
  void build() {
    OpenAiCompatibleModule module = new OpenAiCompatibleModule();
    providers =
        module.ids().stream()
            .map(id -> (OpenAiWireProvider) module.create(id, ProviderSettings.DEFAULTS))
            .toList();
    router = new ModelRouter(providers);
  }

  @AfterEach
  void close() {
    providers.forEach(OpenAiWireProvider::close);
  }

  private static ModelRoute route(String provider, String model) {
    return new ModelRoute(new ProviderId(provider), model);
  }

  @Test
  void bare_mistral_names_route_to_mistral() {
    assertEquals(route("mistral", "mistral-large-latest"), router.route("mistral-large-latest"));
    assertEquals(route("mistral", "codestral-latest"), router.route("codestral-latest"));
    assertEquals(route("mistral", "ministral-8b-latest"), router.route("ministral-8b-latest"));
    assertEquals(route("mistral", "open-mistral-nemo"), router.route("open-mistral-nemo"));
    assertEquals(route("mistral", "mistral-embed"), router.route("mistral-embed"));
  }

  @Test
  void bare_deepseek_and_grok_names_route_to_their_makers() {
    assertEquals(route("deepseek", "deepseek-chat"), router.route("deepseek-chat"));
    assertEquals(route("deepseek", "deepseek-reasoner"), router.route("deepseek-reasoner"));
    assertEquals(route("xai", "grok-4"), router.route("grok-4"));
    assertEquals(route("xai", "grok-code-fast-1"), router.route("grok-code-fast-1"));
  }

  @Test
  void hosts_of_other_vendors_models_are_reached_only_by_provider_and_model() {
    assertThrows(InvalidRequest.class, () -> router.route("llama-3.3-70b-versatile"));
    assertEquals(
        route("groq", "llama-3.3-70b-versatile"), router.route("groq/llama-3.3-70b-versatile"));
    assertEquals(
        route("together", "meta-llama/Llama-3.3-70B-Instruct-Turbo"),
        router.route("together/meta-llama/Llama-3.3-70B-Instruct-Turbo"));
    assertEquals(
        route("openrouter", "anthropic/claude-sonnet-4.5"),
        router.route("openrouter/anthropic/claude-sonnet-4.5"));
    assertEquals(
        route("fireworks", "accounts/fireworks/models/llama-v3p3-70b-instruct"),
        router.route("fireworks/accounts/fireworks/models/llama-v3p3-70b-instruct"));
  }

  @Test
  void an_explicit_provider_wins_over_the_name_rules() {
    // Groq also serves models named like another maker's; the explicit prefix decides.
    assertEquals(route("groq", "mistral-saba-24b"), router.route("groq/mistral-saba-24b"));
    assertEquals(
        route("openrouter", "deepseek/deepseek-chat"),
        router.route("openrouter/deepseek/deepseek-chat"));
  }

  @Test
  void no_declared_provider_claims_a_name_of_openai_anthropic_or_gemini() {
    for (String foreign :
        List.of(
            "gpt-4o-mini",
            "chatgpt-4o-latest",
            "o1-mini",
            "o3",
            "o4-mini",
            "text-embedding-3-small",
            "claude-sonnet-4-5",
            "gemini-2.5-pro",
            "text-embedding-004")) {
      for (OpenAiWireProvider provider : providers) {
        assertFalse(provider.servesModel(foreign), provider.id() + " claims " + foreign);
      }
    }
  }

  @Test
  void a_provider_with_name_rules_lists_its_priced_models_under_names_that_route_back_to_it() {
    for (OpenAiWireProvider provider : providers) {
      boolean hasRules = provider.models().stream().anyMatch(provider::servesModel);
      if (!hasRules) {
        continue;
      }
      for (String model : provider.models()) {
        assertEquals(provider.id(), router.route(model).provider(), model);
      }
    }
    assertTrue(providers.stream().anyMatch(p -> p.id().value().equals("mistral")));
  }
}
