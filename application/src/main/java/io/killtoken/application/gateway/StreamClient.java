package io.killtoken.application.gateway;

import io.killtoken.domain.provider.ChunkSink;
import io.killtoken.domain.usage.CacheResult;
import java.util.Optional;

/**
 * The client end of a streamed completion, as the HTTP layer provides it: it receives the chunks,
 * learns what the cache did before the first one, can replay a cached answer as chunks, and can
 * assemble what it relayed into one answer for the cache.
 *
 * <p>It receives every chunk the provider sent, the usage chunk included, whatever the client
 * asked: the assembled answer keeps the provider's usage, and the client end passes the usage chunk
 * on only to a client that asked for {@code stream_options.include_usage}.
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

  /**
   * The {@code chat.completion} the provider's chunks add up to, usage included, when the stream
   * was complete.
   */
  Optional<String> assembled();
}
