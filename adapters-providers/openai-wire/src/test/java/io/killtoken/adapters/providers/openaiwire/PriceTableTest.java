package io.killtoken.adapters.providers.openaiwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ModelPrice;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {

  private final PriceTable prices =
      PriceTable.of(
          Map.of(
              "acme-large", "2.00, 0.50, 6.00",
              "acme-large-2025-01-15", "3.00, 3.00, 9.00",
              "acme-small", "0.1, 0.1, 0.3"));

  @Test
  void prices_are_read_exactly_in_micro_dollars() {
    assertEquals(price(2_000_000, 500_000, 6_000_000), prices.lookup("acme-large").orElseThrow());
    assertEquals(price(100_000, 100_000, 300_000), prices.lookup("acme-small").orElseThrow());
  }

  @Test
  void a_dated_snapshot_costs_what_its_model_costs_unless_it_has_its_own_line() {
    assertEquals(prices.lookup("acme-large"), prices.lookup("acme-large-2024-11-01"));
    assertEquals(prices.lookup("acme-small"), prices.lookup("acme-small-2411"));
    assertEquals(
        price(3_000_000, 3_000_000, 9_000_000),
        prices.lookup("acme-large-2025-01-15").orElseThrow(),
        "the longest matching line wins");
  }

  @Test
  void a_variant_without_its_own_line_is_not_charged_at_a_siblings_rate() {
    assertTrue(prices.lookup("acme-large-pro").isEmpty());
    assertTrue(prices.lookup("acme").isEmpty());
  }

  @Test
  void the_models_are_listed_sorted() {
    assertEquals(List.of("acme-large", "acme-large-2025-01-15", "acme-small"), prices.models());
    assertTrue(PriceTable.empty().models().isEmpty());
  }

  @Test
  void a_price_with_more_than_six_decimals_or_a_missing_column_is_refused_rather_than_guessed() {
    assertThrows(IllegalArgumentException.class, () -> table("m = 0.1234567, 0.1, 0.1"));
    assertThrows(IllegalArgumentException.class, () -> table("m = 0.1, 0.1"));
    assertThrows(
        IllegalArgumentException.class, () -> PriceTable.of(Map.of("m", "free, free, free")));
  }

  @Test
  void a_missing_resource_is_a_clear_failure() {
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class,
            () -> PriceTable.fromResource(PriceTableTest.class, "no-such-prices.properties"));

    assertTrue(missing.getMessage().contains("no-such-prices.properties"));
  }

  private static PriceTable table(String text) throws Exception {
    return PriceTable.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static ModelPrice price(long input, long cached, long output) {
    return new ModelPrice(
        new MicroDollars(input), new MicroDollars(cached), new MicroDollars(output));
  }
}
