package io.killtoken.adapters.http.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.killtoken.adapters.http.server.RequestIds;
import io.killtoken.adapters.http.server.RequestTargets;
import io.killtoken.domain.secret.Redaction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Answers the errors the web server raises before any route runs — a control character in a header,
 * {@code %00} or a broken escape in the path, a request line that is not HTTP — in the route
 * family's error shape (problem+json on {@code /api}, the SDKs' bodies on {@code /v1}) with a
 * request id, instead of Jetty's HTML page.
 */
final class WebServerErrors extends ErrorHandler {

  private static final Logger ACCESS = LoggerFactory.getLogger("io.killtoken.access");

  private final ObjectMapper json;

  WebServerErrors(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public boolean errorPageForMethod(String method) {
    return true; // every method gets a body, not only GET, POST and HEAD
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int status,
      String message,
      Throwable cause,
      Callback callback) {
    String path = pathOf(request);
    String id = RequestIds.fresh();
    RequestIds.writeHeaders(path, id, (name, value) -> response.getHeaders().put(name, value));
    ErrorBodies shape = ErrorBodies.forPath(path);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, shape.contentType());
    MDC.put(RequestIds.MDC_KEY, id);
    try {
      ACCESS.info("{} {} {} refused by the web server", request.getMethod(), path, status);
    } finally {
      MDC.remove(RequestIds.MDC_KEY);
    }
    response.write(true, ByteBuffer.wrap(body(shape, status, message, id)), callback);
  }

  /** Used where the request could not be parsed far enough to be a request at all. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    String id = RequestIds.fresh();
    ErrorBodies shape = ErrorBodies.PROBLEM;
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, shape.contentType()));
    fields.put(RequestIds.HEADER, id);
    return ByteBuffer.wrap(body(shape, status, reason, id));
  }

  private byte[] body(ErrorBodies shape, int status, String reason, String id) {
    HttpError general = ErrorResponses.byStatus(status);
    String why = reason(reason);
    HttpError error =
        why == null
            ? general
            : HttpError.of(
                status,
                general.type(),
                general.code(),
                general.message() + " The web server says: " + why + ".");
    try {
      return json.writeValueAsString(shape.body(error, id)).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("error bodies are plain maps", e);
    }
  }

  /** Jetty's reason (e.g. "Illegal character CNTL=0x0"), printable, short and redacted. */
  private static String reason(String reason) {
    if (reason == null || reason.isBlank()) {
      return null;
    }
    String printable = reason.replaceAll("[^\\x20-\\x7E]", "?").strip();
    return Redaction.redact(printable.length() > 120 ? printable.substring(0, 120) : printable);
  }

  private static String pathOf(Request request) {
    String raw = RequestTargets.takeRawTarget(request);
    HttpURI uri = request.getHttpURI();
    String parsed = uri == null || uri.getPath() == null ? "" : uri.getPath();
    // A target Jetty could not parse is replaced by a stand-in path; the raw one names the family.
    return raw.startsWith("/") ? raw.split("[?#]", 2)[0] : parsed;
  }
}
