package io.killtoken.domain.secret;

import io.killtoken.domain.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The owner a ciphertext is bound to, used as AEAD associated data: a ciphertext copied onto
 * another tenant's or another record's row does not decrypt.
 */
public record SecretBinding(TenantId tenant, String recordId) {

  public SecretBinding {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(recordId, "recordId");
  }

  public byte[] associatedData() {
    return ("killtoken|tenant=" + tenant.value() + "|record=" + recordId)
        .getBytes(StandardCharsets.UTF_8);
  }
}
