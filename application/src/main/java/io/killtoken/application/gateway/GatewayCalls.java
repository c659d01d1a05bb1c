package io.killtoken.application.gateway;

import io.killtoken.domain.cache.CachedAnswer;
import io.killtoken.domain.credential.StrictByok;
import io.killtoken.domain.error.KillTokenException;
import io.killtoken.domain.error.NonRetriableUpstreamFailure;
import io.killtoken.domain.error.PermissionDenied;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.fingerprint.FingerprintKey;
import io.killtoken.domain.fingerprint.FingerprintKeys;
import io.killtoken.domain.fingerprint.PrefixFingerprints;
import io.killtoken.domain.fingerprint.PromptFingerprint;
import io.killtoken.domain.fingerprint.PromptFingerprinter;
import io.killtoken.domain.limit.WorstCaseCost;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ModelPrice;
import io.killtoken.domain.provider.ModelRoute;
import io.killtoken.domain.provider.ModelRouter;
import io.killtoken.domain.provider.PriceList;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.TokenUsage;
import io.killtoken.domain.usage.UsageAttribution;
import io.killtoken.domain.usage.UsageId;
import io.killtoken.domain.usage.UsageMetric;
import io.killtoken.domain.usage.UsageSink;
import io.killtoken.domain.usage.UsageStatus;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The way every gateway call goes upstream, shared by the chat, messages and embeddings use cases:
 * routes the model, checks the key's model list, admits the call against the limits and budget,
 * then tries the provider with the tenant's own key (strict BYOK) — retrying retriable failures
 * with backoff and moving on to the key's fallback models, but only while nothing has reached the
 * client — and accounts every attempt. The budget hold settles once, to the sum of all attempts.
 */
public final class GatewayCalls {

  private final ModelRouter router;
  private final Map<ProviderId, LlmProvider> providers;
  private final StrictByok byok;
  private final GatewayLimits limits;
  private final UsageSink usage;
  private final FingerprintKeys fingerprints;
  private final PriceList prices;
  private final RetryPolicy retries;
  private final Pause pause;
  private final RecordPrivacy privacy;
  private final InstantSource clock;

  public GatewayCalls(
      List<LlmProvider> providers,
      StrictByok byok,
      GatewayLimits limits,
      UsageSink usage,
      FingerprintKeys fingerprints,
      PriceList prices,
      RetryPolicy retries,
      Pause pause,
      RecordPrivacy privacy,
      InstantSource clock) {
    this.router = new ModelRouter(providers);
    this.providers =
        providers.stream().collect(Collectors.toMap(LlmProvider::id, Function.identity()));
    this.byok = byok;
    this.limits = limits;
    this.usage = usage;
    this.fingerprints = fingerprints;
    this.prices = prices;
    this.retries = retries;
    this.pause = pause;
    this.privacy = privacy;
    this.clock = clock;
  }

  /** An attempt at one target: it returns the answer or throws the provider's failure. */
  @FunctionalInterface
  interface Attempt<T> {
    Attempted<T> call(UpstreamTarget target);
  }

  /** Runs a call the response cache has no part in (embeddings). */
  <T> T run(GatewayRequest request, BooleanSupplier clientSawBytes, Attempt<T> attempt) {
    return run(request, CacheStage.bypass(), clientSawBytes, attempt);
  }

  /**
   * Runs the call: a cache hit is served without any upstream call (the limits still count it, at
   * no cost); otherwise the providers are tried and what the requested model answers is kept.
   *
   * @param clientSawBytes true once anything reached the client: from then on nothing is retried
   */
  <T> T run(
      GatewayRequest request,
      CacheStage<T> cache,
      BooleanSupplier clientSawBytes,
      Attempt<T> attempt) {
    ModelRoute route = router.route(request.model());
    if (!request.key().limits().allowsModel(request.model())
        && !request.key().limits().allowsModel(route.model())) {
      throw new PermissionDenied("This API key may not call model '" + request.model() + "'.");
    }
    LlmProvider provider = providers.get(route.provider());
    TenantSettings chosen = privacy.settingsOf(request.key().tenantId());
    CacheStage.Lookup lookup = cache.lookup(chosen, route);
    try {
      return answer(request, chosen, route, provider, lookup, cache, clientSawBytes, attempt);
    } finally {
      cache.done(); // however the call ended — even refused by a limit — waiting twins go on
    }
  }

