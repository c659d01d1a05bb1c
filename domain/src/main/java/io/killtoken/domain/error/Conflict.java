package io.killtoken.domain.error;

import java.util.Objects;

/**
 * The request conflicts with existing state, e.g. an email that is already registered (HTTP 409).
 */
public final class Conflict extends KillTokenException {

  private final String code;

  public Conflict(String message) {
    this("conflict", message);
  }

  /** A conflict with its own machine-readable code, e.g. {@code billing_not_configured}. */
  public Conflict(String code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public String code() {
    return code;
  }
}
