package io.killtoken.adapters.redis.connection;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.providers.PooledConnectionProvider;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Builds the pooled Redis client the adapters share, with every wait bounded so a request fails
 * fast instead of hanging while Redis is down.
 */
public final class RedisConnection {

  /** Enough for the gateway's worker threads on one node; Redis itself handles thousands. */
  static final int MAX_CONNECTIONS = 64;

  /** How long the first failure stops the node asking Redis; each failed probe doubles it. */
  static final Duration FIRST_PAUSE = Duration.ofMillis(250);

  /** The longest pause between two probes of a Redis that does not answer. */
  static final Duration LONGEST_PAUSE = Duration.ofSeconds(8);

  private static final int DEFAULT_PORT = 6379;

  private RedisConnection() {}

  /**
   * Opens a client for {@code redis://[user:password@]host[:port][/db]} (or {@code rediss://} for
   * TLS). {@code timeout} bounds connecting, each reply and the wait for a pooled connection. No
   * connection is made here, so the application starts while Redis is down and reports it through
   * readiness.
   *
   * <p>Every command goes through one circuit breaker per client, so all the adapters built on it
   * share it: after a command gets no answer (a timeout, a refused or broken connection), commands
   * fail at once without asking Redis, and a background PING probes it after a pause (250 ms,
   * doubling to 8 s) until it answers. A call therefore waits for a Redis that does not answer once
   * at most, not once per command.
   *
   * @throws IllegalArgumentException if the URL is not a Redis URL; the message never repeats the
   *     URL, which may hold a password
   */
  public static RedisClient open(String redisUrl, Duration timeout) {
    Objects.requireNonNull(redisUrl, "redisUrl");
    Objects.requireNonNull(timeout, "timeout");
    // Jedis reads a timeout of 0 as "wait forever", so anything under a millisecond is refused.
    if (timeout.toMillis() < 1) {
      throw new IllegalArgumentException("timeout must be at least one millisecond");
    }
    URI uri = parse(redisUrl);
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    JedisClientConfig clientConfig =
        DefaultJedisClientConfig.builder(uri)
            .connectionTimeoutMillis(millis)
            .socketTimeoutMillis(millis)
            .clientName("killtoken")
            .build();
    HostAndPort address = JedisURIHelper.getHostAndPort(uri);
    CircuitBreaker breaker = new CircuitBreaker(System::nanoTime, FIRST_PAUSE, LONGEST_PAUSE);
    PooledConnectionProvider pool =
        new PooledConnectionProvider(
            new GuardedConnectionFactory(new ConnectionFactory(address, clientConfig), breaker),
            poolConfig(timeout));
    return RedisClient.builder()
        .hostAndPort(address)
        .clientConfig(clientConfig)
        .connectionProvider(pool)
        .commandExecutor(new GuardedCommandExecutor(pool, breaker))
        .build();
  }

  private static ConnectionPoolConfig poolConfig(Duration timeout) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(MAX_CONNECTIONS);
    pool.setMaxIdle(MAX_CONNECTIONS);
    pool.setMinIdle(0);
    // The pool's default is to wait forever for a free connection.
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(timeout);
    // Idle connections broken by a Redis restart are found and dropped in the background, so
    // fewer requests pay for a dead connection after Redis comes back.
    pool.setTestWhileIdle(true);
    pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
    return pool;
  }

  private static URI parse(String redisUrl) {
    URI uri;
    try {
      uri = new URI(redisUrl.strip());
    } catch (URISyntaxException e) {
      // Not chained: the cause's message quotes the whole URL, password included.
      throw new IllegalArgumentException("the Redis URL is not a valid URI");
    }
    if (uri.getPort() == -1 && uri.getHost() != null) {
      uri = withPort(uri, DEFAULT_PORT);
    }
    boolean redisScheme = JedisURIHelper.isRedisScheme(uri) || JedisURIHelper.isRedisSSLScheme(uri);
    if (!redisScheme || !JedisURIHelper.isValid(uri)) {
      throw new IllegalArgumentException(
          "the Redis URL must look like redis://[user:password@]host[:port][/db] or rediss://…");
    }
    return uri;
  }

  private static URI withPort(URI uri, int port) {
    // Rebuilt from the raw parts: the multi-part URI constructors would encode '%' a second time.
    String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    try {
      return new URI(
          uri.getScheme() + "://" + userInfo + uri.getHost() + ":" + port + path + query);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the Redis URL is not a valid URI");
    }
  }
}
