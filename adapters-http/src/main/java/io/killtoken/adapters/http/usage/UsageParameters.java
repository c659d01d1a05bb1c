package io.killtoken.adapters.http.usage;

import io.javalin.http.Context;
import io.killtoken.application.usage.UsageGrouping;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.UsageFilter;
import io.killtoken.domain.usage.UsageStatus;
import io.killtoken.domain.usage.UsageTags;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Reads the query parameters of the usage routes; a bad one is a 400 naming it. */
public final class UsageParameters {

  private static final String TAG = "tag:";
  private static final String GROUPINGS =
      "one of hour, day, model, provider, key, credential, user, or tag:<key>";

  private UsageParameters() {}

  public static Optional<Instant> instant(Context ctx, String name) {
    return instant(ctx::queryParam, name);
  }

  /** The instant named {@code name} among {@code values} (query parameters or body fields). */
  public static Optional<Instant> instant(Function<String, String> values, String name) {
    return parsed(
        values,
        name,
        text -> {
          try {
            return Instant.parse(text);
          } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(e);
          }
        },
        "an ISO-8601 instant such as 2026-03-01T00:00:00Z");
  }

  static UsageGrouping grouping(Context ctx) {
    if (tag(ctx).isPresent()) {
      return UsageGrouping.TAG;
    }
    UsageGrouping grouping =
        parsed(ctx, "group_by", text -> named(UsageGrouping.class, text), GROUPINGS)
            .orElse(UsageGrouping.DAY);
    if (grouping == UsageGrouping.TAG) {
      throw new InvalidRequest("'group_by' must be " + GROUPINGS + "."); // tag needs its key
    }
    return grouping;
  }

  /** The tag key of {@code group_by=tag:<key>}. */
  static Optional<String> tag(Context ctx) {
    String text = ctx.queryParam("group_by");
    if (text == null || !text.startsWith(TAG)) {
      return Optional.empty();
    }
    String key = text.substring(TAG.length());
    if (!UsageTags.isKey(key)) {
      throw new InvalidRequest("'group_by' must be tag:<key>, a key of 1 to 32 of a-z, 0-9, _ -.");
    }
    return Optional.of(key);
  }

  static UsageFilter filter(Context ctx) {
    return filter(ctx::queryParam);
  }

  /** The records filters among {@code values} (query parameters or body fields). */
  public static UsageFilter filter(Function<String, String> values) {
    return new UsageFilter(
        parsed(values, "key_id", ApiKeyId::new, "a key id"),
        parsed(values, "provider", ProviderId::new, "a provider name such as openai"),
        parsed(values, "model", Function.identity(), "a model name"),
        parsed(values, "status", text -> named(UsageStatus.class, text), names(UsageStatus.class)),
        parsed(values, "cache", text -> named(CacheResult.class, text), names(CacheResult.class)));
  }

  private static <T> Optional<T> parsed(
      Context ctx, String name, Function<String, T> parse, String expected) {
    return parsed(ctx::queryParam, name, parse, expected);
  }

  private static <T> Optional<T> parsed(
      Function<String, String> values, String name, Function<String, T> parse, String expected) {
    String text = values.apply(name);
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse.apply(text));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequest("'" + name + "' must be " + expected + ".");
    }
  }

  private static <E extends Enum<E>> E named(Class<E> type, String text) {
    return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
  }

  private static <E extends Enum<E>> String names(Class<E> type) {
    return "one of "
        + String.join(
            ", ",
            Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList());
  }
}
