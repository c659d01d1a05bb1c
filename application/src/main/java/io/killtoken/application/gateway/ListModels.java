package io.killtoken.application.gateway;

import io.killtoken.domain.credential.CredentialRepository;
import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ModelRoute;
import io.killtoken.domain.provider.ModelRouter;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;

/**
 * Use case: the models a tenant can call — those of the providers it holds a credential for. A
 * model is listed by its bare name when that name routes to its provider, else as {@code
 * provider/model}.
 */
public final class ListModels {

  private final List<LlmProvider> providers;
  private final ModelRouter router;
  private final CredentialRepository credentials;

  public ListModels(List<LlmProvider> providers, CredentialRepository credentials) {
    this.providers = List.copyOf(providers);
    this.router = new ModelRouter(providers);
    this.credentials = credentials;
  }

  /** One callable model and the provider behind it. */
  public record Model(String id, ProviderId provider) {}

  public List<Model> list(TenantId tenant) {
    List<Model> models = new ArrayList<>();
    for (LlmProvider provider : providers) {
      if (credentials.findForProvider(tenant, provider.id()).isEmpty()) {
        continue;
      }
      for (String model : provider.models()) {
        models.add(new Model(name(provider.id(), model), provider.id()));
      }
    }
    return models;
  }

  private String name(ProviderId provider, String model) {
    try {
      ModelRoute bare = router.route(model);
      if (bare.provider().equals(provider)) {
        return model;
      }
    } catch (RuntimeException unrouted) {
      // listed with its provider prefix below
    }
    return provider.value() + "/" + model;
  }
}
