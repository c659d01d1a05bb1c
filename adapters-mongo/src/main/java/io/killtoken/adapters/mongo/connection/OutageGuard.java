package io.killtoken.adapters.mongo.connection;

import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.killtoken.domain.error.DependencyUnavailable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a MongoDB store behind its port so that an outage — no server found, a connection lost, an
 * operation out of time — reaches the caller as {@link DependencyUnavailable} (503 with
 * Retry-After) instead of a driver exception (500), and is logged once when it begins and once when
 * it ends rather than once per request. Every other exception passes through unchanged.
 */
final class OutageGuard {

  static final String CODE = "database_unavailable";

  private static final Logger LOG = LoggerFactory.getLogger(OutageGuard.class);
  private static final String MESSAGE =
      "KillToken's database is not answering right now; try again in a few seconds.";

  private final AtomicBoolean down = new AtomicBoolean();
  private final Duration retryAfter;

  OutageGuard(Duration retryAfter) {
    this.retryAfter = retryAfter;
  }

  <T> T guard(Class<T> port, T store) {
    if (!port.isInterface() || !port.isInstance(store)) {
      throw new IllegalArgumentException(store + " does not implement the port " + port);
    }
    InvocationHandler handler = (proxy, method, args) -> call(store, method, args);
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
  }

  private Object call(Object store, Method method, Object[] args) throws Throwable {
    Object result;
    try {
      result = method.invoke(store, args);
    } catch (InvocationTargetException thrown) {
      Throwable cause = thrown.getCause();
      if (!isOutage(cause)) {
        throw cause;
      }
      if (down.compareAndSet(false, true)) {
        // The type only: driver messages name hosts, and a frozen server fails every request.
        LOG.warn(
            "MongoDB is not answering ({}); requests that need it get 503 until it does",
            cause.getClass().getSimpleName());
      }
      throw new DependencyUnavailable(CODE, MESSAGE, retryAfter);
    }
    if (down.get() && down.compareAndSet(true, false)) {
      LOG.info("MongoDB answers again");
    }
    return result;
  }

  private static boolean isOutage(Throwable thrown) {
    return thrown instanceof MongoTimeoutException
        || thrown instanceof MongoSocketException
        || thrown instanceof MongoExecutionTimeoutException
        || thrown instanceof MongoNotPrimaryException
        || thrown instanceof MongoNodeIsRecoveringException;
  }
}
