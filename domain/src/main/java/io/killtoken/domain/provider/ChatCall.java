package io.killtoken.domain.provider;

import io.killtoken.domain.secret.PlainSecret;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One call to a provider: the OpenAI-format request body (its {@code model} already set to the
 * provider's model name), the tenant's own provider key (strict BYOK), and whether the sink wants
 * the usage chunk of a stream (the gateway always does: it keeps the usage with a cached answer and
 * drops the chunk itself for a client that did not ask).
 *
 * @param baseUrl the tenant credential's own base URL, checked against the operator's SSRF rules
 *     just before this call; empty: the provider's fixed one
 */
public record ChatCall(
    String model, String body, PlainSecret apiKey, boolean includeUsage, Optional<URI> baseUrl) {

  public ChatCall {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(baseUrl, "baseUrl");
  }

  /** A call to the provider's own (or the operator's) base URL. */
  public ChatCall(String model, String body, PlainSecret apiKey, boolean includeUsage) {
    this(model, body, apiKey, includeUsage, Optional.empty());
  }

  @Override
  public String toString() {
    return "ChatCall[model=" + model + ", " + body.length() + " chars]";
  }
}
