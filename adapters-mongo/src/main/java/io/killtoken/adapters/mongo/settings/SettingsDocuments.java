package io.killtoken.adapters.mongo.settings;

import io.killtoken.domain.settings.CacheMode;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import org.bson.Document;

/**
 * Maps {@link TenantSettings} to their stored shape and back: {@code _id} is the tenant id, the
 * cache mode its name, the cache time to live whole seconds as an int64.
 */
final class SettingsDocuments {

  static final String ID = "_id";
  static final String PROMPT_STORAGE = "promptStorage";
  static final String CACHE_MODE = "cacheMode";
  static final String CACHE_TTL_SECONDS = "cacheTtlSeconds";
  static final String RETENTION_DAYS = "retentionDays";
  static final String PLAIN_END_USER_IDS = "plainEndUserIds";

  private SettingsDocuments() {}

  static Document toDocument(TenantSettings settings) {
    return new Document(ID, settings.tenantId().value())
        .append(PROMPT_STORAGE, settings.promptStorage())
        .append(CACHE_MODE, settings.cacheMode().name())
        .append(CACHE_TTL_SECONDS, settings.cacheTtl().toSeconds())
        .append(RETENTION_DAYS, settings.retentionDays())
        .append(PLAIN_END_USER_IDS, settings.plainEndUserIds());
  }

  static TenantSettings fromDocument(Document document) {
    Object id = document.get(ID);
    try {
      return new TenantSettings(
          new TenantId(document.getString(ID)),
          document.getBoolean(PROMPT_STORAGE),
          CacheMode.valueOf(document.getString(CACHE_MODE)),
          Duration.ofSeconds(document.getLong(CACHE_TTL_SECONDS)),
          document.getInteger(RETENTION_DAYS),
          // Settings saved before the choice existed keep the private default.
          document.getBoolean(PLAIN_END_USER_IDS, false));
    } catch (RuntimeException e) {
      // Fail loudly rather than guess: a wrong guess could switch prompt storage on.
      throw new IllegalStateException(
          "stored settings " + id + " do not have the settings shape", e);
    }
  }
}
