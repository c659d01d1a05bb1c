package io.killtoken.adapters.http.account;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.killtoken.adapters.http.access.AdminAccess;
import io.killtoken.adapters.http.access.ClientAddress;
import io.killtoken.adapters.http.access.SessionCookie;
import io.killtoken.adapters.http.json.JsonBody;
import io.killtoken.adapters.http.json.Timestamps;
import io.killtoken.application.access.Caller;
import io.killtoken.application.account.AuthenticateSession;
import io.killtoken.application.account.ChangePassword;
import io.killtoken.application.account.ChangePasswordCommand;
import io.killtoken.application.account.CloseAccount;
import io.killtoken.application.account.CloseAccountCommand;
import io.killtoken.application.account.ClosedAccount;
import io.killtoken.application.account.LogIn;
import io.killtoken.application.account.LogInCommand;
import io.killtoken.application.account.ShowAccount;
import io.killtoken.application.account.SignUp;
import io.killtoken.application.account.SignUpCommand;
import io.killtoken.application.account.SignedIn;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.tenant.Tenant;
import io.killtoken.domain.user.User;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/v1/auth/*}: sign-up, login, logout, password change and "who am I"; {@code DELETE
 * /api/v1/account}: closing the account.
 */
public final class AccountRoutes {

  private final SignUp signUp;
  private final LogIn logIn;
  private final AuthenticateSession sessions;
  private final ChangePassword changePassword;
  private final ShowAccount showAccount;
  private final CloseAccount closeAccount;
  private final SessionCookie cookie;
  private final ClientAddress address;
  private final Duration sessionLifetime;

  public AccountRoutes(
      SignUp signUp,
      LogIn logIn,
      AuthenticateSession sessions,
      ChangePassword changePassword,
      ShowAccount showAccount,
      CloseAccount closeAccount,
      SessionCookie cookie,
      ClientAddress address,
      Duration sessionLifetime) {
    this.signUp = signUp;
    this.logIn = logIn;
    this.sessions = sessions;
    this.changePassword = changePassword;
    this.showAccount = showAccount;
    this.closeAccount = closeAccount;
    this.cookie = cookie;
    this.address = address;
    this.sessionLifetime = sessionLifetime;
  }

  public void register(JavalinConfig config) {
    config.routes.post("/api/v1/auth/signup", this::signUp);
    config.routes.post("/api/v1/auth/login", this::logIn);
    config.routes.post("/api/v1/auth/logout", this::logOut);
    config.routes.post("/api/v1/auth/password", this::changePassword);
    config.routes.get("/api/v1/auth/me", this::me);
    config.routes.delete("/api/v1/account", this::close);
  }

  private void signUp(Context ctx) {
    JsonBody body = JsonBody.read(ctx, Set.of("email", "password", "tenant_name"));
    SignedIn signedIn =
        signUp.signUp(
            new SignUpCommand(
                body.requiredText("email"),
                body.requiredText("password"),
                body.requiredText("tenant_name"),
                address.ip(ctx)));
    ctx.status(201);
    answer(ctx, signedIn);
  }

  private void logIn(Context ctx) {
    JsonBody body = JsonBody.read(ctx, Set.of("email", "password"));
    answer(
        ctx,
        logIn.logIn(
            new LogInCommand(
                body.requiredText("email"), body.requiredText("password"), address.ip(ctx))));
  }

  private void logOut(Context ctx) {
    if (!(AdminAccess.caller(ctx) instanceof Caller.WithSession withSession)) {
      throw new InvalidRequest(
          "Logout ends a dashboard session; revoke API keys under /api/v1/keys.");
    }
    sessions.end(withSession.session());
    cookie.clear(ctx);
    ctx.status(204);
  }

  private void changePassword(Context ctx) {
    if (!(AdminAccess.caller(ctx) instanceof Caller.WithSession withSession)) {
      throw new InvalidRequest("A password is changed from a dashboard session.");
    }
    JsonBody body = JsonBody.read(ctx, Set.of("current_password", "new_password"));
    answer(
        ctx,
        changePassword.change(
            new ChangePasswordCommand(
                withSession.session(),
                body.requiredText("current_password"),
                body.requiredText("new_password"),
                address.ip(ctx))));
  }

  private void close(Context ctx) {
    Caller caller = AdminAccess.caller(ctx);
    // A session confirms with its password; an admin key may send no body at all.
    boolean hasBody = ctx.contentLength() > 0 || ctx.contentType() != null;
    Optional<String> password =
        caller instanceof Caller.WithSession || hasBody
            ? JsonBody.read(ctx, Set.of("password")).text("password")
            : Optional.empty();
    ClosedAccount closed =
        closeAccount.close(new CloseAccountCommand(caller, password, address.ip(ctx)));
    if (caller instanceof Caller.WithSession) {
      cookie.clear(ctx);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tenant_id", closed.tenant().value());
    body.put("closed_at", Timestamps.iso(closed.closedAt()));
    body.put("usage_deletion_due", Timestamps.iso(closed.usageDeletionDue()));
    body.put("keys_revoked", closed.keysRevoked());
    body.put("sessions_ended", closed.sessionsEnded());
    body.put("credentials_deleted", closed.credentialsDeleted());
    ctx.header("Cache-Control", "no-store").json(body);
  }

  private void me(Context ctx) {
    Caller caller = AdminAccess.caller(ctx);
    ShowAccount.Account account = showAccount.show(caller);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tenant", tenant(account.tenant()));
    body.put("user", account.user().map(AccountRoutes::user).orElse(null));
    body.put("auth", caller instanceof Caller.WithSession ? "session" : "api_key");
    if (caller instanceof Caller.WithSession withSession) {
      body.put("csrf_token", sessions.csrfToken(withSession.session()));
    }
    ctx.header("Cache-Control", "no-store").json(body);
  }

  private void answer(Context ctx, SignedIn signedIn) {
    cookie.set(ctx, signedIn.cookieValue(), sessionLifetime);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user", user(signedIn.user()));
    body.put("tenant_id", signedIn.user().tenantId().value());
    body.put("csrf_token", signedIn.csrfToken());
    body.put("expires_at", Timestamps.iso(signedIn.session().expiresAt()));
    ctx.header("Cache-Control", "no-store").json(body);
  }

  private static Map<String, Object> tenant(Tenant tenant) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", tenant.id().value());
    view.put("name", tenant.name());
    view.put("plan", tenant.plan().name().toLowerCase(java.util.Locale.ROOT));
    view.put("created_at", Timestamps.iso(tenant.createdAt()));
    return view;
  }

  private static Map<String, Object> user(User user) {
    return Map.of("id", user.id().value(), "email", user.email().value());
  }
}
