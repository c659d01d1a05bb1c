package io.killtoken.application.account;

import io.killtoken.domain.session.Session;

/** Input of {@link ChangePassword}; never printed. */
public record ChangePasswordCommand(
    Session session, String currentPassword, String newPassword, String clientIp) {

  @Override
  public String toString() {
    return "ChangePasswordCommand[redacted]";
  }
}
