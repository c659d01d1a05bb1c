package io.killtoken.adapters.providers.openai;

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

/** The price table shipped with the module ({@code openai-prices.properties}). */
final class OpenAiPrices {

  private static final String RESOURCE = "openai-prices.properties";

  /** A dated snapshot of a model: {@code -2024-08-06} or the older {@code -0613}. */
  private static final Pattern SNAPSHOT = Pattern.compile("-\\d{4}(-\\d{2}-\\d{2})?");

  private record Entry(String model, ModelPrice price) {}

  // Longest key first, so the first match is the most specific one.
  private final List<Entry> entries;

  OpenAiPrices(Map<String, ModelPrice> prices) {
    this.entries =
        prices.entrySet().stream()
            .map(e -> new Entry(e.getKey(), e.getValue()))
            .sorted(Comparator.comparingInt((Entry e) -> e.model().length()).reversed())
            .toList();
  }

  static OpenAiPrices shipped() {
    try (InputStream in = OpenAiPrices.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the OpenAI module");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static OpenAiPrices parse(InputStream in) throws IOException {
    Properties table = new Properties();
    table.load(in);
    return new OpenAiPrices(
        table.stringPropertyNames().stream()
            .collect(
                Collectors.toMap(model -> model, model -> price(model, table.getProperty(model)))));
  }

  /** Every model the table names, sorted. */
  List<String> models() {
    return entries.stream().map(Entry::model).sorted().toList();
  }

  Optional<ModelPrice> lookup(String model) {
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
