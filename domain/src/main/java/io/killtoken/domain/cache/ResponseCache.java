package io.killtoken.domain.cache;

import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Port: the exact-response cache, answers stored under {@link CacheKey}s and scoped to their
 * tenant, with per-tenant statistics. Safe for concurrent use.
 *
 * <p>The cache is an optimisation and never takes the gateway down with it. When the store cannot
 * be reached, no method throws and every call returns within the store client's bounded timeout:
 * {@link #get} answers empty (a miss), {@link #put} and {@link #countHit} are skipped, {@link
 * #stats} and {@link #purge} answer empty so that the admin API can say the cache is unavailable
 * rather than show zeros. Implementations log such failures, rate-limited. Invalid arguments still
 * throw.
 */
public interface ResponseCache {

  /**
   * The largest entry stored, after compression (1 MiB). Larger answers are not cached: they are
   * rare, and one of them would evict hundreds of ordinary ones.
   */
  int MAX_ENTRY_BYTES = 1 << 20;

  /**
   * The answer stored under {@code key}, if any and not expired. Counts a hit for the key's tenant,
   * adding the answer's tokens and cost to what the cache saved, or a miss.
   */
  Optional<CachedAnswer> get(CacheKey key);

  /**
   * Counts a hit for the key's tenant, adding {@code answer}'s tokens and cost to what the cache
   * saved, for a request that was served {@code answer} without a {@link #get}: it waited for an
   * identical request already asking upstream (single flight). So the statistics count every
   * request once, as what it was told. Skipped when the store cannot be reached.
   */
  void countHit(CacheKey key, CachedAnswer answer);

  /**
   * Stores {@code answer} under {@code key} for {@code ttl}, replacing any entry there, unless its
   * stored form exceeds {@link #MAX_ENTRY_BYTES}. Only successful answers may be put.
   *
   * @param ttl at least one millisecond
   */
  void put(CacheKey key, CachedAnswer answer, Duration ttl);

  /** The tenant's statistics; empty when the store could not be reached. */
  Optional<CacheStats> stats(TenantId tenant);

  /**
   * Removes every entry of {@code tenant} and no other tenant's; hit, miss and saved counters are
   * history and stay.
   *
   * @return how many live entries were removed; empty when the store could not be reached, in which
   *     case some entries may be gone and the purge should be repeated
   */
  OptionalLong purge(TenantId tenant);
}
