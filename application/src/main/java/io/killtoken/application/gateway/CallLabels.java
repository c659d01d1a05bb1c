package io.killtoken.application.gateway;

import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.usage.UsageAttribution;
import io.killtoken.domain.usage.UsageTags;
import java.util.Objects;
import java.util.Optional;

/**
 * What a call says it is for, so its spend adds up per feature and per customer: its tags and its
 * end user's id as the client sent it (stored keyed-hashed, see {@link GatewayCalls}); and the text
 * of its cacheable prefix (tool definitions and leading system messages, empty when none), which
 * only a keyed digest and a token estimate of are kept.
 */
public record CallLabels(UsageTags tags, Optional<String> endUser, String prefix) {

  public static final CallLabels NONE = new CallLabels(UsageTags.NONE, Optional.empty(), "");

  public CallLabels {
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(endUser, "endUser");
    Objects.requireNonNull(prefix, "prefix");
    endUser = endUser.filter(id -> !id.isEmpty());
    if (endUser.isPresent() && endUser.get().length() > UsageAttribution.MAX_END_USER) {
      throw new InvalidRequest(
          "The end-user id is longer than " + UsageAttribution.MAX_END_USER + " characters.");
    }
  }

  @Override
  public String toString() {
    // The prefix is prompt text: never in a log line.
    return "CallLabels[tags="
        + tags
        + ", endUser="
        + endUser
        + ", prefix=<"
        + prefix.length()
        + " chars>]";
  }
}
