package io.killtoken.adapters.http.server;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's {@code x-request-id} when it is a plain token, else a new
 * random one. It is echoed on the response — also as {@code request-id} on {@code /v1/messages},
 * where the Anthropic SDKs read it — and put in the log context of the request's thread.
 */
public final class RequestIds {

  public static final String HEADER = "x-request-id";

  /** The header Anthropic's API and SDKs use for the same id. */
  public static final String ANTHROPIC_HEADER = "request-id";

  public static final String MDC_KEY = "request_id";
  private static final String ATTRIBUTE = "killtoken.request-id";
  // A restricted alphabet keeps caller-chosen ids from forging log lines or headers.
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

  private RequestIds() {}

  static void assign(Context ctx) {
    String presented = ctx.header(HEADER);
    String id = presented != null && ACCEPTED.matcher(presented).matches() ? presented : fresh();
    ctx.attribute(ATTRIBUTE, id);
    writeHeaders(ctx.path(), id, ctx::header);
    MDC.put(MDC_KEY, id);
  }

  static void release(Context ctx) {
    MDC.remove(MDC_KEY);
  }

  /** A new random id, for a request that never reached the routes. */
  public static String fresh() {
    return UUID.randomUUID().toString();
  }

  /** Writes the id in every header a client of this path looks for it in. */
  public static void writeHeaders(String path, String id, BiConsumer<String, String> header) {
    header.accept(HEADER, id);
    if (path != null && (path.equals("/v1/messages") || path.startsWith("/v1/messages/"))) {
      header.accept(ANTHROPIC_HEADER, id);
    }
  }

  /** The id of the request in hand. */
  public static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id != null ? id : "unknown";
  }
}
