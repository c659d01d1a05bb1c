package io.killtoken.adapters.providers.openaiwire;

import io.killtoken.domain.provider.ProviderId;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What sets one provider that speaks the OpenAI wire format apart from another: its id, its fixed
 * endpoint, the bare model names it claims, its prices, and the parts of the wire it supports.
 *
 * @param name how messages name the provider, e.g. {@code Mistral} in {@code "Mistral: ..."}
 * @param baseUrl the fixed public endpoint; only the operator may override it, tenants never can
 * @param bareNamePrefixes a bare model name starting with one of these goes to this provider; empty
 *     for a host serving other vendors' models, reached only as {@code provider/model}
 * @param embeddings true when the provider offers {@code POST /embeddings}
 * @param streamOptions true when the provider accepts {@code stream_options}; when false none is
 *     sent and a stream's usage is whatever the provider reports on its own, else estimated
 */
public record OpenAiWireConfig(
    ProviderId id,
    String name,
    URI baseUrl,
    List<String> bareNamePrefixes,
    PriceTable prices,
    boolean embeddings,
    boolean streamOptions) {

  public OpenAiWireConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("the provider's display name must not be blank");
    }
    bareNamePrefixes = List.copyOf(bareNamePrefixes);
    if (bareNamePrefixes.stream().anyMatch(String::isBlank)) {
      // A blank prefix would claim every bare model name there is.
      throw new IllegalArgumentException(id + ": a bare-name prefix must not be blank");
    }
    Objects.requireNonNull(prices, "prices");
    baseUrl = checked(baseUrl, name);
  }

  /** True when this provider claims the bare model name. */
  public boolean claims(String model) {
    return bareNamePrefixes.stream().anyMatch(model::startsWith);
  }

  /** A base URL calls may go to: absolute http(s), no credentials and no query. */
  static URI checked(URI url, String name) {
    Objects.requireNonNull(url, "baseUrl");
    String scheme = url.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          "the " + name + " base URL must be an absolute http(s) URL");
    }
    if (url.getRawUserInfo() != null || url.getRawQuery() != null) {
      // Credentials or a query in the base URL would end up in logs; the key goes in a header only.
      throw new IllegalArgumentException(
          "the " + name + " base URL must not carry user info or a query");
    }
    return url;
  }
}
