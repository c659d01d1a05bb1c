package io.killtoken.adapters.providers.gemini;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ModelPrice;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The price table shipped with the module ({@code gemini-prices.properties}). */
final class GeminiPrices {

  private static final String RESOURCE = "gemini-prices.properties";

  /**
   * What may follow a priced name and still be the same model: a stable version ({@code -001}),
   * {@code -latest}, or a dated preview or experiment ({@code -preview-09-2025}, {@code
   * -exp-03-25}).
   */
  private static final Pattern VERSION =
      Pattern.compile("-\\d{3}|-latest|-(?:preview|exp)(?:-\\d{2,4})*");

  private record Entry(String model, ModelPrice price) {}

  // Longest key first, so the first match is the most specific one.
  private final List<Entry> entries;

  GeminiPrices(Map<String, ModelPrice> prices) {
    this.entries =
        prices.entrySet().stream()
            .map(e -> new Entry(e.getKey(), e.getValue()))
            .sorted(Comparator.comparingInt((Entry e) -> e.model().length()).reversed())
            .toList();
  }

  static GeminiPrices shipped() {
    try (InputStream in = GeminiPrices.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the Gemini module");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static GeminiPrices parse(InputStream in) throws IOException {
    Properties table = new Properties();
    table.load(in);
    return new GeminiPrices(
        table.stringPropertyNames().stream()
            .collect(
                Collectors.toMap(model -> model, model -> price(model, table.getProperty(model)))));
  }

  /** Every model the table names, sorted. */
  List<String> models() {
    return entries.stream().map(Entry::model).sorted().toList();
  }

  /** The price of the longest name that is the model itself or the model without its version. */
  Optional<ModelPrice> lookup(String model) {
    return entries.stream().filter(e -> matches(e.model(), model)).map(Entry::price).findFirst();
  }

  // A bare prefix match would price gemini-2.5-flash-image (image output, far dearer) and
  // gemini-2.5-flash-preview-tts as gemini-2.5-flash; only versions of a model share its price.
  private static boolean matches(String key, String model) {
    return model.equals(key)
        || model.startsWith(key) && VERSION.matcher(model.substring(key.length())).matches();
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
