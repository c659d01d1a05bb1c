package io.killtoken.application.gateway;

import io.killtoken.domain.credential.StrictByok;
import io.killtoken.domain.error.PermissionDenied;
import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.fingerprint.FingerprintKeys;
import io.killtoken.domain.fingerprint.PromptFingerprint;
import io.killtoken.domain.fingerprint.PromptFingerprinter;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.provider.ChatCall;
import io.killtoken.domain.provider.ChunkSink;
import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ModelRoute;
import io.killtoken.domain.provider.ModelRouter;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.StreamOutcome;
import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.TokenUsage;
import io.killtoken.domain.usage.UsageId;
import io.killtoken.domain.usage.UsageMetric;
import io.killtoken.domain.usage.UsageSink;
import io.killtoken.domain.usage.UsageStatus;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Use case: proxies one chat completion. Routes the model, enforces the key's model list and the
 * {@link GatewayLimits}, calls the provider with the tenant's own key (strict BYOK), settles the
 * call's budget hold to its real cost, and hands a usage record to the sink — which buffers, so
 * accounting never waits for storage.
 */
public final class ProxyChatCompletion {

  private final ModelRouter router;
  private final Map<ProviderId, LlmProvider> providers;
  private final StrictByok byok;
  private final GatewayLimits limits;
  private final UsageSink usage;
  private final FingerprintKeys fingerprints;
  private final InstantSource clock;

  public ProxyChatCompletion(
      List<LlmProvider> providers,
      StrictByok byok,
      GatewayLimits limits,
      UsageSink usage,
      FingerprintKeys fingerprints,
      InstantSource clock) {
    this.router = new ModelRouter(providers);
    this.providers =
        providers.stream().collect(Collectors.toMap(LlmProvider::id, Function.identity()));
    this.byok = byok;
    this.limits = limits;
    this.usage = usage;
    this.fingerprints = fingerprints;
    this.clock = clock;
  }

  /** A JSON (non-streamed) completion. */
  public ChatAnswer complete(ChatCommand command) {
    Call call = prepare(command);
    long started = System.nanoTime();
    try {
      ChatAnswer answer = call.provider.chat(call.chat);
      record(call, answer.usage(), UsageStatus.OK, false, started);
      return answer;
    } catch (UpstreamFailure failure) {
      record(call, TokenUsage.NONE, UsageStatus.UPSTREAM_ERROR, false, started);
      throw failure;
    } finally {
      call.admission.release(); // no-op once settled; frees the hold on any other exit
    }
  }

  /** A streamed completion, relayed chunk by chunk to the sink. */
  public StreamOutcome stream(ChatCommand command, ChunkSink sink) {
    Call call = prepare(command);
    long started = System.nanoTime();
    try {
      StreamOutcome outcome = call.provider.stream(call.chat, sink);
      UsageStatus status = outcome.clientClosed() ? UsageStatus.CLIENT_CLOSED : UsageStatus.OK;
      record(call, outcome.usage(), status, outcome.estimated(), started);
      return outcome;
    } catch (UpstreamFailure failure) {
      record(call, TokenUsage.NONE, UsageStatus.UPSTREAM_ERROR, false, started);
      throw failure;
    } finally {
      call.admission.release(); // no-op once settled; frees the hold on any other exit
    }
  }

  private Call prepare(ChatCommand command) {
    ModelRoute route = router.route(command.model());
    if (!command.key().limits().allowsModel(command.model())
        && !command.key().limits().allowsModel(route.model())) {
      throw new PermissionDenied("This API key may not call model '" + command.model() + "'.");
    }
    LlmProvider provider = providers.get(route.provider());
    Admission admission =
        limits.admit(command.key(), provider.price(route.model()), command.body());
    try {
      ChatCall chat =
          new ChatCall(
              route.model(),
              command.body(),
              byok.keyFor(command.key().tenantId(), route.provider()),
              command.includeUsage());
      PromptFingerprint fingerprint =
          PromptFingerprinter.fingerprint(
              fingerprints.forTenant(command.key().tenantId()), command.promptText());
      return new Call(command, route, provider, chat, fingerprint, admission);
    } catch (RuntimeException beforeTheCall) {
      admission.release();
      throw beforeTheCall;
    }
  }

  private void record(
      Call call, TokenUsage tokens, UsageStatus status, boolean estimated, long startedNanos) {
    Duration latency = Duration.ofNanos(System.nanoTime() - startedNanos);
    MicroDollars cost =
        call.provider.price(call.route.model()).map(p -> p.cost(tokens)).orElse(MicroDollars.ZERO);
    call.admission.settle(cost);
    usage.record(
        new UsageMetric(
            UsageId.random(),
            call.command.key().tenantId(),
            call.command.key().id(),
            call.route.provider(),
            call.route.model(),
            tokens,
            cost,
            latency,
            latency,
            status,
            call.command.stream(),
            CacheResult.MISS,
            call.fingerprint,
            estimated,
            TokenUsage.NONE,
            MicroDollars.ZERO,
            clock.instant()));
  }

  private record Call(
      ChatCommand command,
      ModelRoute route,
      LlmProvider provider,
      ChatCall chat,
      PromptFingerprint fingerprint,
      Admission admission) {}
}
