package io.killtoken.domain.provider;

import io.killtoken.domain.secret.PlainSecret;
import java.util.Objects;

/**
 * One call to a provider: the OpenAI-format request body (its {@code model} already set to the
 * provider's model name), the tenant's own provider key (strict BYOK), and whether the client asked
 * for the usage chunk of a stream.
 */
public record ChatCall(String model, String body, PlainSecret apiKey, boolean includeUsage) {

  public ChatCall {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(apiKey, "apiKey");
  }

  @Override
  public String toString() {
    return "ChatCall[model=" + model + ", " + body.length() + " chars]";
  }
}
