package io.killtoken.application.apikey;

import io.killtoken.domain.DisplayName;
import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyFormat;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.apikey.ApiKeyRepository;
import io.killtoken.domain.apikey.PlainApiKey;
import io.killtoken.domain.error.InvalidRequest;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Use case: creates an API key; the full key exists only in the result, the store gets its hash.
 */
public final class IssueApiKey {

  private final ApiKeyRepository keys;
  private final ApiKeyFormat format;
  private final InstantSource clock;

  public IssueApiKey(ApiKeyRepository keys, ApiKeyFormat format, InstantSource clock) {
    this.keys = keys;
    this.format = format;
    this.clock = clock;
  }

  public IssuedApiKey issue(IssueApiKeyCommand command) {
    if (command.scopes() == null || command.scopes().isEmpty()) {
      throw new InvalidRequest("'scopes' needs at least one of 'gateway', 'admin'.");
    }
    PlainApiKey plain = format.generate();
    ApiKey key =
        new ApiKey(
            ApiKeyId.random(),
            command.tenant(),
            DisplayName.check("name", command.name()),
            ApiKeyFormat.hash(plain),
            ApiKeyFormat.preview(plain),
            command.scopes(),
            command.limits(),
            clock.instant(),
            Optional.empty());
    keys.save(key);
    return new IssuedApiKey(key, plain);
  }
}
