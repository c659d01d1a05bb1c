package io.killtoken.adapters.providers.openaiwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.provider.ProviderSettings;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiWireConfigTest {

  private static OpenAiWireConfig config(String baseUrl, List<String> prefixes) {
    return new OpenAiWireConfig(
        new ProviderId("acme"),
        "Acme",
        URI.create(baseUrl),
        prefixes,
        PriceTable.empty(),
        true,
        true);
  }

  @Test
  void a_provider_claims_exactly_the_bare_names_its_prefixes_start() {
    OpenAiWireConfig acme = config("https://api.acme.test/v1", List.of("acme-", "roadrunner-"));

    assertTrue(acme.claims("acme-large-latest"));
    assertTrue(acme.claims("roadrunner-2"));
    assertFalse(acme.claims("gpt-4o"));
    assertFalse(acme.claims("acme"));
  }

  @Test
  void a_provider_without_prefixes_claims_no_bare_name() {
    assertFalse(config("https://api.acme.test/v1", List.of()).claims("llama-3.3-70b"));
  }

  @Test
  void a_blank_prefix_that_would_claim_every_model_is_refused() {
    assertThrows(
        IllegalArgumentException.class, () -> config("https://api.acme.test/v1", List.of(" ")));
    assertThrows(
        IllegalArgumentException.class, () -> config("https://api.acme.test/v1", List.of("")));
  }

  @Test
  void a_base_url_must_be_a_plain_http_url_whether_shipped_or_overridden() {
    for (String bad :
        new String[] {
          "ftp://example.com/v1",
          "/v1",
          "https://user:secret@example.com/v1",
          "https://example.com/v1?api_key=x"
        }) {
      assertThrows(IllegalArgumentException.class, () -> config(bad, List.of()), bad);
      OpenAiWireConfig good = config("https://api.acme.test/v1", List.of());
      assertThrows(
          IllegalArgumentException.class,
          () ->
              new OpenAiWireProvider(good, ProviderSettings.DEFAULTS.withBaseUrl(URI.create(bad))),
          bad);
    }
  }

  @Test
  void calls_go_to_the_fixed_base_url_unless_the_operator_overrides_it() {
    OpenAiWireConfig acme = config("https://api.acme.test/v1", List.of());

    try (OpenAiWireProvider fixed = new OpenAiWireProvider(acme, ProviderSettings.DEFAULTS);
        OpenAiWireProvider moved =
            new OpenAiWireProvider(
                acme,
                ProviderSettings.DEFAULTS.withBaseUrl(URI.create("http://egress.internal/acme")))) {
      assertEquals(URI.create("https://api.acme.test/v1"), fixed.baseUrl());
      assertEquals(URI.create("http://egress.internal/acme"), moved.baseUrl());
    }
  }
}
