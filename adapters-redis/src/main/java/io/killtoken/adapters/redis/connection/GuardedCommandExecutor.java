package io.killtoken.adapters.redis.connection;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.executors.CommandExecutor;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * Runs every command of the shared client through one {@link CircuitBreaker}: while it is open a
 * command fails at once instead of waiting a timeout on a Redis that does not answer, and a PING on
 * a virtual thread of its own probes Redis when a pause ends, so no request ever waits for a probe.
 *
 * <p>It replaces Jedis's own executor for one reason of order: a connection that got no answer goes
 * back to the pool, which replaces it at once by connecting again — another timeout against a
 * frozen Redis, paid by the same caller. The breaker opens before the connection goes back, and
 * {@link GuardedConnectionFactory} refuses to connect while it is open.
 */
final class GuardedCommandExecutor implements CommandExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(GuardedCommandExecutor.class);

  private final PooledConnectionProvider pool;
  private final CircuitBreaker breaker;

  /**
   * @param pool the connection pool, whose every wait is bounded, built on a {@link
   *     GuardedConnectionFactory} watching the same breaker
   */
  GuardedCommandExecutor(PooledConnectionProvider pool, CircuitBreaker breaker) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.breaker = Objects.requireNonNull(breaker, "breaker");
  }

  @Override
  public <T> T executeCommand(CommandObject<T> command) {
    switch (breaker.admit()) {
      case CALL -> {
        return call(command);
      }
      case PROBE -> Thread.ofVirtual().name("redis-probe").start(this::probe);
      case REFUSE -> {
        // Open or half-open: fail as fast as a refused connection.
      }
    }
    throw new CircuitOpenException();
  }

  private <T> T call(CommandObject<T> command) {
    return run(
        command,
        noAnswer -> {
          if (breaker.callFailed()) {
            // The class only: a Jedis message can carry the server address.
            LOG.warn(
                "Redis did not answer ({}): the node stops asking it and degrades as documented"
                    + " (cache misses, limits fail open, readiness says redis:false) until a"
                    + " background probe gets an answer",
                noAnswer.getClass().getName());
            dropIdleConnections();
          }
        });
  }

  private void probe() {
    try {
      run(
          new CommandObject<>(new CommandArguments(Protocol.Command.PING), BuilderFactory.STRING),
          noAnswer -> {
            Duration pause = breaker.probeFailed();
            LOG.debug(
                "Redis probe got no answer ({}); next probe in {} ms",
                noAnswer.getClass().getName(),
                pause.toMillis());
            dropIdleConnections();
          });
    } catch (JedisDataException answered) {
      // An error reply is still a reply: Redis is up.
    } catch (RuntimeException noAnswer) {
      return;
    }
    breaker.probeSucceeded();
    LOG.info("Redis answers again: the node asks it again");
  }

  /**
   * Runs one command on a pooled connection; {@code noAnswer} runs when there was no reply, before
   * the connection goes back to the pool. An error reply ({@link JedisDataException}) is a reply.
   */
  private <T> T run(CommandObject<T> command, Consumer<RuntimeException> noAnswer) {
    Connection connection;
    try {
      connection = pool.getConnection(command.getArguments());
    } catch (JedisDataException answered) {
      throw answered;
    } catch (RuntimeException noConnection) {
      noAnswer.accept(noConnection);
      throw noConnection;
    }
    try {
      T reply = connection.executeCommand(command);
      giveBack(connection);
      return reply;
    } catch (JedisDataException answered) {
      giveBack(connection);
      throw answered;
    } catch (RuntimeException failure) {
      noAnswer.accept(failure);
      giveBack(connection);
      throw failure;
    }
  }

  /**
   * A broken connection is destroyed and, by the pool, replaced; with the breaker open the
   * replacement is refused, and that refusal is no news.
   */
  private static void giveBack(Connection connection) {
    try {
      connection.close();
    } catch (RuntimeException e) {
      LOG.debug("a Redis connection went back to the pool with {}", e.getClass().getName());
    }
  }

  private void dropIdleConnections() {
    try {
      pool.getPool().clear();
    } catch (RuntimeException e) {
      LOG.debug("could not drop idle Redis connections: {}", e.getClass().getName());
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
