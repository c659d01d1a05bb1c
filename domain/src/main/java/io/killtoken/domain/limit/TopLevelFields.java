package io.killtoken.domain.limit;

import java.util.OptionalLong;

/**
 * Reads integer members of a JSON object's top level without a JSON library (the domain has none):
 * enough to find {@code max_tokens} in a request body, and never fooled by the same name inside a
 * message, a string or a nested object.
 */
final class TopLevelFields {

  private TopLevelFields() {}

  /**
   * The largest integer value of the top-level member {@code name}, or empty when there is none, it
   * is not a plain non-negative integer, or the text is not a JSON object.
   */
  static OptionalLong integer(String json, String name) {
    OptionalLong found = OptionalLong.empty();
    int depth = 0;
    boolean expectKey = false;
    int i = 0;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '"') {
        int end = endOfString(json, i);
        if (end < 0) {
          return OptionalLong.empty();
        }
        if (depth == 1 && expectKey) {
          expectKey = false;
          if (json.regionMatches(i + 1, name, 0, name.length()) && end == i + name.length() + 1) {
            OptionalLong value = valueAfterColon(json, end + 1);
            if (value.isPresent()) {
              found = OptionalLong.of(Math.max(found.orElse(0), value.getAsLong()));
            }
          }
        }
        i = end + 1;
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
        expectKey = depth == 1 && c == '{';
      } else if (c == '}' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 1) {
        expectKey = true;
      }
      i++;
    }
    return found;
  }

  /** Index of the closing quote of the string opening at {@code open}, or -1 if unterminated. */
  private static int endOfString(String json, int open) {
    for (int i = open + 1; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }

  private static OptionalLong valueAfterColon(String json, int from) {
    int i = skipSpace(json, from);
    if (i >= json.length() || json.charAt(i) != ':') {
      return OptionalLong.empty();
    }
    i = skipSpace(json, i + 1);
    int start = i;
    while (i < json.length() && json.charAt(i) >= '0' && json.charAt(i) <= '9') {
      i++;
    }
    if (i == start || (i < json.length() && ".eE".indexOf(json.charAt(i)) >= 0)) {
      // Not a plain integer: null, a string, a negative or a fraction.
      return OptionalLong.empty();
    }
    if (i - start > 18) {
      // Beyond a long: the request allows an answer of any length.
      return OptionalLong.of(Long.MAX_VALUE);
    }
    return OptionalLong.of(Long.parseLong(json, start, i, 10));
  }

  private static int skipSpace(String json, int from) {
    int i = from;
    while (i < json.length() && " \t\r\n".indexOf(json.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }
}
