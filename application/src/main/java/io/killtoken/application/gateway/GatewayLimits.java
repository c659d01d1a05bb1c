package io.killtoken.application.gateway;

import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.billing.PlanTerms;
import io.killtoken.domain.error.LimitExceeded;
import io.killtoken.domain.limit.BudgetDecision;
import io.killtoken.domain.limit.CalendarMonth;
import io.killtoken.domain.limit.CounterNames;
import io.killtoken.domain.limit.LimitKey;
import io.killtoken.domain.limit.RateDecision;
import io.killtoken.domain.limit.RateLimiter;
import io.killtoken.domain.limit.Reservation;
import io.killtoken.domain.limit.SpendLedger;
import io.killtoken.domain.limit.WorstCaseCost;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ModelPrice;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The gateway's limits on one call, checked before it reaches a provider: the key's requests per
 * minute, the tenant's plan requests per minute, the key's monthly budget and its budget for the
 * call's end user (the worst-case cost reserved atomically against each) and the plan's monthly
 * request quota. Each counter is one atomic step in the shared store, so concurrent calls on many
 * nodes cannot overshoot any of them.
 *
 * <p>The checks run in this order so that a refused call never uses up a counter it did not get
 * past: a call over budget does not eat into the tenant's monthly quota, and a call over quota
 * gives its budget hold back. While the counter store is unreachable every limit fails open (ADR
 * 0007): calls go through uncounted, and the adapter logs the outage.
 */
public final class GatewayLimits {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  /** Retry-After when only holds of calls in flight stand in the way; most settle within it. */
  static final Duration HELD_RETRY = Duration.ofSeconds(5);

  private final RateLimiter limiter;
  private final SpendLedger ledger;
  private final TenantPlans plans;
  private final CounterNames names;
  private final InstantSource clock;

