package io.killtoken.domain.money;

/**
 * An amount of US dollars in millionths. Integer arithmetic only: sums of many small costs must not
 * drift the way doubles do.
 */
public record MicroDollars(long value) implements Comparable<MicroDollars> {

  public static final MicroDollars ZERO = new MicroDollars(0);
  private static final long PER_DOLLAR = 1_000_000L;

  public MicroDollars {
    if (value < 0) {
      throw new IllegalArgumentException("money must not be negative");
    }
  }

  public static MicroDollars ofDollars(long dollars) {
    return new MicroDollars(Math.multiplyExact(dollars, PER_DOLLAR));
  }

  /**
   * The cost of {@code tokens} tokens at a price per million tokens, rounded up to the next
   * micro-dollar so that a charge is never under-counted.
   */
  public static MicroDollars forTokens(long tokens, MicroDollars pricePerMillionTokens) {
    if (tokens < 0) {
      throw new IllegalArgumentException("tokens must not be negative");
    }
    long product = Math.multiplyExact(tokens, pricePerMillionTokens.value);
    return new MicroDollars(Math.ceilDiv(product, 1_000_000L));
  }

  public MicroDollars plus(MicroDollars other) {
    return new MicroDollars(Math.addExact(value, other.value));
  }

  /** Subtraction that stops at zero, for remaining budgets. */
  public MicroDollars minusOrZero(MicroDollars other) {
    return new MicroDollars(Math.max(0, value - other.value));
  }

  @Override
  public int compareTo(MicroDollars other) {
    return Long.compare(value, other.value);
  }

  /** Plain dollars with six decimals, e.g. {@code 0.001250}. */
  public String toDollarString() {
    return value / PER_DOLLAR + "." + String.format("%06d", value % PER_DOLLAR);
  }
}
