package io.killtoken.adapters.http.access;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The client's IP and scheme as KillToken may believe them: {@code X-Forwarded-For} and {@code
 * X-Forwarded-Proto} count only when the direct peer is one of the operator's trusted proxies;
 * otherwise anyone could pick the address their login attempts are counted under.
 */
public final class ClientAddress {

  private final List<Cidr> trustedProxies;

  /**
   * @param trustedProxies IPs or CIDR ranges (e.g. {@code 10.0.0.0/8}) of the load balancers
   */
  public ClientAddress(List<String> trustedProxies) {
    this.trustedProxies = trustedProxies.stream().map(Cidr::parse).toList();
  }

  public String ip(Context ctx) {
    String peer = ctx.req().getRemoteAddr();
    if (!trusted(peer)) {
      return peer;
    }
    String forwarded = ctx.header("X-Forwarded-For");
    if (forwarded == null || forwarded.isBlank()) {
      return peer;
    }
    // Walk from the right: the last hop not added by one of our own proxies is the client.
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (!trusted(hop)) {
        return hop.isEmpty() ? peer : hop;
      }
    }
    return hops[0].strip();
  }

  public boolean https(Context ctx) {
    if ("https".equalsIgnoreCase(ctx.scheme())) {
      return true;
    }
    String proto = ctx.header("X-Forwarded-Proto");
    return proto != null
        && trusted(ctx.req().getRemoteAddr())
        && proto.strip().toLowerCase(Locale.ROOT).startsWith("https");
  }

  private boolean trusted(String address) {
    return trustedProxies.stream().anyMatch(range -> range.contains(address));
  }

  private record Cidr(byte[] network, int bits) {

    static Cidr parse(String text) {
      String[] parts = text.strip().split("/", 2);
      byte[] address = literal(parts[0]);
      if (address == null) {
        throw new IllegalArgumentException("not an IP address or CIDR range: " + text);
      }
      int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
      if (bits < 0 || bits > address.length * 8) {
        throw new IllegalArgumentException("bad prefix length in " + text);
      }
      return new Cidr(address, bits);
    }

    boolean contains(String text) {
      byte[] address = literal(text);
      if (address == null || address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    /** Parses only IP literals: never a DNS lookup on a header value. */
    private static byte[] literal(String text) {
      if (text == null || text.isEmpty() || !text.matches("[0-9A-Fa-f:.]+")) {
        return null;
      }
      try {
        return InetAddress.getByName(text).getAddress();
      } catch (UnknownHostException e) {
        return null;
      }
    }
  }
}
