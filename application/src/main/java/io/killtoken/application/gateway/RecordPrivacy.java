package io.killtoken.application.gateway;

import io.killtoken.domain.fingerprint.EndUserIds;
import io.killtoken.domain.fingerprint.FingerprintKey;
import io.killtoken.domain.secret.PlainSecret;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.secret.SecretBinding;
import io.killtoken.domain.secret.SecretCipher;
import io.killtoken.domain.settings.SettingsRepository;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.UsageId;
import java.util.Optional;

/**
 * Privacy by default for what a usage record keeps. Its prompt text only when the tenant turned
 * prompt storage on, and then sealed with the credentials' AEAD, bound to the tenant and the record
 * id — so it is ciphertext in MongoDB, and a copy moved to another record does not open. Its
 * end-user id as a keyed hash ({@link EndUserIds}) unless the tenant chose plain ids.
 */
public final class RecordPrivacy {

  /**
   * Privacy that never keeps a prompt and always hashes end-user ids, for tests and tools without
   * tenant settings.
   */
  public static final RecordPrivacy NEVER = new RecordPrivacy(null, null);

  private final SettingsRepository settings;
  private final SecretCipher cipher;

  public RecordPrivacy(SettingsRepository settings, SecretCipher cipher) {
    this.settings = settings;
    this.cipher = cipher;
  }

  /**
   * The tenant's settings, read once per call: the cache's part and every record of the call follow
   * them (each read costs a look at the shared change counter, ADR 0008).
   */
  TenantSettings settingsOf(TenantId tenant) {
    if (settings == null) {
      return TenantSettings.defaults(tenant);
    }
    return settings.find(tenant).orElseGet(() -> TenantSettings.defaults(tenant));
  }

  /** The sealed prompt for the record, or empty when the tenant keeps prompts private. */
  Optional<SealedSecret> seal(TenantSettings chosen, UsageId record, String promptText) {
    if (!chosen.promptStorage() || promptText.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        cipher.seal(
            new PlainSecret(promptText), new SecretBinding(chosen.tenantId(), record.value())));
  }

  /** The end-user id as the record keeps it: as sent only when the tenant chose plain ids. */
  String endUser(TenantSettings chosen, FingerprintKey key, String endUser) {
    return chosen.plainEndUserIds() ? endUser : EndUserIds.hashed(key, endUser);
  }
}
