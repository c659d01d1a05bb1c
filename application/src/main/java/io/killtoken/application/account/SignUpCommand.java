package io.killtoken.application.account;

/** Input of {@link SignUp}: unvalidated text from the request; never printed. */
public record SignUpCommand(String email, String password, String tenantName, String clientIp) {

  @Override
  public String toString() {
    return "SignUpCommand[redacted]";
  }
}
