package io.killtoken.adapters.http.server;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's {@code x-request-id} when it is a plain token, else a new
 * random one. It is echoed on the response and put in the log context of the request's thread.
 */
public final class RequestIds {

  public static final String HEADER = "x-request-id";
  public static final String MDC_KEY = "request_id";
  private static final String ATTRIBUTE = "killtoken.request-id";
  // A restricted alphabet keeps caller-chosen ids from forging log lines or headers.
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

  private RequestIds() {}

  static void assign(Context ctx) {
    String presented = ctx.header(HEADER);
    String id =
        presented != null && ACCEPTED.matcher(presented).matches()
            ? presented
            : UUID.randomUUID().toString();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
    MDC.put(MDC_KEY, id);
  }

  static void release(Context ctx) {
    MDC.remove(MDC_KEY);
  }

  /** The id of the request in hand. */
  public static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id != null ? id : "unknown";
  }
}
