package io.killtoken.domain.usage;

import io.killtoken.domain.error.InvalidRequest;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The labels a call carries ({@code x-killtoken-tags: feature=search,customer=acme}) so that spend
 * can be added up per feature or customer: a few bounded {@code key=value} pairs, keys lower-case.
 */
public record UsageTags(SortedMap<String, String> pairs) {

  public static final int MAX_PAIRS = 8;
  public static final UsageTags NONE = new UsageTags(new TreeMap<>());

  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@/+-]{0,63}");

  public UsageTags {
    Objects.requireNonNull(pairs, "pairs");
    if (pairs.size() > MAX_PAIRS) {
      throw new IllegalArgumentException("at most " + MAX_PAIRS + " tags");
    }
    pairs.forEach(
        (key, value) -> {
          if (!KEY.matcher(key).matches() || !VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a tag: " + key);
          }
        });
    pairs = Collections.unmodifiableSortedMap(new TreeMap<>(pairs));
  }

  /**
   * The tags of a header value: comma-separated {@code key=value} pairs, each key once.
   *
   * @throws InvalidRequest naming what is wrong, for a header a client got wrong
   */
  public static UsageTags parse(String header) {
    if (header == null || header.isBlank()) {
      return NONE;
    }
    SortedMap<String, String> pairs = new TreeMap<>();
    for (String part : header.split(",", -1)) {
      int equals = part.indexOf('=');
      String key = equals < 0 ? part.strip() : part.substring(0, equals).strip();
      String value = equals < 0 ? "" : part.substring(equals + 1).strip();
      if (!KEY.matcher(key).matches()) {
        throw new InvalidRequest(
            "x-killtoken-tags: a tag key is 1 to 32 of a-z, 0-9, '_', '-' (got '"
                + shortened(key)
                + "').");
      }
      if (!VALUE.matcher(value).matches()) {
        throw new InvalidRequest(
            "x-killtoken-tags: the value of '"
                + key
                + "' is 1 to 64 of letters, digits and _ . : @ / + -.");
      }
      if (pairs.put(key, value) != null) {
        throw new InvalidRequest("x-killtoken-tags: '" + key + "' is given twice.");
      }
      if (pairs.size() > MAX_PAIRS) {
        throw new InvalidRequest("x-killtoken-tags: at most " + MAX_PAIRS + " tags.");
      }
    }
    return new UsageTags(pairs);
  }

  /** True when {@code key} is a valid tag key, e.g. for {@code group_by=tag:key}. */
  public static boolean isKey(String key) {
    return key != null && KEY.matcher(key).matches();
  }

  public Map<String, String> asMap() {
    return pairs;
  }

  private static String shortened(String text) {
    return text.length() <= 32 ? text : text.substring(0, 32) + "…";
  }
}
