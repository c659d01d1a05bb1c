package io.killtoken.application.gateway;

import io.killtoken.domain.provider.ChunkSink;
import io.killtoken.domain.usage.CacheResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stream client for use-case tests: relays to a sink, records what the cache did, replays a
 * cached answer as one chunk and "assembles" the relayed chunks by listing them.
 */
final class TestStreamClient implements StreamClient {

  final List<CacheResult> results = new CopyOnWriteArrayList<>();
  final List<String> replayed = new CopyOnWriteArrayList<>();
  private final List<String> relayed = new CopyOnWriteArrayList<>();
  private final ChunkSink sink;

  TestStreamClient(ChunkSink sink) {
    this.sink = sink;
  }

  @Override
  public boolean chunk(String json) {
    relayed.add(json);
    return sink.chunk(json);
  }

  @Override
  public void cacheResult(CacheResult result, boolean keep) {
    results.add(result);
  }

  @Override
  public boolean replay(String completion, boolean includeUsage) {
    replayed.add(completion);
    return sink.chunk(completion);
  }

  @Override
  public Optional<String> assembled() {
    return Optional.of("{\"assembled\":[" + String.join(",", relayed) + "]}");
  }
}
