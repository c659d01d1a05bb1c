package io.killtoken.application.account;

/** Input of {@link LogIn}: unvalidated text from the request; never printed. */
public record LogInCommand(String email, String password, String clientIp) {

  @Override
  public String toString() {
    return "LogInCommand[redacted]";
  }
}
