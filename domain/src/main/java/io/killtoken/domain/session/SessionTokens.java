package io.killtoken.domain.session;

import io.killtoken.domain.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The session cookie policy: a cookie value is a 256-bit random token and its HMAC-SHA256 under the
 * server's signing key ({@code token.signature}). A tampered or made-up cookie is refused before
 * any lookup; the stored session id is the SHA-256 of the token. A session's CSRF token is an HMAC
 * of its id under the same key, so nothing stored (not even the id) yields it.
 */
public final class SessionTokens {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}");

  private final SessionSigningKey key;
  private final SecureRandom random;

  public SessionTokens(SessionSigningKey key, SecureRandom random) {
    this.key = key;
    this.random = random;
  }

  /** A new cookie value and the id its session is stored under. */
  public Issued issue() {
    String token = B64.encodeToString(randomBytes());
    return new Issued(token + "." + sign(token), idOf(token));
  }

  /**
   * The CSRF token of a session: derived, never stored, so a copy of the sessions collection holds
   * no token a forged request could echo. The purpose prefix keeps it apart from cookie signatures.
   */
  public String csrfTokenFor(SessionId id) {
    return B64.encodeToString(Digests.hmacSha256(key.bytes(), "csrf-token:" + id.hex()));
  }

  /** The session id a cookie value stands for, when its signature holds. */
  public Optional<SessionId> verify(String cookieValue) {
    if (cookieValue == null || !SHAPE.matcher(cookieValue).matches()) {
      return Optional.empty();
    }
    int dot = cookieValue.indexOf('.');
    String token = cookieValue.substring(0, dot);
    byte[] expected = sign(token).getBytes(StandardCharsets.US_ASCII);
    byte[] presented = cookieValue.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, presented) ? Optional.of(idOf(token)) : Optional.empty();
  }

  private byte[] randomBytes() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return bytes;
  }

  private String sign(String token) {
    return B64.encodeToString(Digests.hmacSha256(key.bytes(), token));
  }

  private static SessionId idOf(String token) {
    return new SessionId(HexFormat.of().formatHex(Digests.sha256(token)));
  }

  /** A freshly issued session cookie value (secret) and the id stored server-side. */
  public record Issued(String cookieValue, SessionId id) {

    @Override
    public String toString() {
      return "Issued[redacted]";
    }
  }
}
