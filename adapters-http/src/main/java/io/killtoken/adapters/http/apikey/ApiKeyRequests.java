package io.killtoken.adapters.http.apikey;

import io.killtoken.adapters.http.json.JsonBody;
import io.killtoken.domain.apikey.ApiKeyLimits;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.money.MicroDollars;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Reads the fields of key requests: scopes, per-key RPM, monthly budget in dollars, models. */
final class ApiKeyRequests {

  static final Set<String> FIELDS =
      Set.of(
          "name",
          "scopes",
          "rpm_limit",
          "monthly_budget_usd",
          "end_user_monthly_budget_usd",
          "allowed_models",
          "fallback_models");

  private ApiKeyRequests() {}

  static Optional<Set<ApiKeyScope>> scopes(JsonBody body) {
    return body.strings("scopes").map(ApiKeyRequests::scopes);
  }

  private static Set<ApiKeyScope> scopes(List<String> names) {
    Set<ApiKeyScope> scopes = new HashSet<>();
    for (String name : names) {
      try {
        scopes.add(ApiKeyScope.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new InvalidRequest("'scopes' may hold only 'gateway' and 'admin'.");
      }
    }
    return scopes;
  }

  /** Limits from a create body: absent fields mean no limit. */
  static ApiKeyLimits limits(JsonBody body) {
    return limits(body, ApiKeyLimits.NONE);
  }

  /** Limits from a PATCH body: absent fields keep {@code current}, explicit nulls clear. */
  static ApiKeyLimits limits(JsonBody body, ApiKeyLimits current) {
    OptionalInt rpm = current.requestsPerMinute();
    if (body.has("rpm_limit")) {
      rpm =
          body.integer("rpm_limit")
              .map(v -> OptionalInt.of((int) Math.clamp(v, 0, ApiKeyLimits.MAX_RPM + 1L)))
              .orElse(OptionalInt.empty());
    }
    Optional<MicroDollars> budget = current.monthlyBudget();
    if (body.has("monthly_budget_usd")) {
      budget = body.decimal("monthly_budget_usd").map(d -> dollars(d, "monthly_budget_usd"));
    }
    Optional<MicroDollars> perUser = current.endUserMonthlyBudget();
    if (body.has("end_user_monthly_budget_usd")) {
      perUser =
          body.decimal("end_user_monthly_budget_usd")
              .map(d -> dollars(d, "end_user_monthly_budget_usd"));
    }
    Set<String> models = current.allowedModels();
    if (body.has("allowed_models")) {
      models = body.strings("allowed_models").map(Set::copyOf).orElse(Set.of());
    }
    List<String> fallbacks = current.fallbackModels();
    if (body.has("fallback_models")) {
      fallbacks = body.strings("fallback_models").orElse(List.of());
    }
    return new ApiKeyLimits(rpm, budget, models, fallbacks, perUser);
  }

  static boolean touchesLimits(JsonBody body) {
    return body.has("rpm_limit")
        || body.has("monthly_budget_usd")
        || body.has("end_user_monthly_budget_usd")
        || body.has("allowed_models")
        || body.has("fallback_models");
  }

  private static MicroDollars dollars(BigDecimal dollars, String field) {
    try {
      BigDecimal micros = dollars.movePointRight(6);
      if (micros.signum() < 0 || micros.stripTrailingZeros().scale() > 0) {
        throw new ArithmeticException();
      }
      return new MicroDollars(micros.longValueExact());
    } catch (ArithmeticException e) {
      throw new InvalidRequest(
          "'"
              + field
              + "' must be a non-negative amount of dollars with at most 6 decimals,"
              + " below "
              + Long.MAX_VALUE / 1_000_000
              + ".");
    }
  }
}
