package io.killtoken.domain.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.settings.CacheMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CacheableRequestTest {

  private static boolean allows(CacheMode mode, String json) {
    return CacheableRequest.allows(mode, CanonicalRequest.parse(json).orElseThrow());
  }

  @Test
  void off_never_caches() {
    assertFalse(allows(CacheMode.OFF, "{\"temperature\":0,\"seed\":1}"));
  }

  @Test
  void all_caches_every_request_even_a_random_one() {
    assertTrue(allows(CacheMode.ALL, "{\"temperature\":1.2}"));
    assertTrue(allows(CacheMode.ALL, "{}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"temperature\":0}",
        "{\"temperature\":0.0}",
        "{\"temperature\":-0}",
        "{\"temperature\":0e5}",
        "{\"temperature\":0.000E-3}",
        "{\"temperature\":0.8,\"seed\":42}",
        "{\"seed\":0}",
        "{\"seed\":-7}",
        "{\"temperature\":0,\"n\":3}"
      })
  void deterministic_caches_a_zero_temperature_or_a_seed(String json) {
    assertTrue(allows(CacheMode.DETERMINISTIC, json), json);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"temperature\":0.7}",
        "{\"temperature\":0.0001}",
        "{\"temperature\":null}",
        "{\"temperature\":\"0\"}",
        "{\"seed\":null}",
        "{\"seed\":\"42\"}",
        "{\"messages\":[{\"temperature\":0,\"seed\":1}]}"
      })
  void deterministic_does_not_cache_a_request_that_may_vary(String json) {
    assertFalse(allows(CacheMode.DETERMINISTIC, json), json);
  }
}
