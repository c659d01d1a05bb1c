package io.killtoken.application.apikey;

import io.killtoken.application.testing.TestClock;
import io.killtoken.domain.apikey.ApiKeyFormat;
import io.killtoken.domain.apikey.ApiKeyLimits;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.apikey.InMemoryApiKeyRepository;
import io.killtoken.domain.tenant.TenantId;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/** The API key use cases on an in-memory store, with a background executor that runs at once. */
final class ApiKeyFixture {

  final TenantId tenantA = TenantId.random();
  final TenantId tenantB = TenantId.random();
  final TestClock clock = new TestClock();
  final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository();
  final AtomicInteger backgroundTasks = new AtomicInteger();
  final Executor direct =
      task -> {
        backgroundTasks.incrementAndGet();
        task.run();
      };
  final IssueApiKey issue = new IssueApiKey(keys, new ApiKeyFormat(new SecureRandom()), clock);
  final AuthenticateApiKey authenticate = new AuthenticateApiKey(keys, clock, direct);
  final ManageApiKeys manage = new ManageApiKeys(keys);

  IssuedApiKey issue(TenantId tenant, String name, ApiKeyScope... scopes) {
    return issue.issue(new IssueApiKeyCommand(tenant, name, Set.of(scopes), ApiKeyLimits.NONE));
  }
}
