package io.killtoken.application.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.credential.InMemoryCredentialRepository;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListModelsTest {

  private final InMemoryCredentialRepository credentials = new InMemoryCredentialRepository();
  private final ListModels models = new ListModels(List.of(new ScriptedProvider()), credentials);

  @Test
  void a_tenant_sees_the_models_of_providers_it_holds_a_credential_for_only() {
    TenantId holder = TenantId.random();
    credentials.save(
        new Credential(
            CredentialId.random(),
            holder,
            new ProviderId("scripted"),
            "main",
            new SealedSecret("c2VhbGVk"),
            "sk-…",
            Instant.EPOCH,
            Instant.EPOCH));

    assertEquals(
        List.of("s-small", "s-large"),
        models.list(holder).stream().map(ListModels.Model::id).toList());
    assertTrue(models.list(TenantId.random()).isEmpty());
  }
}
