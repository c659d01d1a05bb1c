package io.killtoken.adapters.http.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.killtoken.adapters.http.json.StrictJson;
import io.killtoken.application.gateway.EmbeddingCommand;
import io.killtoken.application.gateway.ProxyEmbeddings;
import io.killtoken.domain.error.InvalidRequest;

/** {@code POST /v1/embeddings}: OpenAI embeddings, routed to any provider that offers them. */
public final class EmbeddingRoutes {

  private final ProxyEmbeddings proxy;

  public EmbeddingRoutes(ProxyEmbeddings proxy) {
    this.proxy = proxy;
  }

  public void register(JavalinConfig config) {
    config.routes.post("/v1/embeddings", this::embed);
  }

  private void embed(Context ctx) {
    // The client's own bytes go on to the provider: checked to be UTF-8 and one JSON object.
    String raw = StrictJson.utf8(ctx.bodyAsBytes());
    JsonNode body = StrictJson.object(raw);
    JsonNode model = body.get("model");
    if (model == null || !model.isTextual()) {
      throw new InvalidRequest("'model' is required.");
    }
    JsonNode input = body.get("input");
    if (input == null
        || !(input.isTextual() || input.isArray())
        || input.isEmpty() && input.isArray()) {
      throw new InvalidRequest("'input' must be a string or a non-empty array.");
    }
    EmbeddingCommand command =
        new EmbeddingCommand(
            GatewayAccess.key(ctx),
            model.textValue(),
            raw,
            inputText(input),
            CallLabelHeaders.of(ctx, body, raw));
    ctx.contentType("application/json").result(proxy.embed(command).body());
  }

  /** The input's text, for the fingerprint only. */
  private static String inputText(JsonNode input) {
    if (input.isTextual()) {
      return input.textValue();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode item : input) {
      text.append(item.isTextual() ? item.textValue() : item.toString()).append('\n');
    }
    return text.toString();
  }
}
