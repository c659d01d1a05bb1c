package io.killtoken.domain.error;

/** The caller is authenticated but lacks the scope for this action (HTTP 403). */
public final class PermissionDenied extends KillTokenException {

  public PermissionDenied(String message) {
    super(message);
  }
}
