package io.killtoken.domain.apikey;

import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.money.MicroDollars;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What one key may spend: requests per minute, a monthly budget, a monthly budget for each end user
 * of the key (calls that name one), the models it may call (empty = any model the tenant has a
 * credential for), and the models to try, in order, when its model's provider keeps failing (empty
 * = none).
 */
public record ApiKeyLimits(
    OptionalInt requestsPerMinute,
    Optional<MicroDollars> monthlyBudget,
    Set<String> allowedModels,
    List<String> fallbackModels,
    Optional<MicroDollars> endUserMonthlyBudget) {

  public static final ApiKeyLimits NONE =
      new ApiKeyLimits(OptionalInt.empty(), Optional.empty(), Set.of(), List.of());
  public static final int MAX_FALLBACKS = 3;
  public static final int MAX_RPM = 1_000_000;
  public static final int MAX_MODELS = 100;

  public ApiKeyLimits {
    Objects.requireNonNull(requestsPerMinute, "requestsPerMinute");
    Objects.requireNonNull(monthlyBudget, "monthlyBudget");
    Objects.requireNonNull(endUserMonthlyBudget, "endUserMonthlyBudget");
    allowedModels = Set.copyOf(allowedModels);
    fallbackModels = List.copyOf(fallbackModels);
    if (requestsPerMinute.isPresent()
        && (requestsPerMinute.getAsInt() < 1 || requestsPerMinute.getAsInt() > MAX_RPM)) {
      throw new InvalidRequest("'rpm_limit' must be from 1 to " + MAX_RPM + ".");
    }
    if (allowedModels.size() > MAX_MODELS
        || allowedModels.stream().anyMatch(m -> m.isBlank() || m.length() > 200)) {
      throw new InvalidRequest(
          "'allowed_models' holds at most " + MAX_MODELS + " names of 1 to 200 characters.");
    }
    if (fallbackModels.size() > MAX_FALLBACKS
        || fallbackModels.stream().anyMatch(m -> m.isBlank() || m.length() > 200)
        || Set.copyOf(fallbackModels).size() != fallbackModels.size()) {
      throw new InvalidRequest(
          "'fallback_models' holds at most "
              + MAX_FALLBACKS
              + " distinct names of 1 to 200 characters.");
    }
  }

  /** Limits without a budget per end user. */
  public ApiKeyLimits(
      OptionalInt requestsPerMinute,
      Optional<MicroDollars> monthlyBudget,
      Set<String> allowedModels,
      List<String> fallbackModels) {
    this(requestsPerMinute, monthlyBudget, allowedModels, fallbackModels, Optional.empty());
  }

  /** Limits without fallback models. */
  public ApiKeyLimits(
      OptionalInt requestsPerMinute,
      Optional<MicroDollars> monthlyBudget,
      Set<String> allowedModels) {
    this(requestsPerMinute, monthlyBudget, allowedModels, List.of());
  }

  public boolean allowsModel(String model) {
    return allowedModels.isEmpty() || allowedModels.contains(model);
  }
}
