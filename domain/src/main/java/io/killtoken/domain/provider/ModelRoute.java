package io.killtoken.domain.provider;

import java.util.Objects;

/** Where a requested model goes: the provider and the model name that provider knows. */
public record ModelRoute(ProviderId provider, String model) {

  public ModelRoute {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
  }
}
