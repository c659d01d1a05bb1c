package io.killtoken.adapters.http.server;

import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Drops the method-override headers from every request before anything reads them: Javalin's {@code
 * Context.method()} honours {@code X-HTTP-Method-Override}, so a POST (or a GET) could otherwise be
 * routed, and checked for CSRF, as a DELETE. A request's method is the one on its request line.
 */
final class MethodOverrideHeaders implements HttpConfiguration.Customizer {

  static final List<String> NAMES =
      List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    HttpFields headers = request.getHeaders();
    if (NAMES.stream().noneMatch(headers::contains)) {
      return request;
    }
    HttpFields.Mutable kept = HttpFields.build(headers);
    NAMES.forEach(kept::remove);
    HttpFields without = kept.asImmutable();
    return new Request.Wrapper(request) {
      @Override
      public HttpFields getHeaders() {
        return without;
      }
    };
  }
}
