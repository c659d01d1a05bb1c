package io.killtoken.domain.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class CalendarMonthTest {

  @Test
  void the_month_is_read_in_utc() {
    assertEquals(
        new CalendarMonth(YearMonth.of(2026, 11)),
        CalendarMonth.of(Instant.parse("2026-11-30T23:59:59Z")));
    assertEquals(
        new CalendarMonth(YearMonth.of(2026, 12)),
        CalendarMonth.of(Instant.parse("2026-12-01T00:00:00Z")));
  }

  @Test
  void it_ends_at_the_first_instant_of_the_next_month() {
    assertEquals(
        Instant.parse("2027-01-01T00:00:00Z"), new CalendarMonth(YearMonth.of(2026, 12)).end());
  }

  @Test
  void time_left_runs_to_the_turn_and_never_below_a_millisecond() {
    CalendarMonth november = new CalendarMonth(YearMonth.of(2026, 11));

    assertEquals(Duration.ofHours(1), november.timeLeft(Instant.parse("2026-11-30T23:00:00Z")));
    assertEquals(Duration.ofMillis(1), november.timeLeft(Instant.parse("2026-12-01T00:00:00Z")));
  }

  @Test
  void the_label_is_year_and_month() {
    assertEquals("2026-03", new CalendarMonth(YearMonth.of(2026, 3)).label());
  }
}
