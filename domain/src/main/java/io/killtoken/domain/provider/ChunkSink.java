package io.killtoken.domain.provider;

/** Receives the chunks of a streamed answer as they arrive, in the OpenAI chunk format. */
public interface ChunkSink {

  /**
   * Sends one {@code chat.completion.chunk} JSON to the client and flushes it.
   *
   * @return false when the client has gone: the provider stops reading and closes the upstream
   */
  boolean chunk(String json);
}
