package io.killtoken.application.gateway;

import io.killtoken.domain.error.UpstreamFailure;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.provider.ChatCall;
import io.killtoken.domain.provider.ChunkSink;
import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ModelPrice;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.StreamOutcome;
import io.killtoken.domain.usage.TokenUsage;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A provider that answers from a script and keeps every call it got, for use-case tests. */
final class ScriptedProvider implements LlmProvider {

  static final ModelPrice PRICE =
      new ModelPrice(
          new MicroDollars(1_000_000), new MicroDollars(500_000), new MicroDollars(2_000_000));

  final List<ChatCall> calls = new CopyOnWriteArrayList<>();
  volatile UpstreamFailure failure;

  /** Thrown by a stream after its first chunk reached the sink. */
  volatile UpstreamFailure midStream;

  /** When set, chat calls wait for it to open: a provider that takes its time. */
  volatile java.util.concurrent.CountDownLatch gate;

  /** Failures thrown by the next calls, one each, before {@link #failure} applies. */
  final Queue<UpstreamFailure> upcoming = new ConcurrentLinkedQueue<>();

  private final ProviderId id;
  private final String prefix;

  ScriptedProvider() {
    this("scripted", "s-");
  }

  ScriptedProvider(String id, String prefix) {
    this.id = new ProviderId(id);
    this.prefix = prefix;
  }

  @Override
  public ProviderId id() {
    return id;
  }

  @Override
  public boolean servesModel(String model) {
    return model.startsWith(prefix);
  }

  @Override
  public List<String> models() {
    return List.of("s-small", "s-large");
  }

  @Override
  public Optional<ModelPrice> price(String model) {
    return Optional.of(PRICE);
  }

  @Override
  public ChatAnswer chat(ChatCall call) {
    calls.add(call);
    if (gate != null) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    fail();
    return new ChatAnswer("{\"id\":\"x\"}", new TokenUsage(100, 10, 40), "stop");
  }

  @Override
  public StreamOutcome stream(ChatCall call, ChunkSink sink) {
    calls.add(call);
    fail();
    for (int i = 0; i < 3; i++) {
      if (i == 1 && midStream != null) {
        throw midStream;
      }
      if (!sink.chunk("{\"n\":" + i + "}")) {
        return new StreamOutcome(new TokenUsage(100, i, 0), true, true, "unknown");
      }
    }
    return new StreamOutcome(new TokenUsage(100, 3, 0), false, false, "stop");
  }

  private void fail() {
    UpstreamFailure next = upcoming.poll();
    if (next != null) {
      throw next;
    }
    if (failure != null) {
      throw failure;
    }
  }
}
