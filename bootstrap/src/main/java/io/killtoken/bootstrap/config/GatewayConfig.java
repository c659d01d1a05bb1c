package io.killtoken.bootstrap.config;

import io.killtoken.application.gateway.RetryPolicy;
import io.killtoken.domain.credential.BaseUrlMode;
import io.killtoken.domain.provider.PriceList;
import io.killtoken.domain.tenant.Plan;
import java.util.Objects;

/**
 * How the gateway treats providers and tenants: the operator's price overrides ({@code
 * KILLTOKEN_PRICES_FILE}), the retry policy ({@code KILLTOKEN_UPSTREAM_RETRIES}), whether
 * credentials may name their own base URL ({@code KILLTOKEN_CREDENTIAL_BASE_URLS}), and the plan
 * new tenants start on ({@code KILLTOKEN_SIGNUP_PLAN}).
 */
public record GatewayConfig(
    PriceList prices, RetryPolicy retries, BaseUrlMode credentialBaseUrls, Plan signupPlan) {

  public GatewayConfig {
    Objects.requireNonNull(prices, "prices");
    Objects.requireNonNull(retries, "retries");
    Objects.requireNonNull(credentialBaseUrls, "credentialBaseUrls");
    Objects.requireNonNull(signupPlan, "signupPlan");
  }
}
