package io.killtoken.adapters.providers.openaicompatible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.adapters.providers.openaiwire.OpenAiWireConfig;
import io.killtoken.domain.money.MicroDollars;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompatibleProvidersTest {

  private static final String ACME =
      """
      {"id":"acme","name":"Acme","baseUrl":"https://api.acme.test/v1",\
      "bareNamePrefixes":["acme-"],"embeddings":true,"streamOptions":false,\
      "prices":{"acme-large":"2.00, 0.50, 6.00"}}""";

  private static List<OpenAiWireConfig> parse(String... providers) throws Exception {
    String file = "{\"about\":[\"test\"],\"providers\":[" + String.join(",", providers) + "]}";
    return CompatibleProviders.parse(
        new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
  }

  private static String refusal(String... providers) {
    return assertThrows(IllegalStateException.class, () -> parse(providers)).getMessage();
  }

  @Test
  void an_entry_becomes_a_provider_configuration_field_by_field() throws Exception {
    OpenAiWireConfig acme = parse(ACME).getFirst();

    assertEquals("acme", acme.id().value());
    assertEquals("Acme", acme.name());
    assertEquals("https://api.acme.test/v1", acme.baseUrl().toString());
    assertEquals(List.of("acme-"), acme.bareNamePrefixes());
    assertTrue(acme.embeddings());
    assertFalse(acme.streamOptions());
    assertEquals(
        new MicroDollars(500_000),
        acme.prices().lookup("acme-large").orElseThrow().cachedInputPerMillion());
  }

  @Test
  void the_shipped_file_loads() {
    assertEquals(7, CompatibleProviders.shipped().size());
  }

  @Test
  void two_providers_claiming_overlapping_bare_names_are_refused() {
    String acmeToo = ACME.replace("\"acme\"", "\"acme-two\"").replace("\"acme-\"", "\"acme-l\"");

    String message = refusal(ACME, acmeToo);

    assertTrue(message.contains("'acme-l'") && message.contains("'acme-'"), message);
  }

  @Test
  void a_provider_declared_twice_is_refused() {
    assertTrue(refusal(ACME, ACME.replace("\"acme-\"", "\"other-\"")).contains("twice"));
  }

  @Test
  void a_misspelt_or_missing_field_is_refused_rather_than_defaulted() {
    assertTrue(
        refusal(ACME.replace("streamOptions", "streamOption"))
            .contains("openai-compatible-providers.json"));
    refusal(ACME.replace("\"embeddings\":true,", ""));
  }

  @Test
  void a_bad_price_or_base_url_names_the_provider() {
    assertTrue(refusal(ACME.replace("2.00, 0.50, 6.00", "two dollars")).contains("acme"));
    assertTrue(
        refusal(ACME.replace("https://api.acme.test/v1", "https://user:pw@api.acme.test/v1"))
            .contains("acme"));
  }
}
