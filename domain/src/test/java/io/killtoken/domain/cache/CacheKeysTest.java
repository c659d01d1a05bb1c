package io.killtoken.domain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.killtoken.domain.provider.ModelRoute;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.tenant.TenantId;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CacheKeysTest {

  private static final TenantId TENANT = new TenantId("tenant-aaaa-0001");
  private static final ModelRoute GPT = new ModelRoute(new ProviderId("openai"), "gpt-4o");
  private static final String BASE =
      """
      {"model":"gpt-4o","temperature":0,"max_tokens":100,"seed":7,"stop":["\\n"],
       "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],
       "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
       "tool_choice":"auto","response_format":{"type":"json_object"},"top_p":1}
      """;

  private final CacheKeys keys = new CacheKeys(secret(1));

  private static byte[] secret(int fill) {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) fill);
    return secret;
  }

  private CacheKey key(String json) {
    return key(TENANT, GPT, json);
  }

  private CacheKey key(TenantId tenant, ModelRoute route, String json) {
    return keys.key(tenant, route, CanonicalRequest.parse(json).orElseThrow());
  }

  /** BASE with one more top-level member, written first. */
  private static String withExtra(String member) {
    return "{" + member + "," + BASE.strip().substring(1);
  }

  /** BASE with one top-level member set to a canonical JSON value. */
  private static CanonicalRequest changed(String name, String value) {
    SortedMap<String, String> members =
        new TreeMap<>(CanonicalRequest.parse(BASE).orElseThrow().members());
    members.put(name, value);
    return new CanonicalRequest(members);
  }

  @Test
  void the_key_is_a_tenant_and_sixty_four_hex_digits() {
    CacheKey key = key(BASE);

    assertEquals(TENANT, key.tenant());
    assertEquals(64, key.digest().length());
  }

  @Test
  void member_order_and_whitespace_do_not_change_the_key() {
    String reordered =
        """
        {  "top_p" : 1 , "response_format":{ "type" : "json_object" },"tool_choice":"auto",
          "tools":[{"function":{"parameters":{"type":"object"},"name":"f"},"type":"function"}],
          "messages":[{"content":"Be brief.","role":"system"},{"content":"Hi","role":"user"}],
          "stop":["\\n"],"seed":7,"max_tokens":100,"temperature":0,"model":"gpt-4o"}
        """;

    assertEquals(key(BASE), key(reordered));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"stream\":true",
        "\"stream_options\":{\"include_usage\":true}",
        "\"user\":\"end-user-42\"",
        "\"safety_identifier\":\"abc\"",
        "\"prompt_cache_key\":\"k\"",
        "\"metadata\":{\"job\":\"x\"}",
        "\"store\":true"
      })
  void members_that_do_not_change_the_answer_do_not_change_the_key(String member) {
    assertEquals(key(BASE), key(withExtra(member)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "temperature=0.7",
        "max_tokens=101",
        "seed=8",
        "top_p=0.9",
        "stop=[\"END\"]",
        "tool_choice=\"none\"",
        "response_format={\"type\":\"text\"}",
        "tools=[]",
        "messages=[{\"role\":\"user\",\"content\":\"Hi!\"}]",
        "n=2",
        "service_tier=\"flex\"",
        "logit_bias={\"50256\":-100}",
        "some_future_field=true"
      })
  void members_that_change_the_answer_change_the_key(String change) {
    String name = change.substring(0, change.indexOf('='));
    String value = change.substring(change.indexOf('=') + 1);

    assertNotEquals(key(BASE), keys.key(TENANT, GPT, changed(name, value)));
  }

  @Test
  void a_member_set_to_the_value_it_had_keeps_the_key() {
    assertEquals(key(BASE), keys.key(TENANT, GPT, changed("temperature", "0")));
  }

  @Test
  void the_routed_model_counts_and_the_spelling_of_the_requested_one_does_not() {
    String prefixed = BASE.replace("\"model\":\"gpt-4o\"", "\"model\":\"openai/gpt-4o\"");

    assertEquals(key(BASE), key(prefixed));
    assertNotEquals(key(BASE), key(TENANT, new ModelRoute(GPT.provider(), "gpt-4o-mini"), BASE));
  }

  @Test
  void the_same_model_name_at_another_provider_is_another_key() {
    ModelRoute elsewhere = new ModelRoute(new ProviderId("openrouter"), "gpt-4o");

    assertNotEquals(key(BASE), key(TENANT, elsewhere, BASE));
  }

  @Test
  void text_cannot_move_between_the_model_and_the_provider() {
    ModelRoute one = new ModelRoute(new ProviderId("ab"), "c\",\"d");
    ModelRoute other = new ModelRoute(new ProviderId("ab-c"), "d");

    assertNotEquals(key(TENANT, one, BASE), key(TENANT, other, BASE));
  }

  @Test
  void two_tenants_sending_the_same_request_get_unrelated_keys() {
    CacheKey first = key(new TenantId("tenant-aaaa-0001"), GPT, BASE);
    CacheKey second = key(new TenantId("tenant-bbbb-0002"), GPT, BASE);

    assertNotEquals(first.digest(), second.digest());
    assertNotEquals(first, second);
  }

  @Test
  void another_server_secret_gives_other_keys() {
    CacheKey other =
        new CacheKeys(secret(2)).key(TENANT, GPT, CanonicalRequest.parse(BASE).orElseThrow());

    assertNotEquals(key(BASE), other);
  }

  @Test
  void the_key_text_names_the_version_route_and_members_but_not_the_ignored_ones() {
    String text =
        CacheKeys.keyText(
            GPT,
            CanonicalRequest.parse("{\"stream\":true,\"model\":\"x\",\"b\":1,\"a\":2}")
                .orElseThrow());

    assertEquals("[\"kt-cache-1\",\"openai\",\"gpt-4o\",{\"a\":2,\"b\":1}]", text);
  }

  @Test
  void a_short_secret_is_refused_and_the_secret_is_never_printed() {
    assertThrows(IllegalArgumentException.class, () -> new CacheKeys(new byte[31]));
    assertFalse(keys.toString().contains("1"), keys.toString());
  }

  @Test
  void a_key_digest_must_be_sixty_four_lower_case_hex_digits() {
    assertThrows(IllegalArgumentException.class, () -> new CacheKey(TENANT, "ABC"));
    assertThrows(IllegalArgumentException.class, () -> new CacheKey(TENANT, "A".repeat(64)));
  }
}
