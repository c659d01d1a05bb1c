package io.killtoken.adapters.providers.anthropic;

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

/** The price table shipped with the module ({@code anthropic-prices.properties}). */
final class AnthropicPrices {

  private static final String RESOURCE = "anthropic-prices.properties";

  /** Anthropic's moving aliases: {@code claude-sonnet-4-0}, {@code claude-3-5-haiku-latest}. */
  private static final Pattern ALIAS = Pattern.compile("-(0|latest)$");

  /** A dated snapshot: {@code -20250929}. */
  private static final Pattern SNAPSHOT = Pattern.compile("-\\d{8}");

  private record Entry(String model, String family, ModelPrice price) {}

  // Longest key first, so the first match is the most specific one.
  private final List<Entry> entries;

  AnthropicPrices(Map<String, ModelPrice> prices) {
    this.entries =
        prices.entrySet().stream()
            .map(
                e ->
                    new Entry(e.getKey(), ALIAS.matcher(e.getKey()).replaceFirst(""), e.getValue()))
            .sorted(Comparator.comparingInt((Entry e) -> e.model().length()).reversed())
            .toList();
  }

  static AnthropicPrices shipped() {
    try (InputStream in = AnthropicPrices.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the Anthropic module");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AnthropicPrices parse(InputStream in) throws IOException {
    Properties table = new Properties();
    table.load(in);
    return new AnthropicPrices(
        table.stringPropertyNames().stream()
            .collect(
                Collectors.toMap(model -> model, model -> price(model, table.getProperty(model)))));
  }

  /** Every model the table names, sorted. */
  List<String> models() {
    return entries.stream().map(Entry::model).sorted().toList();
  }

  Optional<ModelPrice> lookup(String model) {
    return entries.stream().filter(e -> matches(e, model)).map(Entry::price).findFirst();
  }

  // A plain prefix match would price claude-opus-4-5 as claude-opus-4 (three times the price);
  // only the model itself, its family name and its dated snapshots share a price.
  private static boolean matches(Entry entry, String model) {
    if (model.equals(entry.model()) || model.equals(entry.family())) {
      return true;
    }
    return model.startsWith(entry.family())
        && SNAPSHOT.matcher(model.substring(entry.family().length())).matches();
  }

  private static ModelPrice price(String model, String line) {
    String[] columns = line.split(",");
    if (columns.length != 3) {
      throw new IllegalArgumentException(
          "price of " + model + " must be 'input, cache-read input, output', was: " + line);
    }
    return new ModelPrice(
        micros(model, columns[0]), micros(model, columns[1]), micros(model, columns[2]));
  }

  // BigDecimal keeps 0.08 exactly 80 000 micro-dollars; a double would not.
  private static MicroDollars micros(String model, String dollars) {
    try {
      return new MicroDollars(new BigDecimal(dollars.strip()).movePointRight(6).longValueExact());
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "price of " + model + " is not dollars with at most six decimals: " + dollars, e);
    }
  }
}
