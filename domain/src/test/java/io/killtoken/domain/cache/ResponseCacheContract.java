package io.killtoken.domain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ModelRoute;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ResponseCache} must have; each implementation's test extends it. */
public abstract class ResponseCacheContract {

  /** Long enough for any single step of a test, short enough to wait out with a real clock. */
  protected static final Duration SHORT_TTL = Duration.ofMillis(400);

  private static final Duration DAY = Duration.ofDays(1);
  private static final ModelRoute ROUTE = new ModelRoute(new ProviderId("openai"), "gpt-4o");
  private static final CacheKeys KEYS = new CacheKeys(filled(32, 9));

  protected abstract ResponseCache cache();

  /** Lets {@code duration} pass (real time for Redis, a clock for in-process). */
  protected abstract void letTimePass(Duration duration) throws InterruptedException;

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  /** The key of a small chat request; {@code prompt} (plain text, no quotes) tells them apart. */
  protected static CacheKey keyFor(TenantId tenant, String prompt) {
    String json =
        "{\"model\":\"gpt-4o\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\""
            + prompt
            + "\"}]}";
    return KEYS.key(tenant, ROUTE, CanonicalRequest.parse(json).orElseThrow());
  }

  /** A successful answer with the given body, 100 + 20 tokens, costing 1500 micro-dollars. */
  protected static CachedAnswer answer(String body) {
    return new CachedAnswer(
        body,
        "stop",
        new TokenUsage(100, 20, 10),
        new MicroDollars(1_500),
        ROUTE.provider(),
        ROUTE.model(),
        Instant.parse("2026-02-03T04:05:06Z"));
  }

  protected static CachedAnswer answer() {
    return answer("{\"object\":\"chat.completion\",\"choices\":[{\"index\":0}]}");
  }

