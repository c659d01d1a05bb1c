package io.killtoken.domain.cache;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.provider.ModelRoute;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.usage.TokenUsage;
import java.time.Instant;
import java.util.Objects;

/**
 * What the cache keeps of one successful answer: the OpenAI {@code chat.completion} body, its usage
 * and what it cost (so a hit can report the tokens and dollars it saved), and where and when it
 * came from. Never a key, credential or request header.
 *
 * @param finishReason as in {@link ChatAnswer}, so a hit needs no second look at the body
 * @param cost what the original call cost, which is what each hit saves
 */
public record CachedAnswer(
    String body,
    String finishReason,
    TokenUsage usage,
    MicroDollars cost,
    ProviderId provider,
    String model,
    Instant createdAt) {

  public CachedAnswer {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The answer a provider on {@code route} gave at {@code at}, which cost {@code cost}. */
  public static CachedAnswer of(
      ChatAnswer answer, ModelRoute route, MicroDollars cost, Instant at) {
    return new CachedAnswer(
        answer.body(),
        answer.finishReason(),
        answer.usage(),
        cost,
        route.provider(),
        route.model(),
        at);
  }

  /** The answer to hand back to the client, exactly as the provider gave it. */
  public ChatAnswer toChatAnswer() {
    return new ChatAnswer(body, usage, finishReason);
  }

  /** Without the body: it holds completion text, which never reaches a log. */
  @Override
  public String toString() {
    return "CachedAnswer[provider="
        + provider
        + ", model="
        + model
        + ", usage="
        + usage
        + ", cost="
        + cost
        + ", createdAt="
        + createdAt
        + ", body="
        + body.length()
        + " chars]";
  }
}
