package io.killtoken.application.account;

import io.killtoken.application.access.Caller;
import java.util.Objects;
import java.util.Optional;

/**
 * Input of {@link CloseAccount}: who asks, and the password a dashboard session must confirm with
 * (an admin API key needs none); never printed.
 */
public record CloseAccountCommand(Caller caller, Optional<String> password, String clientIp) {

  public CloseAccountCommand {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "CloseAccountCommand[redacted]";
  }
}
