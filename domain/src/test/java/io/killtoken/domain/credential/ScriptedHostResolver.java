package io.killtoken.domain.credential;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link HostResolver} that answers from a table the test writes, and can change its answer between
 * two lookups the way a rebinding DNS server does. Names it was not told resolve nowhere.
 */
public final class ScriptedHostResolver implements HostResolver {

  private final Map<String, List<InetAddress>> answers = new ConcurrentHashMap<>();
  private final AtomicInteger lookups = new AtomicInteger();

  /** From now on {@code host} resolves to these addresses (IP literals). */
  public ScriptedHostResolver answer(String host, String... addresses) {
    answers.put(host, List.of(addresses).stream().map(ScriptedHostResolver::literal).toList());
    return this;
  }

  /** How many lookups were made: none, when a URL was refused before DNS. */
  public int lookups() {
    return lookups.get();
  }

  @Override
  public List<InetAddress> addressesOf(String host) {
    lookups.incrementAndGet();
    return answers.getOrDefault(host, List.of());
  }

  private static InetAddress literal(String address) {
    if (!address.matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("a fake answer must be an IP literal: " + address);
    }
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(address, e);
    }
  }
}
