package io.killtoken.adapters.redis.connection;

import java.util.Objects;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.PooledObjectFactory;
import redis.clients.jedis.Connection;

/**
 * Jedis's connection factory, except that it does not connect while the {@link CircuitBreaker} is
 * open: the pool replaces every broken connection at once, and against a frozen Redis each
 * replacement would wait a whole timeout in the thread that gave the broken one back.
 */
final class GuardedConnectionFactory implements PooledObjectFactory<Connection> {

  private final PooledObjectFactory<Connection> connections;
  private final CircuitBreaker breaker;

  GuardedConnectionFactory(PooledObjectFactory<Connection> connections, CircuitBreaker breaker) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.breaker = Objects.requireNonNull(breaker, "breaker");
  }

  @Override
  public PooledObject<Connection> makeObject() throws Exception {
    // Half-open still connects: the probe needs a fresh connection.
    if (breaker.state() == CircuitBreaker.State.OPEN) {
      throw new CircuitOpenException();
    }
    return connections.makeObject();
  }

  @Override
  public void destroyObject(PooledObject<Connection> connection) throws Exception {
    connections.destroyObject(connection);
  }

  @Override
  public boolean validateObject(PooledObject<Connection> connection) {
    return connections.validateObject(connection);
  }

  @Override
  public void activateObject(PooledObject<Connection> connection) throws Exception {
    connections.activateObject(connection);
  }

  @Override
  public void passivateObject(PooledObject<Connection> connection) throws Exception {
    connections.passivateObject(connection);
  }
}