  public GatewayLimits(
      RateLimiter limiter,
      SpendLedger ledger,
      TenantPlans plans,
      CounterNames names,
      InstantSource clock) {
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.plans = Objects.requireNonNull(plans, "plans");
    this.names = Objects.requireNonNull(names, "names");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Counts the call against every limit of its key and tenant, or refuses it with {@link
   * LimitExceeded} ({@code rate_limited}, {@code budget_exceeded}, {@code quota_exceeded}) and a
   * Retry-After.
   *
   * @param price the model's price, empty when the catalog has none: then nothing is held and the
   *     call counts as free, though a key whose budget is spent is still refused
   * @param endUser the end user the call names, if any: counted against the key's budget per end
   *     user
   * @param requestBody the request JSON, sizing the worst-case cost
   */
  public Admission admit(
      ApiKey key, Optional<String> endUser, Optional<ModelPrice> price, String requestBody) {
    String keyId = key.id().value();
    String tenantId = key.tenantId().value();
    if (key.limits().requestsPerMinute().isPresent()) {
      perMinute(
          names.name("rpm:key:", keyId),
          key.limits().requestsPerMinute().getAsInt(),
          "This API key is over its requests-per-minute limit.");
    }
    PlanTerms plan = plans.terms(key.tenantId());
    perMinute(
        names.name("rpm:tenant:", tenantId),
        plan.requestsPerMinute(),
        "This account is over its plan's requests-per-minute limit.");

    Instant now = clock.instant();
    CalendarMonth month = CalendarMonth.of(now);
    MicroDollars worstCase = worstCase(key, endUser, price, requestBody);
    Reservation forKey =
        reserve(
            names.name("spend:key:", keyId),
            key.limits().monthlyBudget(),
            worstCase,
            month,
            now,
            "This API key");
    Admission admission = new Admission(ledger, List.of(forKey));
    if (endUser.isPresent() && key.limits().endUserMonthlyBudget().isPresent()) {
      try {
        Reservation forUser =
            reserve(
                names.name("spend:user:", keyId + "|" + endUser.get()),
                key.limits().endUserMonthlyBudget(),
                worstCase,
                month,
                now,
                "This end user of the API key");
        admission = new Admission(ledger, List.of(forKey, forUser));
      } catch (LimitExceeded overBudget) {
        admission.release();
        throw overBudget;
      }
    }
    if (plan.hasMonthlyQuota()) {
      try {
        monthlyQuota(tenantId, plan, month, now);
      } catch (LimitExceeded overQuota) {
        admission.release();
        throw overQuota;
      }
    }
    return admission;
  }

  private void perMinute(LimitKey counter, long limit, String message) {
    RateDecision decision = failOpen(() -> limiter.hit(counter, limit, MINUTE));
    if (decision != null && !decision.allowed()) {
      throw new LimitExceeded("rate_limited", message, decision.retryAfter());
    }
  }

  /** The call's worst-case cost, worked out only when a budget will hold it. */
  private static MicroDollars worstCase(
      ApiKey key, Optional<String> endUser, Optional<ModelPrice> price, String body) {
    boolean held =
        key.limits().monthlyBudget().isPresent()
            || (endUser.isPresent() && key.limits().endUserMonthlyBudget().isPresent());
    return held
        ? price.map(p -> WorstCaseCost.of(body, p)).orElse(MicroDollars.ZERO)
        : MicroDollars.ZERO;
  }

  /**
   * Holds the worst-case cost against one budget. An account without a budget holds nothing but
   * still has its spend counted at settle time, so a budget set mid-month counts the month so far.
   */
  private Reservation reserve(
      LimitKey account,
      Optional<MicroDollars> budget,
      MicroDollars worstCase,
      CalendarMonth month,
      Instant now,
      String who) {
    if (budget.isEmpty()) {
      return Reservation.unheld(account, month);
    }
    BudgetDecision decision =
        failOpen(() -> ledger.reserve(account, month, worstCase, budget.get()));
    if (decision == null) {
      return Reservation.unheld(account, month);
    }
    if (!decision.admitted()) {
      throw overBudget(decision, worstCase, budget.get(), month, now, who);
    }
    return decision.reservation().orElseThrow();
  }

  /**
   * Refused because of what is spent: nothing changes before the month turns (or the budget is
   * raised). Refused only because calls in flight hold the rest: it fits again once they settle.
   */
  private static LimitExceeded overBudget(
      BudgetDecision decision,
      MicroDollars worstCase,
      MicroDollars budget,
      CalendarMonth month,
      Instant now,
      String who) {
    boolean fitsOnceSettled =
        decision.spent().compareTo(budget) < 0
            && worstCase.compareTo(budget.minusOrZero(decision.spent())) <= 0;
    if (fitsOnceSettled) {
      return new LimitExceeded(
          "budget_exceeded",
          "The rest of the monthly budget of "
              + lower(who)
              + " is held by calls in flight; retry"
              + " shortly.",
          HELD_RETRY);
    }
    return new LimitExceeded(
        "budget_exceeded",
        who + " has reached its monthly budget, or this call's worst-case cost would pass it.",
        month.timeLeft(now));
  }

  /**
   * A fixed window that starts at the tenant's first call of the month and ends when the month
   * turns; the month in the counter's name starts a fresh count on the first of each month.
   */
  private void monthlyQuota(String tenantId, PlanTerms plan, CalendarMonth month, Instant now) {
    LimitKey counter = quotaCounter(tenantId, month);
    RateDecision decision =
        failOpen(() -> limiter.hit(counter, plan.monthlyRequests(), month.timeLeft(now)));
    if (decision != null && !decision.allowed()) {
      throw new LimitExceeded(
          "quota_exceeded",
          "This account has used its plan's monthly request quota.",
          month.timeLeft(now));
    }
  }

  /** The counter of the tenant's monthly quota: {@code GET /api/v1/billing} reads it. */
  public LimitKey quotaCounter(String tenantId, CalendarMonth month) {
    return names.name("quota:tenant:" + month.label() + ":", tenantId);
  }

  /** The store's answer, or null while it is unreachable: limits fail open (ADR 0007). */
  private static <T> T failOpen(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException storeDown) {
      return null;
    }
  }

  private static String lower(String who) {
    return Character.toLowerCase(who.charAt(0)) + who.substring(1);
  }
}
