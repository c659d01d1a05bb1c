package io.killtoken.adapters.redis.limit;

import io.killtoken.domain.limit.BudgetDecision;
import io.killtoken.domain.limit.CalendarMonth;
import io.killtoken.domain.limit.LimitKey;
import io.killtoken.domain.limit.Reservation;
import io.killtoken.domain.limit.ReservationId;
import io.killtoken.domain.limit.SpendLedger;
import io.killtoken.domain.money.MicroDollars;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link SpendLedger} kept in Redis, so every gateway node reserves against the same budget. Each
 * account's month is a hash ({@code spent}, {@code held} and one field per live hold) plus a sorted
 * set of hold ids by lease end; one Lua script per reserve and per settle reads and writes both
 * atomically. Leases run on the Redis server's clock, the one clock every node shares.
 */
public final class RedisSpendLedger implements SpendLedger {

  static final String KEY_PREFIX = "kt:budget:";

  /** A month's keys outlive it by this much, for calls that settle after the turn. */
  static final Duration KEPT_AFTER_MONTH = Duration.ofDays(1);

  /** Lua numbers are doubles: integers are exact up to 2^53 micro-dollars (9 billion dollars). */
  static final long MAX_EXACT = (1L << 53) - 1;

  /** Expired holds removed per reserve; bounds the script's run time after a crash left many. */
  private static final int SWEEP_BATCH = 256;

  /*
   * Reading spend and holds in Java and writing the hold back would let two nodes both see room for
   * one call (the check-then-increment race). The script does sweep, check and hold as one step on
   * the server. Counters only ever change by HINCRBY with the argument or stored string, never a
   * Lua number, which Lua would print as 1e+15 and Redis would refuse.
   */
  private static final LuaScript RESERVE =
      new LuaScript(
          """
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, ARGV[6])
          for _, id in ipairs(stale) do
            local amount = redis.call('HGET', KEYS[1], 'r:' .. id)
            if amount then
              redis.call('HINCRBY', KEYS[1], 'held', '-' .. amount)
              redis.call('HDEL', KEYS[1], 'r:' .. id)
            end
            redis.call('ZREM', KEYS[2], id)
          end
          local spent = tonumber(redis.call('HGET', KEYS[1], 'spent') or '0')
          local held = tonumber(redis.call('HGET', KEYS[1], 'held') or '0')
          local amount = tonumber(ARGV[2])
          local budget = tonumber(ARGV[3])
          if spent >= budget or spent + held + amount > budget then
            return {0, spent, held}
          end
          if amount > 0 then
            redis.call('HINCRBY', KEYS[1], 'held', ARGV[2])
            redis.call('HSET', KEYS[1], 'r:' .. ARGV[1], ARGV[2])
            redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), ARGV[1])
            redis.call('PEXPIREAT', KEYS[1], ARGV[5])
            redis.call('PEXPIREAT', KEYS[2], ARGV[5])
          end
          return {1, spent, held}
          """);

  /*
   * A hold that is already gone (its lease ran out and a reserve swept it, or it was never stored)
   * frees nothing, but the real cost is still added: the call did run.
   */
  private static final LuaScript SETTLE =
      new LuaScript(
          """
          local amount = redis.call('HGET', KEYS[1], 'r:' .. ARGV[1])
          if amount then
            redis.call('HINCRBY', KEYS[1], 'held', '-' .. amount)
            redis.call('HDEL', KEYS[1], 'r:' .. ARGV[1])
          end
          redis.call('ZREM', KEYS[2], ARGV[1])
          if ARGV[2] ~= '0' then
            redis.call('HINCRBY', KEYS[1], 'spent', ARGV[2])
            redis.call('PEXPIREAT', KEYS[1], ARGV[3])
          end
          return 1
          """);

  private final UnifiedJedis redis;
  private final Duration lease;
  private final OutageLog outages =
      new OutageLog(LoggerFactory.getLogger(RedisSpendLedger.class), "spend budgets");

  public RedisSpendLedger(UnifiedJedis redis) {
    this(redis, DEFAULT_LEASE);
  }

  public RedisSpendLedger(UnifiedJedis redis, Duration lease) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.lease = Objects.requireNonNull(lease, "lease");
    if (lease.toMillis() < 1) {
      throw new IllegalArgumentException("lease must be at least one millisecond");
    }
  }

  @Override
  public BudgetDecision reserve(
      LimitKey account, CalendarMonth month, MicroDollars amount, MicroDollars budget) {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(budget, "budget");
    Reservation candidate = new Reservation(account, month, ReservationId.random(), amount);
    List<?> reply =
        (List<?>)
            run(
                RESERVE,
                keys(account, month),
                List.of(
                    candidate.id().value(),
                    Long.toString(exact(amount)),
                    Long.toString(exact(budget)),
                    Long.toString(lease.toMillis()),
                    Long.toString(expireAt(month)),
                    Integer.toString(SWEEP_BATCH)));
    boolean admitted = (Long) reply.get(0) == 1;
    MicroDollars spent = new MicroDollars(Math.max(0, (Long) reply.get(1)));
    MicroDollars held = new MicroDollars(Math.max(0, (Long) reply.get(2)));
    return new BudgetDecision(admitted ? Optional.of(candidate) : Optional.empty(), spent, held);
  }

  @Override
  public void settle(Reservation reservation, MicroDollars actual) {
    Objects.requireNonNull(reservation, "reservation");
    Objects.requireNonNull(actual, "actual");
    run(
        SETTLE,
        keys(reservation.account(), reservation.month()),
        List.of(
            reservation.id().value(),
            Long.toString(exact(actual)),
            Long.toString(expireAt(reservation.month()))));
  }

  @Override
  public MicroDollars spent(LimitKey account, CalendarMonth month) {
    String spent;
    try {
      spent = redis.hget(tallyKey(account, month), "spent");
    } catch (RuntimeException e) {
      outages.failed(e);
      throw e;
    }
    return new MicroDollars(spent == null ? 0 : Long.parseLong(spent));
  }

  /**
   * The month's hash and its leases. The braces are a Redis Cluster hash tag: both keys land in the
   * same slot, as a script touching both requires.
   */
  static List<String> keys(LimitKey account, CalendarMonth month) {
    String tally = tallyKey(account, month);
    return List.of(tally, tally + ":leases");
  }

  static String tallyKey(LimitKey account, CalendarMonth month) {
    return KEY_PREFIX + "{" + account.value() + ":" + month.label() + "}";
  }

  private static long expireAt(CalendarMonth month) {
    return month.end().plus(KEPT_AFTER_MONTH).toEpochMilli();
  }

  private static long exact(MicroDollars amount) {
    return Math.min(amount.value(), MAX_EXACT);
  }

  private Object run(LuaScript script, List<String> keys, List<String> args) {
    try {
      return script.run(redis, keys, args);
    } catch (RuntimeException e) {
      outages.failed(e);
      throw e;
    }
  }
}
