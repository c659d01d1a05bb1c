package io.killtoken.domain.cache;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An OpenAI-format request body read once into canonical form: its top-level members sorted by
 * name, each value written without whitespace, with escapes resolved and nested members sorted, so
 * that field order and formatting cannot change the cache key. Numbers keep their spelling ({@code
 * 1} and {@code 1.0} differ): a missed hit costs one call, a wrong hit serves the wrong answer.
 *
 * @param members top-level member name to canonical JSON text of its value
 */
public record CanonicalRequest(SortedMap<String, String> members) {

  public CanonicalRequest {
    Objects.requireNonNull(members, "members");
    members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
  }

  /**
   * The canonical form of {@code json}, or empty when it is not exactly one strict JSON object
   * (duplicate member names, nesting deeper than 128, trailing text, anything RFC 8259 refuses).
   * Such a request is simply not cached.
   */
  public static Optional<CanonicalRequest> parse(String json) {
    Objects.requireNonNull(json, "json");
    try {
      return Optional.of(new CanonicalRequest(CanonicalJson.members(json)));
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  /** The canonical JSON text of the top-level member {@code name}, if present. */
  public Optional<String> member(String name) {
    return Optional.ofNullable(members.get(name));
  }

  /** Names only: the values hold prompt text, which never reaches a log. */
  @Override
  public String toString() {
    return "CanonicalRequest" + members.keySet();
  }
}
