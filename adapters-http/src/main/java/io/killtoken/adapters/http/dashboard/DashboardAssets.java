package io.killtoken.adapters.http.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's files, read from the jar: its page, its own modules and styles, and uPlot from
 * its WebJar (so the dashboard works with no internet). A path is looked up only when it is plain
 * (lower-case names, no {@code ..}) and of a served type; each file is read once.
 */
public final class DashboardAssets {

  private static final String OWN = "io/killtoken/adapters/http/dashboard/";
  private static final String UPLOT = "vendor/uplot/";
  private static final Pattern PLAIN = Pattern.compile("([a-z0-9-]+/)*[a-zA-Z0-9.-]+");
  private static final Map<String, String> TYPES =
      Map.of(
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "txt", "text/plain; charset=utf-8");

  private final ClassLoader loader = DashboardAssets.class.getClassLoader();

  /** Files found, each read once; a miss is not kept, so random paths cannot fill memory. */
  private final Map<String, Asset> read = new ConcurrentHashMap<>();

  private final byte[] page;
  private final String uplotRoot;

  /** A file as served: its bytes and content type. */
  record Asset(byte[] bytes, String contentType) {}

  public DashboardAssets() {
    this.page = bytes(OWN + "index.html").orElseThrow(() -> missing("index.html"));
    this.uplotRoot = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
  }

  byte[] page() {
    return page;
  }

  Optional<Asset> find(String path) {
    if (!PLAIN.matcher(path).matches() || path.contains("..")) {
      return Optional.empty();
    }
    String type = TYPES.get(path.substring(path.lastIndexOf('.') + 1));
    if (type == null) {
      return Optional.empty();
    }
    Asset known = read.get(path);
    if (known != null) {
      return Optional.of(known);
    }
    String resource =
        path.startsWith(UPLOT)
            ? uplotRoot + path.substring(UPLOT.length())
            : OWN + "assets/" + path;
    Optional<Asset> found = bytes(resource).map(b -> new Asset(b, type));
    found.ifPresent(asset -> read.put(path, asset));
    return found;
  }

  /** How many files are held. */
  int held() {
    return read.size();
  }

  private String uplotVersion() {
    Properties pom = new Properties();
    try (InputStream in =
        loader.getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      if (in == null) {
        throw missing("the uPlot WebJar");
      }
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pom.getProperty("version");
  }

  private Optional<byte[]> bytes(String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static IllegalStateException missing(String what) {
    return new IllegalStateException(what + " is not on the class path: the jar is incomplete");
  }
}
