package io.killtoken.adapters.providers.openaicompatible;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.killtoken.adapters.providers.openaiwire.OpenAiWireConfig;
import io.killtoken.adapters.providers.openaiwire.PriceTable;
import io.killtoken.domain.provider.ProviderId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the providers declared as data ({@code openai-compatible-providers.json}) and refuses a
 * file that would make routing ambiguous: a repeated id, or two providers claiming one bare name.
 */
final class CompatibleProviders {

  static final String RESOURCE = "openai-compatible-providers.json";

  // Unknown fields fail: a misspelt "streamOptions" must not quietly fall back to a default.
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The file as written: a note for its readers and the providers. */
  record DataFile(List<String> about, List<Entry> providers) {}

  /** One provider as the file declares it; every field must be present. */
  record Entry(
      String id,
      String name,
      URI baseUrl,
      List<String> bareNamePrefixes,
      Boolean embeddings,
      Boolean streamOptions,
      Map<String, String> prices) {

    Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name of " + id);
      Objects.requireNonNull(baseUrl, "baseUrl of " + id);
      Objects.requireNonNull(bareNamePrefixes, "bareNamePrefixes of " + id);
      Objects.requireNonNull(embeddings, "embeddings of " + id);
      Objects.requireNonNull(streamOptions, "streamOptions of " + id);
      Objects.requireNonNull(prices, "prices of " + id);
    }

    OpenAiWireConfig config() {
      return new OpenAiWireConfig(
          new ProviderId(id),
          name,
          baseUrl,
          bareNamePrefixes,
          PriceTable.of(prices),
          embeddings,
          streamOptions);
    }
  }

  private CompatibleProviders() {}

  /** The providers shipped with this module, in the file's order. */
  static List<OpenAiWireConfig> shipped() {
    try (InputStream in = CompatibleProviders.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the openai-compatible module");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The providers a data file declares.
   *
   * @throws IllegalStateException naming the file and the entry when the data is not usable
   */
  static List<OpenAiWireConfig> parse(InputStream in) throws IOException {
    DataFile file;
    try {
      file = JSON.readValue(in, DataFile.class);
    } catch (JacksonException e) {
      throw new IllegalStateException(RESOURCE + " is not valid: " + e.getOriginalMessage(), e);
    }
    if (file == null || file.providers() == null) {
      throw new IllegalStateException(RESOURCE + " declares no 'providers'");
    }
    List<OpenAiWireConfig> configs = new ArrayList<>();
    for (Entry entry : file.providers()) {
      try {
        configs.add(entry.config());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            RESOURCE + ", provider " + entry.id() + ": " + e.getMessage(), e);
      }
    }
    unambiguous(configs);
    return List.copyOf(configs);
  }

  // ModelRouter sends a bare name to the first provider claiming it; two claims on one name would
  // make the answer depend on the file's order, so the file may not contain any.
  private static void unambiguous(List<OpenAiWireConfig> configs) {
    Set<ProviderId> ids = new HashSet<>();
    Map<String, ProviderId> claimed = new LinkedHashMap<>();
    for (OpenAiWireConfig config : configs) {
      if (!ids.add(config.id())) {
        throw new IllegalStateException(RESOURCE + " declares " + config.id() + " twice");
      }
      for (String prefix : config.bareNamePrefixes()) {
        claimed.forEach(
            (other, owner) -> {
              if (prefix.startsWith(other) || other.startsWith(prefix)) {
                throw new IllegalStateException(
                    RESOURCE
                        + ": bare names starting '"
                        + prefix
                        + "' ("
                        + config.id()
                        + ") and '"
                        + other
                        + "' ("
                        + owner
                        + ") overlap");
              }
            });
        claimed.put(prefix, config.id());
      }
    }
  }
}
