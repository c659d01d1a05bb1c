package io.killtoken.adapters.mongo.credential;

import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.tenant.TenantId;
import java.net.URI;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * Maps a {@link Credential} to its stored shape and back: the sealed ciphertext (base64) and the
 * preview, never the provider key itself; times as BSON dates; the base URL as text, and only when
 * there is one, so documents written before it existed read as credentials without one.
 */
final class CredentialDocuments {

  static final String ID = "_id";
  static final String TENANT_ID = "tenantId";
  static final String PROVIDER = "provider";
  static final String LABEL = "label";
  static final String SEALED_SECRET = "sealedSecret";
  static final String PREVIEW = "preview";
  static final String CREATED_AT = "createdAt";
  static final String ROTATED_AT = "rotatedAt";
  static final String BASE_URL = "baseUrl";

  private CredentialDocuments() {}

  static Document toDocument(Credential credential) {
    Document document =
        new Document(ID, credential.id().value())
            .append(TENANT_ID, credential.tenantId().value())
            .append(PROVIDER, credential.provider().value())
            .append(LABEL, credential.label())
            .append(SEALED_SECRET, credential.secret().base64())
            .append(PREVIEW, credential.preview())
            .append(CREATED_AT, Date.from(credential.createdAt()))
            .append(ROTATED_AT, Date.from(credential.rotatedAt()));
    credential.baseUrl().ifPresent(url -> document.append(BASE_URL, url.toString()));
    return document;
  }

  static Credential fromDocument(Document document) {
    Object id = document.get(ID);
    try {
      return new Credential(
          new CredentialId(document.getString(ID)),
          new TenantId(document.getString(TENANT_ID)),
          new ProviderId(document.getString(PROVIDER)),
          document.getString(LABEL),
          new SealedSecret(document.getString(SEALED_SECRET)),
          document.getString(PREVIEW),
          document.getDate(CREATED_AT).toInstant(),
          document.getDate(ROTATED_AT).toInstant(),
          Optional.ofNullable(document.getString(BASE_URL)).map(URI::create));
    } catch (RuntimeException e) {
      // Fail loudly with the record at fault rather than call a provider with a half-read one.
      throw new IllegalStateException(
          "stored credential " + id + " does not have the credential shape", e);
    }
  }
}
