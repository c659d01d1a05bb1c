package io.killtoken.application.apikey;

import io.killtoken.domain.apikey.ApiKeyLimits;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.tenant.TenantId;
import java.util.Set;

/** Input of {@link IssueApiKey}. */
public record IssueApiKeyCommand(
    TenantId tenant, String name, Set<ApiKeyScope> scopes, ApiKeyLimits limits) {}
