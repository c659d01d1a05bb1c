package io.killtoken.adapters.http.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.killtoken.domain.freshness.OneReadPerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin server: virtual threads per request, request ids and {@link SecurityHeaders} on every
 * response, one read of the shared change counter per request ({@link OneReadPerRequest}), an
 * access log line per request (path only: a query string may carry secrets), HEAD answered as GET,
 * 405 for a method a known path does not serve, method-override headers ignored, credentials
 * compared byte for byte, and a graceful stop that drains in-flight requests.
 */
public final class HttpServer {

  private static final Logger ACCESS = LoggerFactory.getLogger("io.killtoken.access");
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

  private final Javalin app;
  private final HttpSettings settings;
  private final GracefulHandler graceful = new GracefulHandler();

  /**
   * @param routes each registers its routes and handlers on the config (probes, errors, gateway…)
   */
  public HttpServer(HttpSettings settings, List<Consumer<JavalinConfig>> routes) {
    this.settings = settings;
    this.app =
        Javalin.create(
            config -> {
              config.concurrency.useVirtualThreads = true;
              // Dollars are BigDecimals with six places: written as 0.000012, never as 1.2E-5.
              ObjectMapper json = JavalinJackson.Companion.defaultMapper();
              json.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
              config.jsonMapper(new JavalinJackson(json, true));
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.maxRequestSize = settings.maxBodyBytes();
              config.jetty.addConnector(
                  (server, http) -> {
                    ServerConnector connector =
                        new ServerConnector(server, new RequestTargets(http));
                    connector.setHost(settings.host());
                    connector.setPort(settings.port());
                    return connector;
                  });
              // Jetty reuses header fields it parsed earlier on the same connection, and by default
              // matches them ignoring case: a cookie or key with one letter's case changed would be
              // handed the genuine field. Credentials must be compared byte for byte.
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    http.setHeaderCacheCaseSensitive(true);
                    http.addCustomizer(new MethodOverrideHeaders());
                  });
              config.jetty.modifyServer(
                  server -> {
                    server.setStopTimeout(settings.drainTimeout().toMillis());
                    server.insertHandler(graceful);
                  });
              config.routes.before(RequestIds::assign);
              config.routes.before(ctx -> OneReadPerRequest.begin());
              config.routes.before(SecurityHeaders::everyResponse);
              // The request logger runs last, so it logs with the request id and then clears it.
              config.requestLogger.http(
                  (ctx, millis) -> {
                    ACCESS.info(
                        "{} {} {} {}ms",
                        ctx.method(),
                        ctx.path(),
                        ctx.statusCode(),
                        Math.round(millis));
                    RequestIds.release(ctx);
                    OneReadPerRequest.end();
                  });
              // A known path asked with a method it does not serve is a 405 (with Allow), not a
              // 404.
              config.http.prefer405over404 = true;
              List<HandlerMetaInfo> gets = new ArrayList<>();
              config.events.handlerAdded(
                  added -> {
                    if (added.getHttpMethod() == HandlerType.GET) {
                      gets.add(added);
                    }
                  });
              routes.forEach(route -> route.accept(config));
              // Javalin answers HEAD on a GET route with an empty 200 without running the GET
              // handler (so without its 404s); HEAD must answer exactly what GET answers.
              gets.forEach(get -> config.routes.head(get.getPath(), get.getHandler()));
            });
  }

  public HttpServer start() {
    app.start();
    return this;
  }

  /** The bound port (useful when the settings asked for port 0). */
  public int port() {
    return app.port();
  }

  public HttpSettings settings() {
    return settings;
  }

  /**
   * Drains, then stops: new requests get 503 at once, in-flight ones may finish for up to the drain
   * timeout, and only then does Jetty stop. Jetty's own graceful stop lowers every connection's
   * idle timeout to one second as it begins, which fails a stream's write that is pending at that
   * moment (a stream quiet for a second, a client reading slowly): the stream was cut short and
   * recorded as if its client had left. Lowered after the drain, it only closes the idle keep-alive
   * connections.
   */
  public void stop() {
    long drain = settings.drainTimeout().toMillis();
    try {
      graceful.shutdown().get(drain, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn(
          "{} requests still in flight after the drain timeout of {} ms",
          graceful.getCurrentRequestCount(),
          drain);
    } catch (ExecutionException e) {
      LOG.warn("draining failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    app.stop();
  }
}
