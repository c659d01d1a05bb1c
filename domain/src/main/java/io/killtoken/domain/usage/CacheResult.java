package io.killtoken.domain.usage;

/** What the exact-response cache did for a call. */
public enum CacheResult {
  HIT,
  MISS,
  BYPASS
}