  private <T> T answer(
      GatewayRequest request,
      TenantSettings chosen,
      ModelRoute route,
      LlmProvider provider,
      CacheStage.Lookup lookup,
      CacheStage<T> cache,
      BooleanSupplier clientSawBytes,
      Attempt<T> attempt) {
    Optional<ModelPrice> price =
        lookup.hit().isPresent() ? Optional.empty() : prices.priceOf(provider, route.model());
    Admission admission =
        limits.admit(request.key(), request.labels().endUser(), price, request.body());
    FingerprintKey tenantKey = fingerprints.forTenant(request.key().tenantId());
    PromptFingerprint fingerprint =
        PromptFingerprinter.fingerprint(tenantKey, request.promptText());
    CallState state =
        new CallState(chosen, lookup.result(), asked(request, chosen, lookup, tenantKey));
    try {
      if (lookup.hit().isPresent()) {
        return serveHit(request, cache, lookup.hit().get(), fingerprint, state);
      }
      List<ModelRoute> candidates = candidates(route, request);
      for (int i = 0; i < candidates.size(); i++) {
        Optional<T> answer =
            tryModel(
                candidates.get(i), i > 0, request, fingerprint, state, clientSawBytes, attempt);
        if (answer.isPresent()) {
          if (i == 0) {
            cache.keep(answer.get(), route, state.spent);
          }
          return answer.get();
        }
      }
      throw state.lastFailure;
    } finally {
      admission.settle(state.spent);
    }
  }

  private <T> T serveHit(
      GatewayRequest request,
      CacheStage<T> cache,
      CachedAnswer hit,
      PromptFingerprint fingerprint,
      CallState state) {
    long started = System.nanoTime();
    T served = cache.serve(hit);
    Duration latency = Duration.ofNanos(System.nanoTime() - started);
    UsageId id = UsageId.random();
    usage.record(
        new UsageMetric(
            id,
            request.key().tenantId(),
            request.key().id(),
            hit.provider(),
            hit.model(),
            TokenUsage.NONE,
            MicroDollars.ZERO,
            latency,
            Duration.ZERO,
            UsageStatus.OK,
            request.stream(),
            CacheResult.HIT,
            fingerprint,
            false,
            hit.usage(),
            hit.cost(),
            clock.instant(),
            privacy.seal(state.settings, id, request.promptText()),
            state.asked.withOutcome(Optional.of(hit.finishReason()), 0)));
    return served;
  }

  /**
   * What the request says about itself for the usage record: its digest, tags, end user (a keyed
   * hash under the tenant's fingerprint key unless the tenant chose plain ids) and output cap.
   */
  private UsageAttribution asked(
      GatewayRequest request,
      TenantSettings chosen,
      CacheStage.Lookup lookup,
      FingerprintKey tenantKey) {
    return new UsageAttribution(
        Optional.empty(),
        Optional.empty(),
        lookup.digest(),
        request.labels().tags(),
        request.labels().endUser().map(user -> privacy.endUser(chosen, tenantKey, user)),
        WorstCaseCost.askedCap(request.body()),
        0,
        PrefixFingerprints.of(tenantKey, request.labels().prefix()));
  }

  /**
   * The requested model, then the key's fallbacks that route (a fallback that does not is skipped).
   */
  private List<ModelRoute> candidates(ModelRoute first, GatewayRequest request) {
    List<ModelRoute> candidates = new ArrayList<>();
    candidates.add(first);
    for (String fallback : request.fallbacks()) {
      try {
        candidates.add(router.route(fallback));
      } catch (KillTokenException unroutable) {
        // A fallback no provider serves cannot help; the requested model's failure stands.
      }
    }
    return candidates;
  }

