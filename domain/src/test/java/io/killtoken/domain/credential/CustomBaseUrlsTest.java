package io.killtoken.domain.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.PermissionDenied;
import io.killtoken.domain.error.RetriableUpstreamFailure;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Written the way an attacker probes an SSRF filter: every range, every encoding trick. */
class CustomBaseUrlsTest {

  private static final String PUBLIC_IP = "93.184.215.14";

  private final ScriptedHostResolver dns =
      new ScriptedHostResolver()
          .answer("llm.example.com", PUBLIC_IP)
          .answer("v6.example.com", "2606:4700:4700::1111")
          .answer("internal.example.com", "10.0.0.7")
          .answer("metadata.example.com", "169.254.169.254")
          .answer("loopback.example.com", "127.0.0.1")
          .answer("mapped.example.com", "::ffff:127.0.0.1")
          .answer("ula.example.com", "fd00::7")
          .answer("mixed.example.com", PUBLIC_IP, "10.0.0.7")
          .answer("mixed-v6.example.com", "2606:4700:4700::1111", "fe80::1")
          .answer("cgnat.example.com", "100.100.100.100")
          .answer("multicast.example.com", "224.0.0.251")
          .answer("gpu.corp.example", "10.1.2.3");
  private final CustomBaseUrls publicOnly = new CustomBaseUrls(BaseUrlMode.PUBLIC, dns);
  private final CustomBaseUrls privateToo = new CustomBaseUrls(BaseUrlMode.PRIVATE, dns);
  private final CustomBaseUrls off = new CustomBaseUrls(BaseUrlMode.OFF, dns);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://llm.example.com/v1",
        "https://10.0.0.1/v1",
        "http://localhost:11434/v1",
        "https://[2606:4700:4700::1111]/v1"
      })
  void with_the_setting_off_every_base_url_is_refused_naming_the_setting(String url) {
    InvalidRequest refused = assertThrows(InvalidRequest.class, () -> off.checkedForCreation(url));

    assertTrue(refused.getMessage().contains("'base_url'"), refused.getMessage());
    assertTrue(refused.getMessage().contains("KILLTOKEN_CREDENTIAL_BASE_URLS"));
    assertEquals(0, dns.lookups(), "nothing is even resolved");
  }

  @Test
  void the_default_policy_is_off() {
    assertEquals(BaseUrlMode.OFF, CustomBaseUrls.off().mode());
    assertThrows(
        InvalidRequest.class, () -> CustomBaseUrls.off().checkedForCreation("https://a.example"));
  }

  @Test
  void a_public_https_host_is_accepted_and_normalised() {
    assertEquals(
        URI.create("https://llm.example.com/v1"),
        publicOnly.checkedForCreation("https://llm.example.com/v1"));
    assertEquals(
        URI.create("https://llm.example.com:8443/v1"),
        publicOnly.checkedForCreation("  HTTPS://LLM.Example.com:8443/v1/ "));
    assertEquals(
        URI.create("https://v6.example.com"),
        publicOnly.checkedForCreation("https://v6.example.com"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://1.1.1.1/v1", "https://[2606:4700:4700::1111]/v1"})
  void a_public_ip_literal_is_accepted_without_a_lookup(String url) {
    assertEquals(URI.create(url), publicOnly.checkedForCreation(url));
    assertEquals(0, dns.lookups());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://127.0.0.1/v1",
        "https://127.0.0.1:8080",
        "https://127.255.255.254",
        "https://0.0.0.0",
        "https://10.0.0.1",
        "https://172.16.0.1",
        "https://172.31.255.255",
        "https://192.168.1.1",
        "https://169.254.169.254/latest/meta-data",
        "https://100.64.0.1",
        "https://192.0.0.1",
        "https://198.18.0.1",
        "https://198.19.255.255",
        "https://224.0.0.1",
        "https://239.255.255.250",
        "https://240.0.0.1",
        "https://255.255.255.255",
        "https://[::1]",
        "https://[::]",
        "https://[fe80::1]",
        "https://[fc00::1]",
        "https://[fd00:ec2::254]",
        "https://[ff02::1]",
        "https://[::ffff:127.0.0.1]",
        "https://[::ffff:7f00:1]",
        "https://[0:0:0:0:0:ffff:7f00:1]",
        "https://[::ffff:169.254.169.254]",
        "https://[::ffff:a9fe:a9fe]",
        "https://[::ffff:10.0.0.1]",
        "https://[::127.0.0.1]",
        "https://[64:ff9b::7f00:1]",
        "https://[64:ff9b::a9fe:a9fe]",
        "https://[2002:7f00:1::1]",
        "https://[2002:a9fe:a9fe::1]",
        "https://localhost",
        "https://LOCALHOST/v1",
        "https://api.localhost"
      })
  void loopback_private_link_local_and_special_addresses_are_refused(String url) {
    assertRefused(publicOnly, url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://2130706433",
        "https://2130706433/v1",
        "https://0177.0.0.1",
        "https://0177.0.0.01",
        "https://127.0.0.01",
        "https://0x7f.1",
        "https://0x7f000001",
        "https://0x7f.0x0.0x0.0x1",
        "https://127.1",
        "https://127.0.1",
        "https://017700000001",
        "https://1.2.3.4.5",
        "https://example.0x1",
        "https://[fe80::1%25eth0]",
        "https://localhost.",
        "https://127.0.0.1.",
        "https://llm.example.com."
      })
  void numeric_host_tricks_are_refused_before_any_parser_can_read_them_as_loopback(String url) {
    assertRefused(publicOnly, url);
    assertRefused(privateToo, url);
    assertEquals(0, dns.lookups(), "never handed to a resolver either");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://llm.example.com/v1",
        "ftp://llm.example.com/v1",
        "file:///etc/passwd",
        "gopher://llm.example.com:70/",
        "jar:https://llm.example.com/a.jar!/",
        "mailto:ops@example.com",
        "//llm.example.com/v1",
        "llm.example.com/v1",
        "/v1/chat/completions",
        "https:///v1",
        "https://user:password@llm.example.com/v1",
        "https://llm.example.com@127.0.0.1/v1",
        "https://llm.example.com/v1?api-version=1",
        "https://llm.example.com/v1?",
        "https://llm.example.com/v1#x",
        "https://llm.example.com/../admin",
        "https://llm.example.com/v1/..",
        "https://llm.example.com/v1/../../admin",
        "https://llm.example.com/./v1",
        "https://llm.example.com/v1/%2e%2e/admin",
        "https://llm.example.com/v1%2F..%2Fadmin",
        "https://llm.example.com//v1",
        "https://llm.example.com:0/v1",
        "https://llm.example.com:99999/v1",
        "https://llm.exa mple.com/v1",
        "https://llm.example.com\\@127.0.0.1/",
        "https://llm.example.com/v1\n/x",
        "https://a_b.example.com/v1",
        "https://ⓛocalhost/v1",
        ""
      })
  void urls_of_the_wrong_shape_are_refused_with_a_rule_naming_base_url(String url) {
    assertRefused(publicOnly, url);
  }

  @Test
  void a_url_over_2048_characters_is_refused() {
    String url = "https://llm.example.com/" + "a".repeat(2048 - 24 + 1);

    assertRefused(publicOnly, url);
    assertEquals(
        URI.create(url.substring(0, 2048)), publicOnly.checkedForCreation(url.substring(0, 2048)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "internal.example.com",
        "metadata.example.com",
        "loopback.example.com",
        "mapped.example.com",
        "ula.example.com",
        "cgnat.example.com",
        "multicast.example.com"
      })
  void a_name_resolving_to_an_internal_address_is_refused_without_naming_it(String host) {
    InvalidRequest refused = assertRefused(publicOnly, "https://" + host + "/v1");

    for (String leak :
        new String[] {"10.0.0.7", "169.254", "127.0.0.1", "fd00", "100.100", "224."}) {
      assertFalse(refused.getMessage().contains(leak), refused.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mixed.example.com", "mixed-v6.example.com"})
  void a_name_resolving_to_one_public_and_one_internal_address_is_refused(String host) {
    InvalidRequest refused = assertRefused(publicOnly, "https://" + host + "/v1");

    assertFalse(refused.getMessage().contains(PUBLIC_IP), refused.getMessage());
  }

  @Test
  void a_name_that_does_not_resolve_gets_the_same_answer_as_an_internal_one() {
    InvalidRequest nowhere = assertRefused(publicOnly, "https://nowhere.example.com/v1");
    InvalidRequest internal = assertRefused(publicOnly, "https://internal.example.com/v1");

    assertEquals(internal.getMessage(), nowhere.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://10.0.0.5:8000/v1",
        "https://10.0.0.5/v1",
        "http://192.168.1.20:8080",
        "http://localhost:11434/v1",
        "http://127.0.0.1:8000/v1",
        "http://[fd00::5]:8080/v1",
        "http://gpu.corp.example/v1",
        "http://cgnat.example.com/v1",
        "https://llm.example.com/v1"
      })
  void the_private_setting_allows_internal_hosts_and_http(String url) {
    URI accepted = privateToo.checkedForCreation(url);

    assertEquals(URI.create(url.replaceAll("/$", "")), accepted);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://0.0.0.0:8000",
        "http://[::]:8000",
        "http://224.0.0.1",
        "http://[ff02::1]",
        "http://240.0.0.1",
        "http://255.255.255.255",
        "http://multicast.example.com",
        "http://nowhere.example.com",
        "ftp://10.0.0.1/",
        "http://user:pw@10.0.0.1/"
      })
  void the_private_setting_still_refuses_unusable_addresses_and_other_schemes(String url) {
    assertRefused(privateToo, url);
  }

  @Test
  void a_host_whose_dns_changed_to_loopback_after_creation_is_refused_at_call_time() {
    URI stored = publicOnly.checkedForCreation("https://llm.example.com/v1");
    dns.answer("llm.example.com", "127.0.0.1");

    PermissionDenied refused =
        assertThrows(PermissionDenied.class, () -> publicOnly.checkedForCall(stored));

    assertFalse(refused.getMessage().contains("127.0.0.1"), refused.getMessage());
    assertFalse(refused.getMessage().contains(PUBLIC_IP), refused.getMessage());
    assertFalse(refused.getMessage().contains("llm.example.com"), refused.getMessage());
  }

  @Test
  void a_host_that_gained_one_internal_address_is_refused_at_call_time() {
    URI stored = publicOnly.checkedForCreation("https://llm.example.com/v1");
    dns.answer("llm.example.com", PUBLIC_IP, "169.254.169.254");

    assertThrows(PermissionDenied.class, () -> publicOnly.checkedForCall(stored));
  }

  @Test
  void every_call_resolves_again_and_an_unchanged_host_passes() {
    URI stored = publicOnly.checkedForCreation("https://llm.example.com/v1");
    int before = dns.lookups();

    assertEquals(stored, publicOnly.checkedForCall(stored));
    assertEquals(stored, publicOnly.checkedForCall(stored));
    assertEquals(before + 2, dns.lookups());
  }

  @Test
  void a_host_that_stopped_resolving_fails_the_call_as_a_retriable_upstream_failure() {
    URI stored = publicOnly.checkedForCreation("https://llm.example.com/v1");
    dns.answer("llm.example.com");

    RetriableUpstreamFailure failure =
        assertThrows(RetriableUpstreamFailure.class, () -> publicOnly.checkedForCall(stored));

    assertEquals(0, failure.status());
  }

  @Test
  void a_url_stored_under_the_private_setting_is_refused_once_the_operator_narrows_it() {
    URI stored = privateToo.checkedForCreation("http://10.0.0.5:8000/v1");

    assertThrows(PermissionDenied.class, () -> publicOnly.checkedForCall(stored));
    PermissionDenied turnedOff =
        assertThrows(PermissionDenied.class, () -> off.checkedForCall(stored));
    assertTrue(turnedOff.getMessage().contains("KILLTOKEN_CREDENTIAL_BASE_URLS"));
    assertFalse(turnedOff.getMessage().contains("10.0.0.5"));
    assertEquals(stored, privateToo.checkedForCall(stored));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://0x7f.1/v1", "https://2130706433/v1", "file:///etc/passwd"})
  void a_tampered_stored_url_is_refused_at_call_time_without_echoing_it(String tampered) {
    PermissionDenied refused =
        assertThrows(PermissionDenied.class, () -> publicOnly.checkedForCall(URI.create(tampered)));

    assertFalse(refused.getMessage().contains(tampered), refused.getMessage());
  }

  private static InvalidRequest assertRefused(CustomBaseUrls policy, String url) {
    InvalidRequest refused =
        assertThrows(InvalidRequest.class, () -> policy.checkedForCreation(url), url);
    assertTrue(refused.getMessage().startsWith("'base_url' "), refused.getMessage());
    return refused;
  }
}
