package io.killtoken.domain.provider;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.usage.TokenUsage;
import java.util.Objects;

/** A model's list prices per million tokens: prompt, cached prompt, and completion. */
public record ModelPrice(
    MicroDollars inputPerMillion,
    MicroDollars cachedInputPerMillion,
    MicroDollars outputPerMillion) {

  public ModelPrice {
    Objects.requireNonNull(inputPerMillion, "inputPerMillion");
    Objects.requireNonNull(cachedInputPerMillion, "cachedInputPerMillion");
    Objects.requireNonNull(outputPerMillion, "outputPerMillion");
  }

  /** The cost of a call: cached prompt tokens at their own price, the rest at the full price. */
  public MicroDollars cost(TokenUsage usage) {
    return MicroDollars.forTokens(usage.input() - usage.cachedInput(), inputPerMillion)
        .plus(MicroDollars.forTokens(usage.cachedInput(), cachedInputPerMillion))
        .plus(MicroDollars.forTokens(usage.output(), outputPerMillion));
  }
}
