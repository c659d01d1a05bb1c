package io.killtoken.adapters.providers.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.provider.LlmProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OpenAiProviderTest {

  @Test
  void the_module_registers_itself_for_discovery() {
    assertTrue(
        ServiceLoader.load(LlmProvider.class).stream()
            .anyMatch(p -> p.type().equals(OpenAiProvider.class)));
  }

  @Test
  void it_claims_openai_model_names_and_nothing_else() {
    OpenAiProvider openai = new OpenAiProvider();

    assertEquals("openai", openai.id().value());
    assertTrue(openai.servesModel("gpt-4o-mini"));
    assertTrue(openai.servesModel("o3-mini"));
    assertTrue(openai.servesModel("text-embedding-3-small"));
    assertFalse(openai.servesModel("claude-sonnet-4-5"));
    assertFalse(openai.servesModel("gemini-2.5-pro"));
  }
}
