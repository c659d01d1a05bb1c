package io.killtoken.domain.secret;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The redaction policy for any text that leaves the process as a log line or an error body: API
 * keys, provider keys, bearer tokens, Authorization headers, password fields, session cookies and
 * path-parameter values are replaced by {@code [REDACTED]}. Values are masked, names are kept.
 */
public final class Redaction {

  public static final String MASK = "[REDACTED]";

  private static final List<Pattern> SECRETS =
      List.of(
          // Authorization / x-api-key style headers, whatever the scheme.
          Pattern.compile(
              "(?i)((?:proxy-)?authorization|x-api-key|api[_-]?key|x-goog-api-key|cookie|set-cookie)"
                  + "(\"?\\s*[:=]\\s*\"?)([^\"\\r\\n,}]+)"),
          // password / secret / token fields in JSON, query strings or key=value text.
          Pattern.compile(
              "(?i)(\"?(?:password|passwd|secret|token|client_secret|new_password)\"?)"
                  + "(\\s*[:=]\\s*\"?)([^\"&\\s,}]+)"),
          Pattern.compile("(?i)(bearer)(\\s+)([A-Za-z0-9._~+/=-]+)"),
          // The session cookie and its kin wherever they show up, e.g. as a path parameter.
          Pattern.compile(
              "(?i)(kt_session|jsessionid|session_?id|csrf[_-]?token)"
                  + "(\\s*=\\s*)([^\\s;&,\"}/?#]+)"),
          // Any path parameter (";name=value"): KillToken reads none, so no value is kept.
          Pattern.compile("(;[^\\s/;?#\"=]+)(=)([^\\s/;?#\"&,}]+)"));

  private static final Pattern TOKENS =
      Pattern.compile(
          // kt_ keys, but not the name of the kt_session cookie: redact values, not names.
          "kt_(?!session(?![A-Za-z0-9]))[A-Za-z0-9]{6,}"
              + "|sk-ant-[A-Za-z0-9_-]{6,}"
              + "|sk-[A-Za-z0-9_-]{6,}"
              + "|AIza[0-9A-Za-z_-]{10,}"
              + "|(?:sk|rk|pk|whsec)_(?:live|test)_[A-Za-z0-9]{6,}"
              + "|whsec_[A-Za-z0-9]{6,}");

  private Redaction() {}

  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (Pattern field : SECRETS) {
      Matcher m = field.matcher(out);
      out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + MASK));
    }
    return TOKENS.matcher(out).replaceAll(MASK);
  }
}
