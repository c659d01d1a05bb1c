package io.killtoken.adapters.http.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.killtoken.application.gateway.CallLabels;
import io.killtoken.domain.usage.UsageTags;
import java.util.Optional;

/**
 * A call's labels: {@code x-killtoken-tags: key=value,…} and the end user, from {@code
 * x-killtoken-user} or else the body's {@code user} (which the Anthropic route fills from {@code
 * metadata.user_id}). A malformed value is a 400 naming it, never silently dropped.
 */
final class CallLabelHeaders {

  static final String TAGS = "x-killtoken-tags";
  static final String USER = "x-killtoken-user";

  private CallLabelHeaders() {}

  static CallLabels of(Context ctx, JsonNode body) {
    Optional<String> user = Optional.ofNullable(ctx.header(USER)).map(String::strip);
    if (user.isEmpty()) {
      user = JsonShape.optional(body, "user").map(id -> JsonShape.text(id, "user"));
    }
    return new CallLabels(UsageTags.parse(ctx.header(TAGS)), user);
  }
}
