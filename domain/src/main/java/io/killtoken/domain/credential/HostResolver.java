package io.killtoken.domain.credential;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Port: the addresses a host name resolves to right now, so the base URL policy can be tested
 * without DNS. An empty list means the name does not resolve.
 */
public interface HostResolver {

  List<InetAddress> addressesOf(String host);

  /** The JVM's own resolver: the same one (and the same cache) the HTTP client connects with. */
  static HostResolver system() {
    return host -> {
      try {
        return List.of(InetAddress.getAllByName(host));
      } catch (UnknownHostException e) {
        return List.of();
      }
    };
  }
}
