package io.killtoken.adapters.http.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.killtoken.application.gateway.CallLabels;
import io.killtoken.domain.fingerprint.PromptPrefix;
import io.killtoken.domain.usage.UsageTags;
import java.util.Optional;

/**
 * A call's labels: {@code x-killtoken-tags: key=value,…} and the end user, from {@code
 * x-killtoken-user} or else the body's {@code user} (which the Anthropic route fills from {@code
 * metadata.user_id}). A malformed value is a 400 naming it, never silently dropped. With them, the
 * request's cacheable prefix, of which the use case keeps only a keyed digest.
 */
final class CallLabelHeaders {

  static final String TAGS = "x-killtoken-tags";
  static final String USER = "x-killtoken-user";

  private CallLabelHeaders() {}

  /**
   * @param sent the body as the gateway sends it upstream: the prefix is written out only when the
   *     whole body is long enough to hold one a provider would cache, since no part of a body is
   *     longer than the body (most calls are far shorter and pay nothing for this)
   */
  static CallLabels of(Context ctx, JsonNode body, String sent) {
    Optional<String> user = Optional.ofNullable(ctx.header(USER)).map(String::strip);
    if (user.isEmpty()) {
      user = JsonShape.optional(body, "user").map(id -> JsonShape.text(id, "user"));
    }
    String prefix = PromptPrefix.cacheable(sent) ? prefix(body) : "";
    return new CallLabels(UsageTags.parse(ctx.header(TAGS)), user, prefix);
  }

  /**
   * The part of an OpenAI-shaped request providers' prompt caching reuses: its tool definitions,
   * then its leading system and developer messages, as the client wrote them (empty when none).
   */
  static String prefix(JsonNode body) {
    StringBuilder prefix = new StringBuilder();
    JsonNode tools = body.get("tools");
    if (tools != null && tools.isArray()) {
      prefix.append(tools);
    }
    JsonNode messages = body.get("messages");
    if (messages != null && messages.isArray()) {
      for (JsonNode message : messages) {
        String role = message.path("role").asText();
        if (!role.equals("system") && !role.equals("developer")) {
          break;
        }
        prefix.append(message);
      }
    }
    return prefix.toString();
  }
}
