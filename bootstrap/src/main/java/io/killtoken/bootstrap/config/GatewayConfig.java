package io.killtoken.bootstrap.config;

import io.killtoken.application.gateway.RetryPolicy;
import io.killtoken.domain.provider.PriceList;
import java.util.Objects;

/**
 * How the gateway treats providers: the operator's price overrides ({@code KILLTOKEN_PRICES_FILE})
 * and the retry policy ({@code KILLTOKEN_UPSTREAM_RETRIES}).
 */
public record GatewayConfig(PriceList prices, RetryPolicy retries) {

  public static final GatewayConfig DEFAULTS =
      new GatewayConfig(PriceList.NONE, RetryPolicy.DEFAULT);

  public GatewayConfig {
    Objects.requireNonNull(prices, "prices");
    Objects.requireNonNull(retries, "retries");
  }
}
