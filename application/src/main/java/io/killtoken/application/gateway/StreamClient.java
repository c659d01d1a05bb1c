package io.killtoken.application.gateway;

import io.killtoken.domain.provider.ChunkSink;
import io.killtoken.domain.usage.CacheResult;
import java.util.Optional;

/**
 * The client end of a streamed completion, as the HTTP layer provides it: it receives the chunks,
 * learns what the cache did before the first one, can replay a cached answer as chunks, and can
 * assemble what it relayed into one answer for the cache.
 */
public interface StreamClient extends ChunkSink {

  /**
   * Called once, before any chunk: what the cache did, and whether the answer will be kept (then
   * the client assembles the chunks it relays).
   */
  void cacheResult(CacheResult result, boolean keep);

  /**
   * Sends a cached {@code chat.completion} as the chunks a provider would have streamed, with the
   * usage chunk only when asked.
   *
   * @return false when the client went away during the replay
   */
  boolean replay(String completion, boolean includeUsage);

  /** The {@code chat.completion} the relayed chunks add up to, when the stream was complete. */
  Optional<String> assembled();
}
