package io.killtoken.application.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.killtoken.application.access.Caller;
import io.killtoken.application.apikey.IssueApiKey;
import io.killtoken.application.apikey.IssueApiKeyCommand;
import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyFormat;
import io.killtoken.domain.apikey.ApiKeyLimits;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.apikey.InMemoryApiKeyRepository;
import io.killtoken.domain.error.Unauthenticated;
import io.killtoken.domain.tenant.TenantId;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShowAccountTest {

  private final AccountFixture f = new AccountFixture();

  private ApiKey adminKeyOf(TenantId tenant) {
    return new IssueApiKey(
            new InMemoryApiKeyRepository(), new ApiKeyFormat(new SecureRandom()), f.clock)
        .issue(new IssueApiKeyCommand(tenant, "ci", Set.of(ApiKeyScope.ADMIN), ApiKeyLimits.NONE))
        .key();
  }

  @Test
  void a_session_caller_sees_its_tenant_and_its_user() {
    SignedIn alice = f.signUp("alice@example.com");
    f.signUp("bob@example.com");

    ShowAccount.Account account = f.showAccount.show(new Caller.WithSession(alice.session()));

    assertEquals(alice.user().tenantId(), account.tenant().id());
    assertEquals("Acme", account.tenant().name());
    assertEquals(alice.user().id(), account.user().orElseThrow().id());
    assertEquals("alice@example.com", account.user().orElseThrow().email().value());
  }

  @Test
  void an_api_key_caller_sees_its_tenant_and_no_user() {
    SignedIn alice = f.signUp("alice@example.com");

    ShowAccount.Account account =
        f.showAccount.show(new Caller.WithApiKey(adminKeyOf(alice.user().tenantId())));

    assertEquals(alice.user().tenantId(), account.tenant().id());
    assertEquals(Optional.empty(), account.user());
  }

  @Test
  void a_caller_whose_tenant_does_not_exist_is_unauthenticated() {
    assertThrows(
        Unauthenticated.class,
        () -> f.showAccount.show(new Caller.WithApiKey(adminKeyOf(TenantId.random()))));
  }
}
