package io.killtoken.domain.settings;

/**
 * When the exact-response cache answers: never, only for deterministic requests (temperature 0 or a
 * seed), or for every request.
 */
public enum CacheMode {
  OFF,
  DETERMINISTIC,
  ALL
}
