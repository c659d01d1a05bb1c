package io.killtoken.adapters.providers.openaiwire;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ModelPrice;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A provider's list prices by model, read from lines of {@code input, cached input, output} US
 * dollars per million tokens; a line prices its model and that model's dated snapshots.
 */
public final class PriceTable {

  /** A dated snapshot of a model: {@code -2024-08-06} or the older {@code -0613}. */
  private static final Pattern SNAPSHOT = Pattern.compile("-\\d{4}(-\\d{2}-\\d{2})?");

  private static final PriceTable EMPTY = new PriceTable(Map.of());

  private record Entry(String model, ModelPrice price) {}

  // Longest key first, so the first match is the most specific one.
  private final List<Entry> entries;

  private PriceTable(Map<String, ModelPrice> prices) {
    this.entries =
        prices.entrySet().stream()
            .map(e -> new Entry(e.getKey(), e.getValue()))
            .sorted(Comparator.comparingInt((Entry e) -> e.model().length()).reversed())
            .toList();
  }

  /** A provider with no known prices: its calls are counted but not priced. */
  public static PriceTable empty() {
    return EMPTY;
  }

  /**
   * The table from price lines by model, each {@code "input, cached input, output"}.
   *
   * @throws IllegalArgumentException when a line is not three amounts of at most six decimals
   */
  public static PriceTable of(Map<String, String> lines) {
    Map<String, ModelPrice> prices = new LinkedHashMap<>();
    lines.forEach((model, line) -> prices.put(model, price(model, line)));
    return new PriceTable(prices);
  }

  /** The table in a properties resource next to {@code owner}: {@code <model> = <price line>}. */
  public static PriceTable fromResource(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing next to " + owner.getName());
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The table in properties form: {@code <model> = <input>, <cached input>, <output>}. */
  public static PriceTable parse(InputStream in) throws IOException {
    Properties table = new Properties();
    table.load(in);
    Map<String, String> lines = new LinkedHashMap<>();
    table.stringPropertyNames().forEach(model -> lines.put(model, table.getProperty(model)));
    return of(lines);
  }

  /** Every model the table names, sorted. */
  public List<String> models() {
    return entries.stream().map(Entry::model).sorted().toList();
  }

  /** The price of a model or one of its dated snapshots, when the table has it. */
  public Optional<ModelPrice> lookup(String model) {
    return entries.stream().filter(e -> matches(e.model(), model)).map(Entry::price).findFirst();
  }

  // A plain prefix match would price o3-pro as o3 and gpt-4.1-nano as gpt-4.1; only the model
  // itself and its dated snapshots share a price.
  private static boolean matches(String key, String model) {
    return model.equals(key)
        || model.startsWith(key) && SNAPSHOT.matcher(model.substring(key.length())).matches();
  }

  private static ModelPrice price(String model, String line) {
    String[] columns = line.split(",");
    if (columns.length != 3) {
      throw new IllegalArgumentException(
          "price of " + model + " must be 'input, cached input, output', was: " + line);
    }
    return new ModelPrice(
        micros(model, columns[0]), micros(model, columns[1]), micros(model, columns[2]));
  }

  // BigDecimal keeps 0.075 exactly 75 000 micro-dollars; a double would not.
  private static MicroDollars micros(String model, String dollars) {
    try {
      return new MicroDollars(new BigDecimal(dollars.strip()).movePointRight(6).longValueExact());
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "price of " + model + " is not dollars with at most six decimals: " + dollars, e);
    }
  }
}
