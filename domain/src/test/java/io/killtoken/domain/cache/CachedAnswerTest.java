package io.killtoken.domain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.provider.ModelRoute;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.usage.TokenUsage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CachedAnswerTest {

  private static final ChatAnswer ANSWER =
      new ChatAnswer(
          "{\"choices\":[{\"message\":{\"content\":\"the secret plan\"}}]}",
          new TokenUsage(9, 4, 0),
          "stop");

  @Test
  void a_provider_answer_is_kept_with_its_route_cost_and_time_and_given_back_unchanged() {
    ModelRoute route = new ModelRoute(new ProviderId("openai"), "gpt-4o");
    Instant at = Instant.parse("2026-01-02T03:04:05Z");

    CachedAnswer cached = CachedAnswer.of(ANSWER, route, new MicroDollars(55), at);

    assertEquals(route.provider(), cached.provider());
    assertEquals("gpt-4o", cached.model());
    assertEquals(new MicroDollars(55), cached.cost());
    assertEquals(at, cached.createdAt());
    assertEquals(ANSWER, cached.toChatAnswer());
  }

  @Test
  void to_string_never_shows_the_completion_text() {
    String shown =
        CachedAnswer.of(
                ANSWER,
                new ModelRoute(new ProviderId("openai"), "gpt-4o"),
                MicroDollars.ZERO,
                Instant.EPOCH)
            .toString();

    assertFalse(shown.contains("secret plan"), shown);
    assertTrue(shown.contains("gpt-4o"), shown);
  }
}
