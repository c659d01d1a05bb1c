package io.killtoken.domain.cache;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.usage.TokenUsage;
import java.util.Objects;

/**
 * One tenant's cache as the admin API shows it: live entries and their stored size, and since the
 * counters began, hits, misses and the tokens and dollars the hits did not spend.
 *
 * @param bytes stored size of the live entries, after compression
 * @param saved the tokens of every answer served from the cache, summed
 * @param savedCost what those answers cost when they were first bought, summed
 */
public record CacheStats(
    long entries, long bytes, long hits, long misses, TokenUsage saved, MicroDollars savedCost) {

  /** A tenant with no entries and no lookups yet. */
  public static final CacheStats EMPTY =
      new CacheStats(0, 0, 0, 0, TokenUsage.NONE, MicroDollars.ZERO);

  public CacheStats {
    if (entries < 0 || bytes < 0 || hits < 0 || misses < 0) {
      throw new IllegalArgumentException("cache counts must not be negative");
    }
    Objects.requireNonNull(saved, "saved");
    Objects.requireNonNull(savedCost, "savedCost");
  }
}
