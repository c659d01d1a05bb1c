package io.killtoken.domain.apikey;

/** What an API key may do: call the gateway ({@code /v1}) or drive the admin API. */
public enum ApiKeyScope {
  GATEWAY,
  ADMIN
}
