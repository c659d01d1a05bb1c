package io.killtoken.domain.provider;

import java.util.Map;
import java.util.Optional;

/**
 * The operator's own prices, keyed {@code provider/model}, which win over the catalog a provider
 * module ships (negotiated discounts, new models, price changes before a release).
 */
public record PriceList(Map<String, ModelPrice> overrides) {

  public static final PriceList NONE = new PriceList(Map.of());

  public PriceList {
    overrides = Map.copyOf(overrides);
  }

  /** The operator's price for the model if set, else the provider catalog's. */
  public Optional<ModelPrice> priceOf(LlmProvider provider, String model) {
    ModelPrice override = overrides.get(provider.id().value() + "/" + model);
    return override != null ? Optional.of(override) : provider.price(model);
  }
}
