package io.killtoken.application.apikey;

import io.killtoken.domain.DisplayName;
import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.apikey.ApiKeyRepository;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.error.NotFound;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.tenant.TenantId;

/**
 * Use cases on a tenant's existing keys: list, show, update, revoke. Another tenant's key id is
 * answered exactly like an id that does not exist.
 */
public final class ManageApiKeys {

  private final ApiKeyRepository keys;

  public ManageApiKeys(ApiKeyRepository keys) {
    this.keys = keys;
  }

  public Page<ApiKey> list(TenantId tenant, PageRequest page) {
    return keys.list(tenant, page);
  }

  public ApiKey show(TenantId tenant, ApiKeyId id) {
    return keys.find(tenant, id).orElseThrow(ManageApiKeys::notFound);
  }

  public ApiKey update(UpdateApiKeyCommand command) {
    ApiKey key = show(command.tenant(), command.id());
    if (command.name().isPresent()) {
      key = key.withName(DisplayName.check("name", command.name().get()));
    }
    if (command.scopes().isPresent()) {
      if (command.scopes().get().isEmpty()) {
        throw new InvalidRequest("'scopes' needs at least one of 'gateway', 'admin'.");
      }
      key = key.withScopes(command.scopes().get());
    }
    if (command.limits().isPresent()) {
      key = key.withLimits(command.limits().get());
    }
    if (!keys.replace(key)) {
      throw notFound();
    }
    return key;
  }

  /** Revokes the key; the next request presenting it is refused. */
  public void revoke(TenantId tenant, ApiKeyId id) {
    if (!keys.delete(tenant, id)) {
      throw notFound();
    }
  }

  private static NotFound notFound() {
    return new NotFound("No API key with this id.");
  }
}
