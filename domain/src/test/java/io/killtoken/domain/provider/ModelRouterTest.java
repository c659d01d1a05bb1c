package io.killtoken.domain.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.error.InvalidRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelRouterTest {

  private record Prefixed(ProviderId id, String prefix) implements LlmProvider {
    @Override
    public boolean servesModel(String model) {
      return model.startsWith(prefix);
    }

    @Override
    public java.util.List<String> models() {
      return java.util.List.of();
    }

    @Override
    public java.util.Optional<ModelPrice> price(String model) {
      return java.util.Optional.empty();
    }

    @Override
    public ChatAnswer chat(ChatCall call) {
      throw new UnsupportedOperationException("routing only");
    }

    @Override
    public StreamOutcome stream(ChatCall call, ChunkSink sink) {
      throw new UnsupportedOperationException("routing only");
    }
  }

  private final ModelRouter router =
      new ModelRouter(
          List.of(
              new Prefixed(new ProviderId("openai"), "gpt-"),
              new Prefixed(new ProviderId("anthropic"), "claude-")));

  @Test
  void an_explicit_provider_prefix_wins() {
    assertEquals(
        new ModelRoute(new ProviderId("anthropic"), "claude-sonnet-4-5"),
        router.route("anthropic/claude-sonnet-4-5"));
    assertEquals(
        new ModelRoute(new ProviderId("openai"), "ft:gpt-4o:acme/v2"),
        router.route("openai/ft:gpt-4o:acme/v2"));
  }

  @Test
  void a_bare_name_follows_the_providers_own_rules() {
    assertEquals(new ProviderId("openai"), router.route("gpt-4o-mini").provider());
    assertEquals(new ProviderId("anthropic"), router.route("claude-haiku-4-5").provider());
  }

  @Test
  void an_unknown_model_is_a_clear_bad_request_listing_providers() {
    InvalidRequest error = assertThrows(InvalidRequest.class, () -> router.route("llama-3"));
    assertTrue(error.getMessage().contains("llama-3"));
    assertTrue(error.getMessage().contains("openai"));
  }

  @Test
  void a_bare_name_two_providers_claim_is_refused_rather_than_routed_by_load_order() {
    ModelRouter both =
        new ModelRouter(
            List.of(
                new Prefixed(new ProviderId("openai"), "gpt-"),
                new Prefixed(new ProviderId("mirror"), "gpt-")));

    InvalidRequest error = assertThrows(InvalidRequest.class, () -> both.route("gpt-4o"));

    assertTrue(error.getMessage().contains("[openai, mirror]"), error.getMessage());
    assertEquals(new ProviderId("mirror"), both.route("mirror/gpt-4o").provider());
  }

  @Test
  void missing_or_malformed_models_are_refused() {
    assertThrows(InvalidRequest.class, () -> router.route(null));
    assertThrows(InvalidRequest.class, () -> router.route(""));
    assertThrows(InvalidRequest.class, () -> router.route("gpt-4o\nX-Injected: 1"));
    assertThrows(InvalidRequest.class, () -> router.route("/gpt-4o"));
  }

  @Test
  void two_modules_claiming_one_provider_are_refused_at_startup() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ModelRouter(
                List.of(
                    new Prefixed(new ProviderId("openai"), "gpt-"),
                    new Prefixed(new ProviderId("openai"), "o3"))));
  }
}
