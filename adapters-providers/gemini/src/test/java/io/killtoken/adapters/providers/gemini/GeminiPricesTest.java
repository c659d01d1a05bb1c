package io.killtoken.adapters.providers.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ModelPrice;
import io.killtoken.domain.usage.TokenUsage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiPricesTest {

  private final GeminiPrices prices = GeminiPrices.shipped();

  @Test
  void the_shipped_table_names_the_gemini_models_the_gateway_lists() {
    assertEquals(
        List.of(
            "gemini-2.0-flash",
            "gemini-2.0-flash-lite",
            "gemini-2.5-flash",
            "gemini-2.5-flash-lite",
            "gemini-2.5-pro",
            "gemini-embedding-001",
            "text-embedding-004"),
        prices.models());
  }

  @Test
  void the_shipped_table_prices_models_exactly_in_micro_dollars() {
    assertEquals(
        price(1_250_000, 125_000, 10_000_000), prices.lookup("gemini-2.5-pro").orElseThrow());
    assertEquals(
        price(300_000, 30_000, 2_500_000), prices.lookup("gemini-2.5-flash").orElseThrow());
    assertEquals(
        price(100_000, 10_000, 400_000), prices.lookup("gemini-2.5-flash-lite").orElseThrow());
    assertEquals(price(100_000, 25_000, 400_000), prices.lookup("gemini-2.0-flash").orElseThrow());
    assertEquals(
        price(75_000, 75_000, 300_000), prices.lookup("gemini-2.0-flash-lite").orElseThrow());
    assertEquals(price(150_000, 150_000, 0), prices.lookup("gemini-embedding-001").orElseThrow());
  }

  @Test
  void a_version_of_a_model_costs_what_the_model_costs_and_the_longest_name_wins() {
    assertEquals(prices.lookup("gemini-2.0-flash"), prices.lookup("gemini-2.0-flash-001"));
    assertEquals(
        prices.lookup("gemini-2.5-flash"), prices.lookup("gemini-2.5-flash-preview-09-2025"));
    assertEquals(prices.lookup("gemini-2.5-pro"), prices.lookup("gemini-2.5-pro-preview-06-05"));
    assertEquals(
        prices.lookup("gemini-2.5-flash-lite"),
        prices.lookup("gemini-2.5-flash-lite-preview-06-17"),
        "flash-lite is not priced as flash");
    assertEquals(
        prices.lookup("gemini-2.0-flash-lite"), prices.lookup("gemini-2.0-flash-lite-001"));
    assertEquals(prices.lookup("gemini-2.5-flash"), prices.lookup("gemini-2.5-flash-latest"));
  }

  @Test
  void a_variant_without_its_own_line_is_not_charged_at_a_siblings_rate() {
    assertTrue(prices.lookup("gemini-2.5-flash-image").isEmpty());
    assertTrue(prices.lookup("gemini-2.5-flash-preview-tts").isEmpty());
    assertTrue(prices.lookup("gemini-2.5-flash-native-audio-preview-09-2025").isEmpty());
    assertTrue(prices.lookup("gemini-3-pro-preview").isEmpty());
    assertTrue(prices.lookup("gpt-4o").isEmpty());
  }

  @Test
  void the_cost_of_a_call_charges_cached_prompt_tokens_at_their_own_price() {
    ModelPrice flash = prices.lookup("gemini-2.5-flash").orElseThrow();

    // 1 000 000 prompt tokens of which 400 000 cached, 100 000 completion tokens:
    // 600 000 × 0.30 + 400 000 × 0.03 + 100 000 × 2.50 per million = 0.18 + 0.012 + 0.25 dollars.
    assertEquals(
        new MicroDollars(442_000), flash.cost(new TokenUsage(1_000_000, 100_000, 400_000)));
    // A tiny call is rounded up to the next micro-dollar, never down to nothing.
    assertEquals(new MicroDollars(1), flash.cost(new TokenUsage(1, 0, 0)));
  }

  @Test
  void a_price_with_more_than_six_decimals_is_refused_rather_than_rounded() {
    assertThrows(IllegalArgumentException.class, () -> table("m = 0.1234567, 0.1, 0.1"));
    assertThrows(IllegalArgumentException.class, () -> table("m = 0.1, 0.1"));
  }

  private static GeminiPrices table(String text) throws Exception {
    return GeminiPrices.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static ModelPrice price(long input, long cached, long output) {
    return new ModelPrice(
        new MicroDollars(input), new MicroDollars(cached), new MicroDollars(output));
  }
}
