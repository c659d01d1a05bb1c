package io.killtoken.application.apikey;

import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.apikey.ApiKeyLimits;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.tenant.TenantId;
import java.util.Optional;
import java.util.Set;

/** Input of {@link ManageApiKeys#update}: only the present fields change. */
public record UpdateApiKeyCommand(
    TenantId tenant,
    ApiKeyId id,
    Optional<String> name,
    Optional<Set<ApiKeyScope>> scopes,
    Optional<ApiKeyLimits> limits) {}
