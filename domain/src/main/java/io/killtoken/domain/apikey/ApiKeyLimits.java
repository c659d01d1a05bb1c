package io.killtoken.domain.apikey;

import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.money.MicroDollars;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What one key may spend: requests per minute, a monthly budget, and the models it may call (empty
 * = any model the tenant has a credential for).
 */
public record ApiKeyLimits(
    OptionalInt requestsPerMinute,
    Optional<MicroDollars> monthlyBudget,
    Set<String> allowedModels) {

  public static final ApiKeyLimits NONE =
      new ApiKeyLimits(OptionalInt.empty(), Optional.empty(), Set.of());
  public static final int MAX_RPM = 1_000_000;
  public static final int MAX_MODELS = 100;

  public ApiKeyLimits {
    Objects.requireNonNull(requestsPerMinute, "requestsPerMinute");
    Objects.requireNonNull(monthlyBudget, "monthlyBudget");
    allowedModels = Set.copyOf(allowedModels);
    if (requestsPerMinute.isPresent()
        && (requestsPerMinute.getAsInt() < 1 || requestsPerMinute.getAsInt() > MAX_RPM)) {
      throw new InvalidRequest("'rpm_limit' must be from 1 to " + MAX_RPM + ".");
    }
    if (allowedModels.size() > MAX_MODELS
        || allowedModels.stream().anyMatch(m -> m.isBlank() || m.length() > 200)) {
      throw new InvalidRequest(
          "'allowed_models' holds at most " + MAX_MODELS + " names of 1 to 200 characters.");
    }
  }

  public boolean allowsModel(String model) {
    return allowedModels.isEmpty() || allowedModels.contains(model);
  }
}
