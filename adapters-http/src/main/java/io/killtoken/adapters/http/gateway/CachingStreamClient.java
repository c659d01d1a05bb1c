package io.killtoken.adapters.http.gateway;

import io.javalin.http.Context;
import io.killtoken.adapters.http.cache.StreamAssembly;
import io.killtoken.adapters.http.cache.StreamReplay;
import io.killtoken.adapters.http.cache.UnaskedUsage;
import io.killtoken.application.gateway.StreamClient;
import io.killtoken.domain.provider.ChunkSink;
import io.killtoken.domain.usage.CacheResult;
import java.util.Optional;

/**
 * The {@link StreamClient} both streaming routes hand the use case: sets {@code x-killtoken-cache}
 * before the first byte, relays OpenAI chunks to the route's sink (SSE as is, or translated to
 * Anthropic events) — the usage chunk only when the client asked for it —, replays cached answers
 * through the same sink, and assembles the provider's chunks, usage included, only when the answer
 * is to be kept.
 */
final class CachingStreamClient implements StreamClient {

  private final Context ctx;
  private final ChunkSink sink;
  private final boolean includeUsage;
  private StreamAssembly assembly;

  /**
   * @param includeUsage whether the client asked for the usage chunk ({@code
   *     stream_options.include_usage})
   */
  CachingStreamClient(Context ctx, ChunkSink sink, boolean includeUsage) {
    this.ctx = ctx;
    this.sink = sink;
    this.includeUsage = includeUsage;
  }

  @Override
  public void cacheResult(CacheResult result, boolean keep) {
    CacheHeaders.answer(ctx, result);
    assembly = keep ? new StreamAssembly() : null;
  }

  @Override
  public boolean chunk(String json) {
    if (assembly != null) {
      assembly.accept(json);
    }
    if (includeUsage) {
      return sink.chunk(json);
    }
    // Kept for the cache and accounted, but this client did not ask to see it.
    Optional<String> shown = UnaskedUsage.removedFrom(json);
    return shown.isEmpty() || sink.chunk(shown.get());
  }

  @Override
  public boolean replay(String completion, boolean includeUsage) {
    for (String chunk : StreamReplay.chunks(completion, includeUsage)) {
      if (!sink.chunk(chunk)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Optional<String> assembled() {
    return assembly == null ? Optional.empty() : assembly.completion();
  }
}
