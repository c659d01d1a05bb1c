package io.killtoken.bootstrap.config;

import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ModelPrice;
import io.killtoken.domain.provider.PriceList;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Reads the operator's price overrides: a properties file of {@code provider/model = input, cached
 * input, output} in US dollars per million tokens. Problems name the line's key, never guess.
 */
final class PriceFile {

  private static final Pattern KEY =
      Pattern.compile("[a-z][a-z0-9-]{1,31}/[A-Za-z0-9._:/-]{1,200}");

  private PriceFile() {}

  static PriceList read(Path path, List<String> problems) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | RuntimeException e) {
      problems.add("KILLTOKEN_PRICES_FILE names a file that cannot be read");
      return PriceList.NONE;
    }
    Map<String, ModelPrice> prices = new HashMap<>();
    for (String key : properties.stringPropertyNames()) {
      String value = properties.getProperty(key);
      if (!KEY.matcher(key).matches()) {
        problems.add("KILLTOKEN_PRICES_FILE: '" + key + "' is not provider/model");
        continue;
      }
      String[] parts = value.split(",");
      try {
        if (parts.length != 3) {
          throw new NumberFormatException();
        }
        prices.put(key, new ModelPrice(micros(parts[0]), micros(parts[1]), micros(parts[2])));
      } catch (NumberFormatException | ArithmeticException e) {
        problems.add(
            "KILLTOKEN_PRICES_FILE: '"
                + key
                + "' must be three dollar amounts: input, cached input, output per million"
                + " tokens");
      }
    }
    return new PriceList(prices);
  }

  private static MicroDollars micros(String dollars) {
    BigDecimal micros = new BigDecimal(dollars.strip()).movePointRight(6);
    if (micros.signum() < 0) {
      throw new ArithmeticException("negative");
    }
    return new MicroDollars(micros.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
  }
}
