package io.killtoken.application.gateway;

import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.provider.ChatCall;
import io.killtoken.domain.provider.ChunkSink;
import io.killtoken.domain.provider.StreamOutcome;
import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.UsageStatus;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Use case: proxies one chat completion, JSON or streamed, through {@link GatewayCalls} — the
 * exact-response cache first, then limits, strict BYOK, retries and fallbacks while nothing reached
 * the client, one usage record per attempt, handed to a sink that buffers so accounting never waits
 * for storage.
 */
public final class ProxyChatCompletion {

  private final GatewayCalls calls;
  private final ChatCaching caching;

  public ProxyChatCompletion(GatewayCalls calls, ChatCaching caching) {
    this.calls = calls;
    this.caching = caching;
  }

  /**
   * A JSON (non-streamed) completion.
   *
   * @param verdict told what the cache did, before the answer is returned
   */
  public ChatAnswer complete(ChatCommand command, Consumer<CacheResult> verdict) {
    return calls.run(
        request(command),
        caching.forJson(command, verdict),
        () -> false,
        target -> {
          ChatAnswer answer = target.provider().chat(call(command, target));
          return new Attempted<>(
              answer, answer.usage(), UsageStatus.OK, false, reason(answer.finishReason()));
        });
  }

  /** A streamed completion, relayed chunk by chunk (or replayed from the cache) to the client. */
  public StreamOutcome stream(ChatCommand command, StreamClient client) {
    AtomicBoolean sent = new AtomicBoolean();
    ChunkSink watched =
        json -> {
          sent.set(true);
          return client.chunk(json);
        };
    return calls.run(
        request(command),
        caching.forStream(command, client),
        sent::get,
        target -> {
          StreamOutcome outcome = target.provider().stream(call(command, target), watched);
          UsageStatus status = outcome.clientClosed() ? UsageStatus.CLIENT_CLOSED : UsageStatus.OK;
          return new Attempted<>(
              outcome,
              outcome.usage(),
              status,
              outcome.estimated(),
              reason(outcome.finishReason()));
        });
  }

  private static GatewayRequest request(ChatCommand command) {
    return new GatewayRequest(
        command.key(),
        command.model(),
        command.body(),
        command.promptText(),
        command.stream(),
        command.key().limits().fallbackModels(),
        command.labels());
  }

  /** A finish reason worth keeping: {@code unknown} and blanks are none. */
  private static Optional<String> reason(String finishReason) {
    return finishReason.isBlank() || finishReason.equals("unknown")
        ? Optional.empty()
        : Optional.of(finishReason);
  }

  private static ChatCall call(ChatCommand command, UpstreamTarget target) {
    return new ChatCall(
        target.route().model(),
        command.body(),
        target.access().key(),
        // The usage chunk always comes back, asked for or not: a kept answer must carry its usage
        // for every later hit. The stream client passes it on only to a client that asked.
        true,
        target.access().baseUrl());
  }
}
