package io.killtoken.adapters.mongo.apikey;

import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyHash;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.apikey.ApiKeyLimits;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.tenant.TenantId;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * Maps an {@link ApiKey} to its stored shape and back: the key's SHA-256 hex and preview (never the
 * key), scopes by name, the budget as int64 micro-dollars, times as BSON dates. A limit or use that
 * is not set is stored as null, so every document has the same fields.
 */
final class ApiKeyDocuments {

  static final String ID = "_id";
  static final String TENANT_ID = "tenantId";
  static final String NAME = "name";
  static final String HASH = "hash";
  static final String PREVIEW = "preview";
  static final String SCOPES = "scopes";
  static final String REQUESTS_PER_MINUTE = "requestsPerMinute";
  static final String MONTHLY_BUDGET_MICROS = "monthlyBudgetMicros";
  static final String END_USER_BUDGET_MICROS = "endUserMonthlyBudgetMicros";
  static final String ALLOWED_MODELS = "allowedModels";
  static final String FALLBACK_MODELS = "fallbackModels";
  static final String CREATED_AT = "createdAt";
  static final String LAST_USED_AT = "lastUsedAt";

  private ApiKeyDocuments() {}

  static Document toDocument(ApiKey key) {
    ApiKeyLimits limits = key.limits();
    OptionalInt rpm = limits.requestsPerMinute();
    return new Document(ID, key.id().value())
        .append(TENANT_ID, key.tenantId().value())
        .append(NAME, key.name())
        .append(HASH, key.hash().hex())
        .append(PREVIEW, key.preview())
        // Sorted, so that the same key is always the same document.
        .append(SCOPES, key.scopes().stream().map(ApiKeyScope::name).sorted().toList())
        .append(REQUESTS_PER_MINUTE, rpm.isPresent() ? Integer.valueOf(rpm.getAsInt()) : null)
        .append(MONTHLY_BUDGET_MICROS, limits.monthlyBudget().map(MicroDollars::value).orElse(null))
        .append(
            END_USER_BUDGET_MICROS,
            limits.endUserMonthlyBudget().map(MicroDollars::value).orElse(null))
        .append(ALLOWED_MODELS, limits.allowedModels().stream().sorted().toList())
        // In the order they are tried.
        .append(FALLBACK_MODELS, limits.fallbackModels())
        .append(CREATED_AT, Date.from(key.createdAt()))
        .append(LAST_USED_AT, key.lastUsedAt().map(Date::from).orElse(null));
  }

  static ApiKey fromDocument(Document document) {
    Object id = document.get(ID);
    try {
      Integer rpm = document.getInteger(REQUESTS_PER_MINUTE);
      Long budget = document.getLong(MONTHLY_BUDGET_MICROS);
      // Keys stored before budgets per end user existed have none.
      Long perUser = document.getLong(END_USER_BUDGET_MICROS);
      ApiKeyLimits limits =
          new ApiKeyLimits(
              rpm == null ? OptionalInt.empty() : OptionalInt.of(rpm),
              Optional.ofNullable(budget).map(MicroDollars::new),
              Set.copyOf(document.getList(ALLOWED_MODELS, String.class)),
              // Keys stored before fallbacks existed have none.
              document.getList(FALLBACK_MODELS, String.class, List.of()),
              Optional.ofNullable(perUser).map(MicroDollars::new));
      return new ApiKey(
          new ApiKeyId(document.getString(ID)),
          new TenantId(document.getString(TENANT_ID)),
          document.getString(NAME),
          new ApiKeyHash(document.getString(HASH)),
          document.getString(PREVIEW),
          document.getList(SCOPES, String.class).stream()
              .map(ApiKeyScope::valueOf)
              .collect(Collectors.toSet()),
          limits,
          document.getDate(CREATED_AT).toInstant(),
          Optional.ofNullable(document.getDate(LAST_USED_AT)).map(Date::toInstant));
    } catch (RuntimeException e) {
      // Fail loudly with the record at fault rather than authenticate with a half-read key.
      throw new IllegalStateException("stored API key " + id + " does not have the key shape", e);
    }
  }
}
