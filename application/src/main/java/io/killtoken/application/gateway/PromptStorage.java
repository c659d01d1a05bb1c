package io.killtoken.application.gateway;

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
 * Prompt privacy by default: a usage record carries its prompt text only when the tenant turned
 * prompt storage on, and then sealed with the credentials' AEAD, bound to the tenant and the record
 * id — so it is ciphertext in MongoDB, and a copy moved to another record does not open.
 */
public final class PromptStorage {

  /** Storage that never keeps a prompt, for tests and tools without tenant settings. */
  public static final PromptStorage NEVER = new PromptStorage(null, null);

  private final SettingsRepository settings;
  private final SecretCipher cipher;

  public PromptStorage(SettingsRepository settings, SecretCipher cipher) {
    this.settings = settings;
    this.cipher = cipher;
  }

  /** The sealed prompt for the record, or empty when the tenant keeps prompts private. */
  Optional<SealedSecret> seal(TenantId tenant, UsageId record, String promptText) {
    if (settings == null || promptText.isEmpty()) {
      return Optional.empty();
    }
    boolean on =
        settings.find(tenant).orElseGet(() -> TenantSettings.defaults(tenant)).promptStorage();
    if (!on) {
      return Optional.empty();
    }
    return Optional.of(
        cipher.seal(new PlainSecret(promptText), new SecretBinding(tenant, record.value())));
  }
}
