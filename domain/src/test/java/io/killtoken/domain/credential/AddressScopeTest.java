package io.killtoken.domain.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressScopeTest {

  static Stream<String> internal_ipv4() {
    return Stream.of(
        "127.0.0.1",
        "127.255.255.254",
        "10.0.0.1",
        "10.255.255.255",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.0.1",
        "192.168.255.255",
        "169.254.169.254",
        "169.254.0.1",
        "100.64.0.1",
        "100.127.255.255",
        "192.0.0.1",
        "192.0.0.170",
        "192.0.2.1",
        "192.88.99.1",
        "198.18.0.1",
        "198.19.255.255",
        "198.51.100.7",
        "203.0.113.9");
  }

  static Stream<String> unusable_ipv4() {
    return Stream.of(
        "0.0.0.0",
        "0.1.2.3",
        "224.0.0.1",
        "239.255.255.250",
        "240.0.0.1",
        "254.1.2.3",
        "255.255.255.255");
  }

  static Stream<String> global_ipv4() {
    return Stream.of(
        "8.8.8.8",
        "1.1.1.1",
        "9.255.255.255",
        "11.0.0.0",
        "126.255.255.255",
        "128.0.0.1",
        "172.15.255.255",
        "172.32.0.0",
        "100.63.255.255",
        "100.128.0.0",
        "169.253.255.255",
        "169.255.0.1",
        "192.0.1.1",
        "192.167.255.255",
        "192.169.0.0",
        "198.17.255.255",
        "198.20.0.0",
        "223.255.255.255");
  }

  @ParameterizedTest
  @MethodSource("internal_ipv4")
  void loopback_private_link_local_and_reserved_test_ranges_are_internal(String address) {
    assertEquals(AddressScope.INTERNAL, AddressScope.of(v4(address)));
  }

  @ParameterizedTest
  @MethodSource("unusable_ipv4")
  void this_network_multicast_reserved_and_broadcast_are_unusable(String address) {
    assertEquals(AddressScope.UNUSABLE, AddressScope.of(v4(address)));
  }

  @ParameterizedTest
  @MethodSource("global_ipv4")
  void addresses_just_outside_every_special_range_are_global(String address) {
    assertEquals(AddressScope.GLOBAL, AddressScope.of(v4(address)));
  }

  @ParameterizedTest
  @MethodSource({"internal_ipv4", "unusable_ipv4", "global_ipv4"})
  void an_ipv4_mapped_ipv6_address_is_judged_by_the_ipv4_address_inside(String address)
      throws Exception {
    byte[] v4 = v4(address).getAddress();
    byte[] mapped = {
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, v4[0], v4[1], v4[2], v4[3]
    };

    // Inet6Address keeps the mapped form; InetAddress.getByAddress would quietly unwrap it.
    assertEquals(
        AddressScope.of(v4(address)), AddressScope.of(Inet6Address.getByAddress(null, mapped, -1)));
  }

  @ParameterizedTest
  @MethodSource({"internal_ipv4", "unusable_ipv4", "global_ipv4"})
  void nat64_and_6to4_addresses_are_judged_by_the_ipv4_address_inside(String address)
      throws Exception {
    byte[] v4 = v4(address).getAddress();
    byte[] nat64 = {
      0, 0x64, (byte) 0xFF, (byte) 0x9B, 0, 0, 0, 0, 0, 0, 0, 0, v4[0], v4[1], v4[2], v4[3]
    };
    byte[] sixToFour = {0x20, 0x02, v4[0], v4[1], v4[2], v4[3], 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    assertEquals(AddressScope.of(v4(address)), AddressScope.of(InetAddress.getByAddress(nat64)));
    assertEquals(
        AddressScope.of(v4(address)), AddressScope.of(InetAddress.getByAddress(sixToFour)));
  }

  @ParameterizedTest
  @MethodSource({"internal_ipv4", "global_ipv4"})
  void an_ipv4_compatible_ipv6_address_is_never_global(String address) throws Exception {
    byte[] v4 = v4(address).getAddress();
    byte[] compatible = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, v4[0], v4[1], v4[2], v4[3]};

    assertEquals(AddressScope.INTERNAL, AddressScope.of(InetAddress.getByAddress(compatible)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "::1",
        "fe80::1",
        "febf:ffff::1",
        "fc00::1",
        "fd12:3456:789a::1",
        "fec0::1",
        "2001:db8::1",
        "2001::1",
        "2001:1ff::1",
        "64:ff9b:1::1",
        "3fff::1",
        "::127.0.0.1"
      })
  void ipv6_loopback_link_local_unique_local_and_special_ranges_are_internal(String address) {
    assertEquals(AddressScope.INTERNAL, AddressScope.of(v6(address)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"::", "ff02::1", "ff05::1:3", "100::1", "4000::1", "::ffff:0:7f00:1", "::0.1.2.3"})
  void ipv6_unspecified_multicast_discard_and_unallocated_space_are_unusable(String address) {
    assertEquals(AddressScope.UNUSABLE, AddressScope.of(v6(address)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "2001:4860:4860::8888"})
  void global_unicast_ipv6_addresses_are_global(String address) {
    assertEquals(AddressScope.GLOBAL, AddressScope.of(v6(address)));
  }

  private static InetAddress v4(String dotted) {
    String[] parts = dotted.split("\\.");
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      bytes[i] = (byte) Integer.parseInt(parts[i]);
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static InetAddress v6(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
