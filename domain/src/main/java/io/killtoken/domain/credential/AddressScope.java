package io.killtoken.domain.credential;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * Where an IP address leads, for the base URL policy: the public internet, somewhere inside a
 * private network (this host, the LAN, the cloud's metadata service), or nowhere a call should go.
 * Built from the IANA special-purpose registries; IPv6 forms that embed an IPv4 address
 * (IPv4-mapped, IPv4-compatible, NAT64, 6to4) are judged by the address they embed.
 */
public enum AddressScope {

  /** A globally reachable unicast address. */
  GLOBAL,

  /**
   * Loopback, private (RFC 1918), carrier-grade NAT, link-local (the metadata service at
   * 169.254.169.254 included), unique-local, and the reserved test and benchmark ranges.
   */
  INTERNAL,

  /** Unspecified ("this host"), multicast, broadcast, reserved or discard-only: never called. */
  UNUSABLE;

  public static AddressScope of(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == 4 ? ofIpv4(bytes, 0) : ofIpv6(bytes);
  }

  private static AddressScope ofIpv4(byte[] bytes, int from) {
    int a = bytes[from] & 0xFF;
    int b = bytes[from + 1] & 0xFF;
    int c = bytes[from + 2] & 0xFF;
    if (a == 0 || a >= 224) {
      return UNUSABLE; // 0/8 "this network", 224/4 multicast, 240/4 reserved, 255.255.255.255
    }
    boolean internal =
        a == 10
            || a == 127
            || (a == 100 && (b & 0xC0) == 64) // 100.64/10 carrier-grade NAT
            || (a == 169 && b == 254) // link-local, cloud metadata
            || (a == 172 && (b & 0xF0) == 16) // 172.16/12
            || (a == 192 && b == 168)
            || (a == 192 && b == 0 && (c == 0 || c == 2)) // protocol assignments, TEST-NET-1
            || (a == 192 && b == 88 && c == 99) // deprecated 6to4 relay anycast
            || (a == 198 && (b & 0xFE) == 18) // 198.18/15 benchmarking
            || (a == 198 && b == 51 && c == 100) // TEST-NET-2
            || (a == 203 && b == 0 && c == 113); // TEST-NET-3
    return internal ? INTERNAL : GLOBAL;
  }

  private static AddressScope ofIpv6(byte[] bytes) {
    int first = ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF);
    int second = ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    if (zeros(bytes, 0, 10)) {
      boolean mapped = (bytes[10] & 0xFF) == 0xFF && (bytes[11] & 0xFF) == 0xFF;
      if (mapped) {
        return ofIpv4(bytes, 12); // ::ffff:a.b.c.d
      }
      if (bytes[10] == 0 && bytes[11] == 0) {
        if (zeros(bytes, 12, 15) && bytes[15] == 1) {
          return INTERNAL; // ::1
        }
        // ::a.b.c.d (IPv4-compatible, deprecated) and :: itself: never the public internet.
        return ofIpv4(bytes, 12) == UNUSABLE ? UNUSABLE : INTERNAL;
      }
      return UNUSABLE; // the rest of ::/80, e.g. SIIT's ::ffff:0:a.b.c.d
    }
    if (first == 0x0064 && second == 0xFF9B && zeros(bytes, 4, 12)) {
      return ofIpv4(bytes, 12); // 64:ff9b::/96 NAT64: the gateway would call the embedded address
    }
    if (first == 0x0064 && second == 0xFF9B && bytes[4] == 0 && bytes[5] == 1) {
      return INTERNAL; // 64:ff9b:1::/48 local-use NAT64
    }
    if (first == 0x2002) {
      return ofIpv4(bytes, 2); // 6to4 embeds the IPv4 address it tunnels to
    }
    if ((first & 0xFE00) == 0xFC00 || (first & 0xFFC0) == 0xFE80 || (first & 0xFFC0) == 0xFEC0) {
      return INTERNAL; // unique-local, link-local, deprecated site-local
    }
    if ((first & 0xE000) != 0x2000) {
      // Multicast (ff00::/8), discard-only (100::/64) and everything else outside 2000::/3, the
      // only global unicast space allocated.
      return UNUSABLE;
    }
    boolean special =
        (first == 0x2001 && second < 0x0200) // 2001::/23 protocol assignments, Teredo
            || (first == 0x2001 && second == 0x0DB8) // documentation
            || (first == 0x3FFF && second < 0x1000); // 3fff::/20 documentation
    return special ? INTERNAL : GLOBAL;
  }

  private static boolean zeros(byte[] bytes, int from, int to) {
    return Arrays.equals(bytes, from, to, new byte[to - from], 0, to - from);
  }
}