  /** One model with its retries: its answer, or empty to move on to the next candidate. */
  private <T> Optional<T> tryModel(
      ModelRoute route,
      boolean fallback,
      GatewayRequest request,
      PromptFingerprint fingerprint,
      CallState state,
      BooleanSupplier clientSawBytes,
      Attempt<T> attempt) {
    LlmProvider provider = providers.get(route.provider());
    for (int retry = 0; ; retry++) {
      UpstreamTarget target;
      try {
        target =
            new UpstreamTarget(
                route, provider, byok.accessFor(request.key().tenantId(), route.provider()));
      } catch (KillTokenException unusable) {
        if (!fallback) {
          throw unusable; // e.g. no credential for the requested provider: the client must know
        }
        return Optional.empty(); // a fallback the tenant holds no key for is skipped
      }
      long started = System.nanoTime();
      try {
        Attempted<T> done = attempt.call(target);
        state.spend(
            record(
                state,
                request,
                target,
                fingerprint,
                done.tokens(),
                done.status(),
                done.estimated(),
                started,
                state.asked.withOutcome(done.finishReason(), 0)));
        return Optional.of(done.answer());
      } catch (UpstreamFailure failure) {
        record(
            state,
            request,
            target,
            fingerprint,
            TokenUsage.NONE,
            UsageStatus.UPSTREAM_ERROR,
            false,
            started,
            state.asked.withOutcome(Optional.empty(), Math.max(0, failure.status())));
        if (!safeToRetry(failure) || clientSawBytes.getAsBoolean()) {
          throw failure;
        }
        state.lastFailure = failure;
        Optional<Duration> delay = retries.delayBefore(retry + 1, failure.retryAfter());
        if (delay.isEmpty()) {
          return Optional.empty();
        }
        try {
          pause.pause(delay.get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw failure;
        }
      }
    }
  }

  /**
   * A connection never made, a 429 or a 5xx: the upstream did no work worth keeping. A timeout
   * after the request was sent is not retried — the upstream may still be generating, and billing.
   */
  private static boolean safeToRetry(UpstreamFailure failure) {
    if (failure instanceof NonRetriableUpstreamFailure) {
      return false;
    }
    int status = failure.status();
    return status == UpstreamFailure.NOT_CONNECTED || status == 429 || status >= 500;
  }

  private MicroDollars record(
      CallState state,
      GatewayRequest request,
      UpstreamTarget target,
      PromptFingerprint fingerprint,
      TokenUsage tokens,
      UsageStatus status,
      boolean estimated,
      long startedNanos,
      UsageAttribution attribution) {
    Duration latency = Duration.ofNanos(System.nanoTime() - startedNanos);
    String model = target.route().model();
    MicroDollars cost =
        prices.priceOf(target.provider(), model).map(p -> p.cost(tokens)).orElse(MicroDollars.ZERO);
    UsageId id = UsageId.random();
    usage.record(
        new UsageMetric(
            id,
            request.key().tenantId(),
            request.key().id(),
            target.route().provider(),
            model,
            tokens,
            cost,
            latency,
            latency,
            status,
            request.stream(),
            state.cacheResult,
            fingerprint,
            estimated,
            TokenUsage.NONE,
            MicroDollars.ZERO,
            clock.instant(),
            privacy.seal(state.settings, id, request.promptText()),
            attribution.withCredential(Optional.of(target.access().credential()))));
    return cost;
  }

  /** What the attempts of one call cost (settled once at the end) and how the last one failed. */
  private static final class CallState {
    private final TenantSettings settings;
    private final CacheResult cacheResult;
    private final UsageAttribution asked;
    private MicroDollars spent = MicroDollars.ZERO;
    private UpstreamFailure lastFailure;

    CallState(TenantSettings settings, CacheResult cacheResult, UsageAttribution asked) {
      this.settings = settings;
      this.cacheResult = cacheResult;
      this.asked = asked;
    }

    void spend(MicroDollars cost) {
      spent = spent.plus(cost);
    }
  }
}
