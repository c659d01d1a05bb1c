package io.killtoken.application.account;

import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;

/**
 * The result of closing an account: what was ended, and when the tenant's usage records are due for
 * deletion.
 */
public record ClosedAccount(
    TenantId tenant,
    Instant closedAt,
    Instant usageDeletionDue,
    long keysRevoked,
    long sessionsEnded,
    long credentialsDeleted,
    long usersDeleted) {}