  /** Printable characters at random: text that deflate can barely shrink. */
  protected static String noise(int length) {
    SplittableRandom random = new SplittableRandom(11);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) random.nextInt('!', '~' + 1));
    }
    return out.toString();
  }

  private static long storedSize(CachedAnswer answer) {
    return CachedAnswerCodec.encode(answer).orElseThrow().length;
  }

  @Test
  void a_lookup_misses_until_the_answer_is_put_and_then_hits() {
    CacheKey key = keyFor(TenantId.random(), "hello");

    assertEquals(Optional.empty(), cache().get(key));
    cache().put(key, answer(), DAY);

    assertEquals(Optional.of(answer()), cache().get(key));
  }

  @Test
  void an_entry_is_gone_once_its_time_to_live_has_passed() throws InterruptedException {
    CacheKey key = keyFor(TenantId.random(), "short-lived");
    cache().put(key, answer(), SHORT_TTL);
    assertTrue(cache().get(key).isPresent());

    letTimePass(SHORT_TTL.plusMillis(100));

    assertEquals(Optional.empty(), cache().get(key));
  }

  @Test
  void another_tenants_identical_request_never_finds_the_entry() {
    TenantId owner = TenantId.random();
    TenantId other = TenantId.random();
    CacheKey ownerKey = keyFor(owner, "same prompt");
    CacheKey otherKey = keyFor(other, "same prompt");
    cache().put(ownerKey, answer(), DAY);

    assertNotEquals(ownerKey.digest(), otherKey.digest());
    assertEquals(Optional.empty(), cache().get(otherKey));
    assertEquals(
        Optional.empty(),
        cache().get(new CacheKey(other, ownerKey.digest())),
        "even a stolen digest finds nothing under another tenant");
  }

  @Test
  void putting_the_same_key_again_replaces_the_entry_and_counts_it_once() {
    TenantId tenant = TenantId.random();
    CacheKey key = keyFor(tenant, "again");
    CachedAnswer later = answer("{\"object\":\"chat.completion\",\"id\":\"second\"}");
    cache().put(key, answer(), DAY);

    cache().put(key, later, DAY);

    assertEquals(Optional.of(later), cache().get(key));
    CacheStats stats = cache().stats(tenant).orElseThrow();
    assertEquals(1, stats.entries());
    assertEquals(storedSize(later), stats.bytes());
  }

  @Test
  void purge_removes_every_entry_of_the_tenant_and_none_of_another() {
    TenantId purged = TenantId.random();
    TenantId kept = TenantId.random();
    cache().put(keyFor(purged, "one"), answer(), DAY);
    cache().put(keyFor(purged, "two"), answer(), DAY);
    cache().put(keyFor(kept, "one"), answer(), DAY);

    assertEquals(OptionalLong.of(2), cache().purge(purged));

    assertEquals(Optional.empty(), cache().get(keyFor(purged, "one")));
    assertEquals(Optional.empty(), cache().get(keyFor(purged, "two")));
    assertEquals(Optional.of(answer()), cache().get(keyFor(kept, "one")));
    assertEquals(0, cache().stats(purged).orElseThrow().entries());
    assertEquals(0, cache().stats(purged).orElseThrow().bytes());
    assertEquals(1, cache().stats(kept).orElseThrow().entries());
  }

  @Test
  void purging_a_tenant_without_entries_removes_nothing() {
    assertEquals(OptionalLong.of(0), cache().purge(TenantId.random()));
  }

  @Test
  void a_tenant_that_never_used_the_cache_has_empty_stats() {
    assertEquals(Optional.of(CacheStats.EMPTY), cache().stats(TenantId.random()));
  }

  @Test
  void stats_count_entries_bytes_hits_misses_and_what_the_hits_saved() {
    TenantId tenant = TenantId.random();
    CacheKey first = keyFor(tenant, "first");
    CacheKey second = keyFor(tenant, "second");
    cache().get(first);
    cache().put(first, answer(), DAY);
    cache().put(second, answer("{\"id\":\"b\"}"), DAY);
    cache().get(first);
    cache().get(first);
    cache().get(keyFor(tenant, "never stored"));
    cache().get(keyFor(TenantId.random(), "first"));

    CacheStats stats = cache().stats(tenant).orElseThrow();

    assertEquals(2, stats.entries());
    assertEquals(storedSize(answer()) + storedSize(answer("{\"id\":\"b\"}")), stats.bytes());
    assertEquals(2, stats.hits());
    assertEquals(2, stats.misses());
    assertEquals(new TokenUsage(200, 40, 20), stats.saved());
    assertEquals(new MicroDollars(3_000), stats.savedCost());
  }

  @Test
  void a_hit_counted_without_a_read_adds_what_it_saved_and_nothing_to_the_misses() {
    TenantId tenant = TenantId.random();
    CacheKey key = keyFor(tenant, "shared");
    CachedAnswer shared = answer();

    cache().countHit(key, shared);
    cache().countHit(key, shared);

    CacheStats stats = cache().stats(tenant).orElseThrow();
    assertEquals(0, stats.entries(), "counting stores nothing");
    assertEquals(2, stats.hits());
    assertEquals(0, stats.misses());
    assertEquals(new TokenUsage(200, 40, 20), stats.saved());
    assertEquals(new MicroDollars(3_000), stats.savedCost());
    assertEquals(Optional.of(CacheStats.EMPTY), cache().stats(TenantId.random()));
  }

  @Test
  void expired_entries_leave_the_stats() throws InterruptedException {
    TenantId tenant = TenantId.random();
    cache().put(keyFor(tenant, "brief"), answer(), SHORT_TTL);
    cache().put(keyFor(tenant, "lasting"), answer(), DAY);

    letTimePass(SHORT_TTL.plusMillis(100));

    CacheStats stats = cache().stats(tenant).orElseThrow();
    assertEquals(1, stats.entries());
    assertEquals(storedSize(answer()), stats.bytes());
  }

  @Test
  void an_answer_over_the_size_cap_is_not_stored() {
    TenantId tenant = TenantId.random();
    CacheKey key = keyFor(tenant, "huge");

    cache().put(key, answer(noise(2 * ResponseCache.MAX_ENTRY_BYTES)), DAY);

    assertEquals(Optional.empty(), cache().get(key));
    assertEquals(0, cache().stats(tenant).orElseThrow().entries());
  }

  @Test
  void a_large_answer_that_compresses_under_the_cap_round_trips() {
    TenantId tenant = TenantId.random();
    CacheKey key = keyFor(tenant, "long answer");
    String body = "{\"content\":\"" + "The quick brown fox. ".repeat(150_000) + "\"}";

    cache().put(key, answer(body), DAY);

    assertEquals(Optional.of(answer(body)), cache().get(key));
    long bytes = cache().stats(tenant).orElseThrow().bytes();
    assertTrue(bytes < ResponseCache.MAX_ENTRY_BYTES && bytes < body.length() / 10, "" + bytes);
  }

  @Test
  void a_time_to_live_under_a_millisecond_is_refused() {
    CacheKey key = keyFor(TenantId.random(), "no time");

    assertThrows(IllegalArgumentException.class, () -> cache().put(key, answer(), Duration.ZERO));
  }
}
