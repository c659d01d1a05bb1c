package io.killtoken.application.settings;

import io.killtoken.domain.settings.CacheMode;
import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.util.Optional;

/** Input of {@link ManageSettings#update}: only the present fields change. */
public record UpdateSettingsCommand(
    TenantId tenant,
    Optional<Boolean> promptStorage,
    Optional<CacheMode> cacheMode,
    Optional<Duration> cacheTtl,
    Optional<Integer> retentionDays,
    Optional<Boolean> plainEndUserIds) {}
