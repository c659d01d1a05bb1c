package io.killtoken.domain.credential;

import io.killtoken.domain.error.InvalidRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A base URL that passed the syntax rules, normalised: the text a tenant sent is never used as is.
 * An IP literal is parsed here, never handed to a resolver, and every numeric host but a plain
 * dotted quad is refused: {@code 2130706433}, {@code 0177.0.0.1} and {@code 0x7f.1} mean 127.0.0.1
 * to curl and browsers but other things (or a DNS lookup) to Java, and such parser differences are
 * how SSRF filters are bypassed.
 *
 * @param literal the address when the host is an IP literal, empty for a DNS name
 */
record BaseUrlShape(URI url, String host, Optional<InetAddress> literal) {

  static final int MAX_LENGTH = 2048;

  private static final String FIELD = "'base_url' ";
  private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,;=:@-]+)*/?");
  private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9A-Fa-f]*");
  private static final Pattern DOTTED_QUAD =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

  /**
   * @throws InvalidRequest naming {@code base_url} and the rule it breaks
   */
  static BaseUrlShape parse(String raw, boolean httpAllowed) {
    String text = raw.strip();
    if (text.isEmpty() || text.length() > MAX_LENGTH) {
      throw refused("must be an absolute URL of 1 to " + MAX_LENGTH + " characters.");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw refused("must be an absolute URL, e.g. https://llm.example.com/v1.");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.isOpaque() || !(scheme.equals("https") || httpAllowed && scheme.equals("http"))) {
      throw refused(
          httpAllowed
              ? "must be an absolute http or https URL."
              : "must be an absolute https URL (http only where the operator allows private"
                  + " networks).");
    }
    if (uri.getRawUserInfo() != null) {
      throw refused("must not contain user info; the key goes in 'secret'.");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw refused("must not have a query or a fragment.");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw refused("must have a port from 1 to 65535, or none.");
    }
    String host = uri.getHost();
    if (host == null || host.length() > 253 || host.contains("%") || host.endsWith(".")) {
      throw refused(
          "must name a host: a DNS name, a dotted IPv4 address or a bracketed IPv6 address"
              + " (no decimal, octal or hex forms, no zone, no trailing dot).");
    }
    host = host.toLowerCase(Locale.ROOT);
    Optional<InetAddress> literal = literal(host);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!PATH.matcher(path).matches() || path.matches(".*/\\.{1,2}(/.*)?")) {
      throw refused("must have a plain path: no '.' or '..' segments, no empty segments, no %.");
    }
    String normal =
        scheme
            + "://"
            + host
            + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
            + path.replaceAll("/$", "");
    return new BaseUrlShape(URI.create(normal), host, literal);
  }

  private static Optional<InetAddress> literal(String host) {
    if (host.startsWith("[")) {
      return Optional.of(parsed(host.substring(1, host.length() - 1)));
    }
    String last = host.substring(host.lastIndexOf('.') + 1);
    if (!NUMERIC_LABEL.matcher(last).matches()) {
      return Optional.empty();
    }
    if (!DOTTED_QUAD.matcher(host).matches()) {
      throw refused(
          "must name a host: a DNS name, a dotted IPv4 address or a bracketed IPv6 address"
              + " (no decimal, octal or hex forms, no zone, no trailing dot).");
    }
    byte[] bytes = new byte[4];
    String[] parts = host.split("\\.");
    for (int i = 0; i < 4; i++) {
      bytes[i] = (byte) Integer.parseInt(parts[i]);
    }
    return Optional.of(address(bytes));
  }

  /** A literal the URI parser already accepted as IPv6: the JDK parses it without a lookup. */
  private static InetAddress parsed(String ipv6) {
    try {
      return InetAddress.getByName(ipv6);
    } catch (UnknownHostException e) {
      throw refused("must have a valid IPv6 address in brackets.");
    }
  }

  private static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  private static InvalidRequest refused(String rule) {
    return new InvalidRequest(FIELD + rule);
  }
}
