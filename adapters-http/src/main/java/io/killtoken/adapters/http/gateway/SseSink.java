package io.killtoken.adapters.http.gateway;

import io.javalin.http.Context;
import io.killtoken.domain.provider.ChunkSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Relays chunks to the client as Server-Sent Events, one flush per event. The 200 and the SSE
 * headers go out with the first chunk, so a provider failing before it still gets a proper error
 * status. A write that fails means the client has gone.
 */
final class SseSink implements ChunkSink {

  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

  private final Context ctx;
  private OutputStream out;
  private boolean gone;

  SseSink(Context ctx) {
    this.ctx = ctx;
  }

  boolean started() {
    return out != null;
  }

  @Override
  public boolean chunk(String json) {
    return write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one named event, as Anthropic streams do: {@code event:} then {@code data:}. */
  boolean event(String name, String json) {
    return write(("event: " + name + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Ends a complete stream the way OpenAI does. */
  void done() {
    write(DONE);
  }

  private boolean write(byte[] event) {
    if (gone) {
      return false;
    }
    try {
      if (out == null) {
        ctx.status(200);
        ctx.res().setContentType("text/event-stream; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        out = ctx.res().getOutputStream();
      }
      out.write(event);
      out.flush();
      return true;
    } catch (IOException clientGone) {
      gone = true;
      return false;
    }
  }
}
