package io.killtoken.application.insight;

import io.killtoken.domain.money.MicroDollars;
import java.math.BigInteger;
import java.time.Duration;

/** Scales what a range shows to a 30-day month. */
record Monthly(Duration range) {

  private static final BigInteger MONTH_MILLIS = BigInteger.valueOf(Duration.ofDays(30).toMillis());

  MicroDollars of(MicroDollars inRange) {
    BigInteger scaled =
        BigInteger.valueOf(inRange.value())
            .multiply(MONTH_MILLIS)
            .divide(BigInteger.valueOf(Math.max(1, range.toMillis())));
    return new MicroDollars(scaled.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact());
  }
}
