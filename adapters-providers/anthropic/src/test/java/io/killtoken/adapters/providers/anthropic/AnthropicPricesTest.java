package io.killtoken.adapters.providers.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ModelPrice;
import io.killtoken.domain.usage.TokenUsage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnthropicPricesTest {

  private final AnthropicPrices prices = AnthropicPrices.shipped();

  @Test
  void the_shipped_table_prices_current_models_exactly_in_micro_dollars() {
    assertEquals(price(15_000_000, 1_500_000, 75_000_000), lookup("claude-opus-4-1"));
    assertEquals(price(15_000_000, 1_500_000, 75_000_000), lookup("claude-opus-4-0"));
    assertEquals(price(5_000_000, 500_000, 25_000_000), lookup("claude-opus-4-5"));
    assertEquals(price(3_000_000, 300_000, 15_000_000), lookup("claude-sonnet-4-5"));
    assertEquals(price(3_000_000, 300_000, 15_000_000), lookup("claude-sonnet-4-0"));
    assertEquals(price(3_000_000, 300_000, 15_000_000), lookup("claude-3-7-sonnet-latest"));
    assertEquals(price(1_000_000, 100_000, 5_000_000), lookup("claude-haiku-4-5"));
    assertEquals(price(800_000, 80_000, 4_000_000), lookup("claude-3-5-haiku-latest"));
  }

  @Test
  void a_dated_snapshot_costs_what_its_model_costs() {
    assertEquals(lookup("claude-sonnet-4-5"), lookup("claude-sonnet-4-5-20250929"));
    assertEquals(lookup("claude-haiku-4-5"), lookup("claude-haiku-4-5-20251001"));
    assertEquals(lookup("claude-opus-4-1"), lookup("claude-opus-4-1-20250805"));
    assertEquals(lookup("claude-opus-4-5"), lookup("claude-opus-4-5-20251101"));
  }

  @Test
  void an_alias_ending_in_0_or_latest_prices_the_snapshots_of_its_family() {
    assertEquals(lookup("claude-opus-4-0"), lookup("claude-opus-4-20250514"));
    assertEquals(lookup("claude-opus-4-0"), lookup("claude-opus-4"));
    assertEquals(lookup("claude-sonnet-4-0"), lookup("claude-sonnet-4-20250514"));
    assertEquals(lookup("claude-3-7-sonnet-latest"), lookup("claude-3-7-sonnet-20250219"));
    assertEquals(lookup("claude-3-5-haiku-latest"), lookup("claude-3-5-haiku-20241022"));
  }

  @Test
  void a_model_without_its_own_line_is_not_charged_at_a_siblings_rate() {
    assertTrue(prices.lookup("claude-opus-4-6").isEmpty(), "not priced as claude-opus-4");
    assertTrue(prices.lookup("claude-sonnet-4-7-20260101").isEmpty());
    assertTrue(prices.lookup("claude-sonnet-4-5-preview").isEmpty());
    assertTrue(prices.lookup("gpt-4o-mini").isEmpty());
  }

  @Test
  void the_cost_of_a_call_charges_cache_reads_at_their_own_price() {
    ModelPrice sonnet = lookup("claude-sonnet-4-5");

    // 1 000 000 prompt tokens of which 400 000 read from the cache, 100 000 completion tokens:
    // 600 000 × 3 + 400 000 × 0.30 + 100 000 × 15 per million = 1.80 + 0.12 + 1.50 dollars.
    assertEquals(
        new MicroDollars(3_420_000), sonnet.cost(new TokenUsage(1_000_000, 100_000, 400_000)));
  }

  @Test
  void a_malformed_price_line_is_refused_rather_than_guessed() {
    assertThrows(IllegalArgumentException.class, () -> table("m = 0.1234567, 0.1, 0.1"));
    assertThrows(IllegalArgumentException.class, () -> table("m = 0.1, 0.1"));
    assertThrows(IllegalArgumentException.class, () -> table("m = free, 0.1, 0.1"));
  }

  private ModelPrice lookup(String model) {
    return prices.lookup(model).orElseThrow(() -> new AssertionError("no price for " + model));
  }

  private static AnthropicPrices table(String text) throws Exception {
    return AnthropicPrices.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static ModelPrice price(long input, long cached, long output) {
    return new ModelPrice(
        new MicroDollars(input), new MicroDollars(cached), new MicroDollars(output));
  }
}
