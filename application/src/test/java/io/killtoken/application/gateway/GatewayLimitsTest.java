package io.killtoken.application.gateway;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.application.testing.RecordingRateLimiter;
import io.killtoken.application.testing.TestClock;
import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyHash;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.apikey.ApiKeyLimits;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.billing.PlanCatalog;
import io.killtoken.domain.error.LimitExceeded;
import io.killtoken.domain.limit.CalendarMonth;
import io.killtoken.domain.limit.CounterNames;
import io.killtoken.domain.limit.LimitKey;
import io.killtoken.domain.limit.RecordingSpendLedger;
import io.killtoken.domain.limit.WorstCaseCost;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ModelPrice;
import io.killtoken.domain.tenant.InMemoryTenantRepository;
import io.killtoken.domain.tenant.Plan;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatewayLimitsTest {

  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
  private static final Duration TO_MONTH_END = Duration.ofDays(1).plusHours(14);
  private static final String BODY = "{\"model\":\"s-small\",\"max_tokens\":100}";
  private static final Optional<ModelPrice> PRICED = Optional.of(ScriptedProvider.PRICE);
  private static final MicroDollars WORST_CASE = WorstCaseCost.of(BODY, ScriptedProvider.PRICE);

  private final TestClock clock = new TestClock(NOW);
  private final RecordingRateLimiter limiter = new RecordingRateLimiter();
  private final RecordingSpendLedger ledger = new RecordingSpendLedger(clock);
  private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
  private final CounterNames names = new CounterNames(new byte[32]);
  private final GatewayLimits limits =
      new GatewayLimits(
          limiter, ledger, new TenantPlans(tenants, PlanCatalog.DEFAULTS), names, clock);

  private TenantId tenant(Plan plan) {
    Tenant tenant = new Tenant(TenantId.random(), "Acme", plan, Instant.EPOCH);
    tenants.save(tenant);
    return tenant.id();
  }

  private static ApiKey key(TenantId tenant, ApiKeyLimits limits) {
    return new ApiKey(
        ApiKeyId.random(),
        tenant,
        "app",
        new ApiKeyHash("a".repeat(64)),
        "kt_abcd…wxyz",
        Set.of(ApiKeyScope.GATEWAY),
        limits,
        Instant.EPOCH,
        Optional.empty());
  }

  private static ApiKeyLimits budget(long micros) {
    return new ApiKeyLimits(OptionalInt.empty(), Optional.of(new MicroDollars(micros)), Set.of());
  }

  private LimitKey account(ApiKey key) {
    return names.name("spend:key:", key.id().value());
  }

  @Test
  void an_end_user_over_its_budget_on_the_key_is_refused_while_other_users_go_on() {
    ApiKey key =
        key(
            tenant(Plan.PRO),
            new ApiKeyLimits(
                OptionalInt.empty(),
                Optional.empty(),
                Set.of(),
                List.of(),
                Optional.of(new MicroDollars(1_000))));
    limits.admit(key, Optional.of("alice"), PRICED, BODY).settle(new MicroDollars(1_000));

    LimitExceeded refused =
        assertThrows(
            LimitExceeded.class, () -> limits.admit(key, Optional.of("alice"), PRICED, BODY));

    assertEquals("budget_exceeded", refused.code());
    assertTrue(
        refused.getMessage().startsWith("This end user of the API key"), refused.getMessage());
    assertEquals(TO_MONTH_END, refused.retryAfter());
    assertDoesNotThrow(() -> limits.admit(key, Optional.of("bob"), PRICED, BODY));
    assertDoesNotThrow(() -> limits.admit(key, Optional.empty(), PRICED, BODY), "no end user");
    assertEquals(
        new MicroDollars(1_000),
        ledger.spent(account(key), CalendarMonth.of(NOW)),
        "the key's own spend counts every user");
  }

  @Test
  void a_call_refused_for_its_end_user_holds_nothing_against_the_keys_budget() {
    ApiKey key =
        key(
            tenant(Plan.PRO),
            new ApiKeyLimits(
                OptionalInt.empty(),
                Optional.of(new MicroDollars(1_000_000)),
                Set.of(),
                List.of(),
                Optional.of(new MicroDollars(WORST_CASE.value() - 1))));

    assertThrows(LimitExceeded.class, () -> limits.admit(key, Optional.of("alice"), PRICED, BODY));

    assertEquals(MicroDollars.ZERO, ledger.held(account(key), CalendarMonth.of(NOW)));
  }

  @Test
  void a_key_over_its_requests_per_minute_is_rate_limited() {
    ApiKey key =
        key(tenant(Plan.PRO), new ApiKeyLimits(OptionalInt.of(2), Optional.empty(), Set.of()));
    limits.admit(key, Optional.empty(), PRICED, BODY);
    limits.admit(key, Optional.empty(), PRICED, BODY);

    LimitExceeded refused =
        assertThrows(LimitExceeded.class, () -> limits.admit(key, Optional.empty(), PRICED, BODY));

    assertEquals("rate_limited", refused.code());
    assertEquals(Duration.ofMinutes(1), refused.retryAfter());
  }

  @Test
  void a_tenant_over_its_plans_requests_per_minute_is_rate_limited_across_its_keys() {
    TenantId tenant = tenant(Plan.FREE);
    for (int i = 0; i < Plan.FREE.requestsPerMinute(); i++) {
      limits.admit(key(tenant, ApiKeyLimits.NONE), Optional.empty(), PRICED, BODY);
    }

    LimitExceeded refused =
        assertThrows(
            LimitExceeded.class,
            () -> limits.admit(key(tenant, ApiKeyLimits.NONE), Optional.empty(), PRICED, BODY));

    assertEquals("rate_limited", refused.code());
    assertTrue(refused.getMessage().contains("plan"), refused.getMessage());
    assertTrue(refused.retryAfter().compareTo(Duration.ZERO) > 0);
    assertDoesNotThrow(
        () ->
            limits.admit(
                key(tenant(Plan.FREE), ApiKeyLimits.NONE), Optional.empty(), PRICED, BODY));
  }

  @Test
  void a_tenant_over_its_monthly_quota_waits_until_the_month_turns() {
    TenantId tenant = tenant(Plan.FREE);
    LimitKey quota = names.name("quota:tenant:2026-11:", tenant.value());
    for (long i = 0; i < Plan.FREE.monthlyRequests(); i++) {
      limiter.hit(quota, Plan.FREE.monthlyRequests(), TO_MONTH_END);
    }

    LimitExceeded refused =
        assertThrows(
            LimitExceeded.class,
            () -> limits.admit(key(tenant, ApiKeyLimits.NONE), Optional.empty(), PRICED, BODY));

    assertEquals("quota_exceeded", refused.code());
    assertEquals(TO_MONTH_END, refused.retryAfter());
  }

  @Test
  void the_quota_counter_is_named_per_month_so_a_new_month_starts_from_zero() {
    TenantId tenant = tenant(Plan.PRO);
    limits.admit(key(tenant, ApiKeyLimits.NONE), Optional.empty(), PRICED, BODY);
    clock.advance(Duration.ofDays(3));
    limits.admit(key(tenant, ApiKeyLimits.NONE), Optional.empty(), PRICED, BODY);

    assertTrue(limiter.keysSeen().contains(names.name("quota:tenant:2026-11:", tenant.value())));
    assertTrue(limiter.keysSeen().contains(names.name("quota:tenant:2026-12:", tenant.value())));
  }

  @Test
  void an_enterprise_tenant_has_no_quota_counter() {
    TenantId tenant = tenant(Plan.ENTERPRISE);

    limits.admit(key(tenant, ApiKeyLimits.NONE), Optional.empty(), PRICED, BODY);

    assertEquals(1, limiter.keysSeen().size(), "the tenant's requests per minute only");
  }

  @Test
  void counter_names_never_hold_a_key_or_tenant_id() {
    TenantId tenant = tenant(Plan.PRO);
    ApiKey key = key(tenant, new ApiKeyLimits(OptionalInt.of(5), Optional.empty(), Set.of()));

    limits.admit(key, Optional.empty(), PRICED, BODY).settle(new MicroDollars(1));

    assertEquals(3, limiter.keysSeen().size());
    for (LimitKey name : limiter.keysSeen()) {
      assertFalse(name.value().contains(key.id().value()), name.value());
      assertFalse(name.value().contains(tenant.value()), name.value());
    }
    LimitKey account = ledger.settlements().getFirst().reservation().account();
    assertFalse(account.value().contains(key.id().value()), account.value());
  }

  @Test
  void a_call_holds_its_worst_case_cost_against_the_keys_budget_until_it_settles() {
    ApiKey key = key(tenant(Plan.PRO), budget(1_000_000));
    CalendarMonth month = CalendarMonth.of(NOW);

    Admission admission = limits.admit(key, Optional.empty(), PRICED, BODY);

    assertEquals(WORST_CASE, admission.held());
    assertEquals(WORST_CASE, ledger.held(account(key), month));
    admission.settle(new MicroDollars(123));
    assertEquals(MicroDollars.ZERO, ledger.held(account(key), month));
    assertEquals(new MicroDollars(123), ledger.spent(account(key), month));
  }

  @Test
  void a_key_that_spent_its_budget_is_refused_until_the_month_turns() {
    ApiKey key = key(tenant(Plan.PRO), budget(1_000));
    limits.admit(key, Optional.empty(), PRICED, BODY).settle(new MicroDollars(1_000));

    LimitExceeded refused =
        assertThrows(LimitExceeded.class, () -> limits.admit(key, Optional.empty(), PRICED, BODY));

    assertEquals("budget_exceeded", refused.code());
    assertEquals(TO_MONTH_END, refused.retryAfter());
    clock.advance(TO_MONTH_END);
    assertDoesNotThrow(() -> limits.admit(key, Optional.empty(), PRICED, BODY));
  }

  @Test
  void a_call_whose_worst_case_would_pass_the_budget_is_refused_before_it_runs() {
    ApiKey key = key(tenant(Plan.PRO), budget(WORST_CASE.value() - 1));

    LimitExceeded refused =
        assertThrows(LimitExceeded.class, () -> limits.admit(key, Optional.empty(), PRICED, BODY));

    assertEquals("budget_exceeded", refused.code());
    assertEquals(TO_MONTH_END, refused.retryAfter());
  }

  @Test
  void a_budget_held_by_calls_in_flight_asks_to_retry_shortly() {
    ApiKey key = key(tenant(Plan.PRO), budget(WORST_CASE.value() * 2));
    limits.admit(key, Optional.empty(), PRICED, BODY);
    limits.admit(key, Optional.empty(), PRICED, BODY);

    LimitExceeded refused =
        assertThrows(LimitExceeded.class, () -> limits.admit(key, Optional.empty(), PRICED, BODY));

    assertEquals("budget_exceeded", refused.code());
    assertEquals(GatewayLimits.HELD_RETRY, refused.retryAfter());
  }

  @Test
  void a_raised_budget_takes_effect_on_the_next_call() {
    ApiKey key = key(tenant(Plan.PRO), budget(1_000));
    limits.admit(key, Optional.empty(), PRICED, BODY).settle(new MicroDollars(1_000));
    assertThrows(LimitExceeded.class, () -> limits.admit(key, Optional.empty(), PRICED, BODY));

    ApiKey raised = key.withLimits(budget(1_000 + WORST_CASE.value()));

    assertDoesNotThrow(() -> limits.admit(raised, Optional.empty(), PRICED, BODY));
  }

  @Test
  void a_budget_set_mid_month_counts_what_the_key_spent_before_it() {
    ApiKey key = key(tenant(Plan.PRO), ApiKeyLimits.NONE);
    limits.admit(key, Optional.empty(), PRICED, BODY).settle(new MicroDollars(5_000));

    ApiKey budgeted = key.withLimits(budget(5_000));

    LimitExceeded refused =
        assertThrows(
            LimitExceeded.class, () -> limits.admit(budgeted, Optional.empty(), PRICED, BODY));
    assertEquals("budget_exceeded", refused.code());
  }

  @Test
  void a_model_without_a_price_holds_nothing_but_a_spent_budget_still_stops_it() {
    ApiKey key = key(tenant(Plan.PRO), budget(1_000));

    Admission free = limits.admit(key, Optional.empty(), Optional.empty(), BODY);
    assertEquals(MicroDollars.ZERO, free.held());
    free.settle(MicroDollars.ZERO);
    assertTrue(ledger.settlements().isEmpty(), "nothing held, nothing spent: no round trip");

    limits.admit(key, Optional.empty(), PRICED, BODY).settle(new MicroDollars(1_000));
    assertThrows(
        LimitExceeded.class, () -> limits.admit(key, Optional.empty(), Optional.empty(), BODY));
  }

  @Test
  void a_call_over_budget_does_not_use_up_the_tenants_quota() {
    TenantId tenant = tenant(Plan.FREE);
    ApiKey key = key(tenant, budget(0));

    assertThrows(LimitExceeded.class, () -> limits.admit(key, Optional.empty(), PRICED, BODY));

    assertFalse(limiter.keysSeen().contains(names.name("quota:tenant:2026-11:", tenant.value())));
  }

  @Test
  void a_call_over_quota_gives_its_budget_hold_back() {
    TenantId tenant = tenant(Plan.FREE);
    LimitKey quota = names.name("quota:tenant:2026-11:", tenant.value());
    for (long i = 0; i < Plan.FREE.monthlyRequests(); i++) {
      limiter.hit(quota, Plan.FREE.monthlyRequests(), TO_MONTH_END);
    }
    ApiKey key = key(tenant, budget(1_000_000));

    assertThrows(LimitExceeded.class, () -> limits.admit(key, Optional.empty(), PRICED, BODY));

    assertEquals(MicroDollars.ZERO, ledger.held(account(key), CalendarMonth.of(NOW)));
  }

  @Test
  void a_call_settles_once_whatever_happens_after() {
    ApiKey key = key(tenant(Plan.PRO), budget(1_000_000));
    Admission admission = limits.admit(key, Optional.empty(), PRICED, BODY);

    admission.settle(new MicroDollars(10));
    admission.settle(new MicroDollars(10));
    admission.release();

    assertEquals(1, ledger.settlements().size());
    assertEquals(new MicroDollars(10), ledger.spent(account(key), CalendarMonth.of(NOW)));
  }

  @Test
  void with_the_counter_store_down_every_limit_fails_open() {
    limiter.goDown();
    ledger.goDown();
    ApiKey key =
        key(
            tenant(Plan.FREE),
            new ApiKeyLimits(OptionalInt.of(1), Optional.of(MicroDollars.ZERO), Set.of()));

    for (int i = 0; i < 3; i++) {
      Admission admission =
          assertDoesNotThrow(() -> limits.admit(key, Optional.empty(), PRICED, BODY));
      assertDoesNotThrow(() -> admission.settle(new MicroDollars(1)));
    }
  }
}
