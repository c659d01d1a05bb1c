package io.killtoken.adapters.providers.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.adapters.providers.openaiwire.PriceTable;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ModelPrice;
import io.killtoken.domain.usage.TokenUsage;
import org.junit.jupiter.api.Test;

class OpenAiPricesTest {

  private final PriceTable prices = OpenAiModule.prices();

  @Test
  void the_shipped_table_prices_models_exactly_in_micro_dollars() {
    assertEquals(price(150_000, 75_000, 600_000), prices.lookup("gpt-4o-mini").orElseThrow());
    assertEquals(price(2_500_000, 1_250_000, 10_000_000), prices.lookup("gpt-4o").orElseThrow());
    assertEquals(price(2_000_000, 500_000, 8_000_000), prices.lookup("gpt-4.1").orElseThrow());
    assertEquals(price(400_000, 100_000, 1_600_000), prices.lookup("gpt-4.1-mini").orElseThrow());
    assertEquals(price(2_000_000, 500_000, 8_000_000), prices.lookup("o3").orElseThrow());
    assertEquals(price(1_100_000, 275_000, 4_400_000), prices.lookup("o4-mini").orElseThrow());
  }

  @Test
  void a_dated_snapshot_costs_what_its_model_costs_unless_it_has_its_own_line() {
    assertEquals(prices.lookup("gpt-4o-mini"), prices.lookup("gpt-4o-mini-2024-07-18"));
    assertEquals(prices.lookup("gpt-4o"), prices.lookup("gpt-4o-2024-08-06"));
    assertEquals(prices.lookup("gpt-3.5-turbo"), prices.lookup("gpt-3.5-turbo-0125"));
    assertEquals(
        price(5_000_000, 5_000_000, 15_000_000),
        prices.lookup("gpt-4o-2024-05-13").orElseThrow(),
        "the longest matching line wins");
  }

  @Test
  void a_variant_without_its_own_line_is_not_charged_at_a_siblings_rate() {
    assertTrue(prices.lookup("o3-pro").isEmpty());
    assertTrue(prices.lookup("gpt-4o-audio-preview").isEmpty());
    assertTrue(prices.lookup("claude-sonnet-4-5").isEmpty());
  }

  @Test
  void the_cost_of_a_call_charges_cached_prompt_tokens_at_their_own_price() {
    ModelPrice mini = prices.lookup("gpt-4o-mini").orElseThrow();

    // 1 000 000 prompt tokens of which 400 000 cached, 100 000 completion tokens:
    // 600 000 × 0.15 + 400 000 × 0.075 + 100 000 × 0.60 per million = 0.09 + 0.03 + 0.06 dollars.
    assertEquals(new MicroDollars(180_000), mini.cost(new TokenUsage(1_000_000, 100_000, 400_000)));
    // A tiny call is rounded up to the next micro-dollar, never down to nothing.
    assertEquals(new MicroDollars(1), mini.cost(new TokenUsage(1, 0, 0)));
  }

  @Test
  void every_model_in_the_table_is_one_the_module_claims_by_its_bare_name() {
    for (String model : prices.models()) {
      assertTrue(OpenAiModule.config().claims(model), model);
    }
  }

  private static ModelPrice price(long input, long cached, long output) {
    return new ModelPrice(
        new MicroDollars(input), new MicroDollars(cached), new MicroDollars(output));
  }
}
