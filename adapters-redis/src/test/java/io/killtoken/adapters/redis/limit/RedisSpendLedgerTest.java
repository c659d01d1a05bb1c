package io.killtoken.adapters.redis.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.adapters.redis.RedisFixture;
import io.killtoken.adapters.redis.connection.RedisConnection;
import io.killtoken.domain.limit.BudgetDecision;
import io.killtoken.domain.limit.CalendarMonth;
import io.killtoken.domain.limit.LimitKey;
import io.killtoken.domain.limit.Reservation;
import io.killtoken.domain.limit.SpendLedger;
import io.killtoken.domain.limit.SpendLedgerContract;
import io.killtoken.domain.money.MicroDollars;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisSpendLedgerTest extends SpendLedgerContract {

  private static final MicroDollars BUDGET = new MicroDollars(1_000);

  private static RedisClient redis;
  private static RedisSpendLedger ledger;

  @BeforeAll
  static void connect() {
    redis = RedisConnection.open(RedisFixture.shared().url(), Duration.ofSeconds(2));
    ledger = new RedisSpendLedger(redis);
  }

  @AfterAll
  static void disconnect() {
    redis.close();
  }

  @Override
  protected SpendLedger ledger(Duration lease) {
    return new RedisSpendLedger(redis, lease);
  }

  @Override
  protected void letTimePass(Duration duration) throws InterruptedException {
    // Leases run on Redis's clock; a small margin covers the trip there and back.
    Thread.sleep(duration.plusMillis(50));
  }

  private static LimitKey freshAccount() {
    return new LimitKey("spend:key:" + UUID.randomUUID());
  }

  /** The current month, so that keys written here expire soon after the test run. */
  private static CalendarMonth thisMonth() {
    return CalendarMonth.of(Instant.now());
  }

  @Test
  void a_month_is_one_hash_and_one_lease_set_that_expire_a_day_after_it() {
    LimitKey account = freshAccount();
    CalendarMonth month = thisMonth();
    Reservation held =
        ledger.reserve(account, month, new MicroDollars(40), BUDGET).reservation().orElseThrow();

    String tally = "kt:budget:{" + account.value() + ":" + month.label() + "}";
    assertEquals("40", redis.hget(tally, "held"));
    assertEquals("40", redis.hget(tally, "r:" + held.id().value()));
    assertEquals(1, redis.zcard(tally + ":leases"));
    long expiresAt = month.end().plus(Duration.ofDays(1)).toEpochMilli();
    assertEquals(expiresAt, redis.pexpireTime(tally));
    assertEquals(expiresAt, redis.pexpireTime(tally + ":leases"));

    ledger.settle(held, new MicroDollars(25));

    assertEquals("25", redis.hget(tally, "spent"));
    assertEquals("0", redis.hget(tally, "held"));
    assertFalse(redis.hexists(tally, "r:" + held.id().value()));
    assertFalse(redis.exists(tally + ":leases"), "the last lease gone, the set is gone");
  }

  @Test
  void a_lease_ends_on_the_redis_clock() {
    LimitKey account = freshAccount();
    CalendarMonth month = thisMonth();
    long before = redisNowMillis();
    Reservation held =
        ledger.reserve(account, month, new MicroDollars(1), BUDGET).reservation().orElseThrow();

    Double score =
        redis.zscore(RedisSpendLedger.tallyKey(account, month) + ":leases", held.id().value());

    long leaseMillis = SpendLedger.DEFAULT_LEASE.toMillis();
    assertTrue(score >= before + leaseMillis && score <= redisNowMillis() + leaseMillis);
  }

  @Test
  void a_zero_amount_stores_nothing() {
    LimitKey account = freshAccount();
    CalendarMonth month = thisMonth();

    assertTrue(ledger.reserve(account, month, MicroDollars.ZERO, BUDGET).admitted());

    assertFalse(redis.exists(RedisSpendLedger.tallyKey(account, month)));
  }

  @Test
  void amounts_beyond_what_lua_counts_exactly_are_held_at_that_bound() {
    LimitKey account = freshAccount();
    MicroDollars enormous = new MicroDollars(Long.MAX_VALUE);

    BudgetDecision decision = ledger.reserve(account, thisMonth(), enormous, enormous);

    assertTrue(decision.admitted());
    assertEquals(
        Long.toString(RedisSpendLedger.MAX_EXACT),
        redis.hget(RedisSpendLedger.tallyKey(account, thisMonth()), "held"));
    assertFalse(ledger.reserve(account, thisMonth(), new MicroDollars(1), enormous).admitted());
  }

  @Test
  void the_scripts_are_loaded_again_after_the_server_forgets_them() {
    LimitKey account = freshAccount();
    redis.scriptFlush();
    Reservation held =
        ledger
            .reserve(account, thisMonth(), new MicroDollars(5), BUDGET)
            .reservation()
            .orElseThrow();
    redis.scriptFlush();

    ledger.settle(held, new MicroDollars(5));

    assertEquals(new MicroDollars(5), ledger.spent(account, thisMonth()));
  }

  @Test
  void a_call_fails_fast_instead_of_hanging_when_redis_is_down() {
    try (RedisClient down =
        RedisConnection.open(RedisFixture.unreachableUrl(), Duration.ofSeconds(1))) {
      RedisSpendLedger unreachable = new RedisSpendLedger(down);
      LimitKey account = freshAccount();

      assertTimeoutPreemptively(
          Duration.ofSeconds(3),
          () -> {
            assertThrows(
                RuntimeException.class,
                () -> unreachable.reserve(account, thisMonth(), MicroDollars.ZERO, BUDGET));
            assertThrows(
                RuntimeException.class,
                () ->
                    unreachable.settle(
                        Reservation.unheld(account, thisMonth()), new MicroDollars(1)));
          });
    }
  }

  @Test
  void a_lease_below_a_millisecond_is_refused() {
    assertThrows(IllegalArgumentException.class, () -> new RedisSpendLedger(redis, Duration.ZERO));
  }

  private static long redisNowMillis() {
    return (Long)
        redis.eval(
            "local t = redis.call('TIME') return tonumber(t[1]) * 1000"
                + " + math.floor(tonumber(t[2]) / 1000)");
  }
}
