package io.killtoken.domain.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MicroDollarsTest {

  @Test
  void token_cost_is_priced_per_million_and_rounded_up() {
    MicroDollars twoFiftyPerMillion = new MicroDollars(2_500_000);

    assertEquals(new MicroDollars(2_500), MicroDollars.forTokens(1_000, twoFiftyPerMillion));
    assertEquals(new MicroDollars(3), MicroDollars.forTokens(1, twoFiftyPerMillion));
    assertEquals(MicroDollars.ZERO, MicroDollars.forTokens(0, twoFiftyPerMillion));
  }

  @Test
  void many_small_costs_add_up_exactly() {
    MicroDollars sum = MicroDollars.ZERO;
    for (int i = 0; i < 1_000_000; i++) {
      sum = sum.plus(new MicroDollars(1));
    }
    assertEquals(MicroDollars.ofDollars(1), sum);
  }

  @Test
  void dollars_print_with_six_decimals() {
    assertEquals("12.000345", new MicroDollars(12_000_345).toDollarString());
    assertEquals("0.000001", new MicroDollars(1).toDollarString());
  }

  @Test
  void negative_amounts_and_overflow_are_refused() {
    assertThrows(IllegalArgumentException.class, () -> new MicroDollars(-1));
    assertThrows(
        ArithmeticException.class,
        () -> new MicroDollars(Long.MAX_VALUE).plus(new MicroDollars(1)));
  }

  @Test
  void a_remaining_budget_stops_at_zero() {
    assertEquals(MicroDollars.ZERO, new MicroDollars(5).minusOrZero(new MicroDollars(9)));
  }
}
