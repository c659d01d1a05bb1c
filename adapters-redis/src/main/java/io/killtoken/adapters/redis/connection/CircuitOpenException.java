package io.killtoken.adapters.redis.connection;

import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Thrown instead of asking Redis while the circuit breaker is open: a connection failure that costs
 * nothing, which the adapters handle as the outage it stands for.
 */
final class CircuitOpenException extends JedisConnectionException {

  CircuitOpenException() {
    super("Redis is not asked while the circuit breaker is open");
  }

  /** Thrown on every call during an outage, by design: the trace would say nothing. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
