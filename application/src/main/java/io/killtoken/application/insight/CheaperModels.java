package io.killtoken.application.insight;

import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ModelPrice;
import io.killtoken.domain.provider.PriceList;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.usage.TokenUsage;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The price catalog as the insights read it: what a model costs, and its provider's cheapest. */
final class CheaperModels {

  /** A model of a provider and its price. */
  record Priced(String model, ModelPrice price) {}

  private final List<LlmProvider> providers;
  private final PriceList prices;

  CheaperModels(List<LlmProvider> providers, PriceList prices) {
    this.providers = List.copyOf(providers);
    this.prices = prices;
  }

  /**
   * The provider's chat model (one with an output price) that would have cost least for {@code
   * tokens}, when it is not {@code model} itself.
   */
  Optional<Priced> cheapest(ProviderId provider, String model, TokenUsage tokens) {
    Optional<LlmProvider> found = find(provider);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    return found.get().models().stream()
        .flatMap(m -> prices.priceOf(found.get(), m).map(p -> new Priced(m, p)).stream())
        .filter(priced -> priced.price().outputPerMillion().value() > 0)
        .min(Comparator.comparing((Priced priced) -> priced.price().cost(tokens)))
        .filter(priced -> !priced.model().equals(model));
  }

  /** What {@code model} of {@code provider} costs, when the catalog knows. */
  Optional<ModelPrice> priceOf(ProviderId provider, String model) {
    return find(provider).flatMap(found -> prices.priceOf(found, model));
  }

  private Optional<LlmProvider> find(ProviderId provider) {
    return providers.stream().filter(p -> p.id().equals(provider)).findFirst();
  }
}
