package io.killtoken.adapters.http.server;

import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * Jetty's HTTP/1.1 connections, each keeping the request target as it came over the wire: when the
 * target itself cannot be parsed (a broken escape, {@code %00}) Jetty answers with a stand-in path,
 * and the error handler still needs the real one to pick the route family's error shape.
 */
public final class RequestTargets extends HttpConnectionFactory {

  RequestTargets(HttpConfiguration http) {
    super(http);
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    TargetKeeping connection = new TargetKeeping(getHttpConfiguration(), connector, endPoint);
    connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
    connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
    return configure(connection, connector, endPoint);
  }

  /**
   * The raw target of the last request line read on the request's connection, taken (so a later
   * error on the same connection does not see it), or an empty string.
   */
  public static String takeRawTarget(Request request) {
    if (request.getConnectionMetaData().getConnection() instanceof TargetKeeping connection) {
      String target = connection.target.getAndSet(null);
      return target == null ? "" : target;
    }
    return "";
  }

  private static final class TargetKeeping extends HttpConnection {

    private static final String STAND_IN = "/badMessage";

    private final AtomicReference<String> target = new AtomicReference<>();

    TargetKeeping(HttpConfiguration http, Connector connector, EndPoint endPoint) {
      super(http, connector, endPoint);
    }

    // Jetty builds the request's URI here; a target it cannot parse fails in this call, and
    // Jetty then calls it again with its stand-in target for the error response.
    @Override
    protected HttpStreamOverHTTP1 newHttpStream(String method, String uri, HttpVersion version) {
      if (!STAND_IN.equals(uri)) {
        target.set(uri);
      }
      return super.newHttpStream(method, uri, version);
    }
  }
}
