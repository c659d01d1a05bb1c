package io.killtoken.domain.provider;

import io.killtoken.domain.error.InvalidRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The routing policy: {@code provider/model} is explicit; a bare model name goes to the one
 * provider whose name rule claims it. Unknown providers, unclaimed names and names two providers
 * claim are a clear 400.
 */
public final class ModelRouter {

  private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199}");

  private final Map<ProviderId, LlmProvider> providers = new LinkedHashMap<>();

  public ModelRouter(List<? extends LlmProvider> providers) {
    for (LlmProvider provider : providers) {
      if (this.providers.putIfAbsent(provider.id(), provider) != null) {
        throw new IllegalArgumentException("two provider modules claim " + provider.id());
      }
    }
  }

  public ModelRoute route(String requested) {
    if (requested == null || !MODEL.matcher(requested).matches()) {
      throw new InvalidRequest("'model' is missing or malformed.");
    }
    int slash = requested.indexOf('/');
    if (slash > 0) {
      String name = requested.substring(0, slash);
      LlmProvider explicit =
          providers.values().stream()
              .filter(p -> p.id().value().equals(name))
              .findFirst()
              .orElse(null);
      if (explicit != null) {
        return new ModelRoute(explicit.id(), requested.substring(slash + 1));
      }
    }
    List<ProviderId> claimants =
        providers.values().stream()
            .filter(p -> p.servesModel(requested))
            .map(LlmProvider::id)
            .toList();
    if (claimants.size() == 1) {
      return new ModelRoute(claimants.get(0), requested);
    }
    if (claimants.size() > 1) {
      // Never let class-path order decide which provider (and which of the tenant's keys) is used.
      throw new InvalidRequest(
          "Model '"
              + requested
              + "' is served by several providers "
              + claimants
              + "; use 'provider/model'.");
    }
    throw new InvalidRequest(
        "Unknown model '"
            + requested
            + "'. Use 'provider/model' with one of "
            + providers.keySet()
            + ".");
  }
}
