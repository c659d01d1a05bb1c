package io.killtoken.domain.provider;

import java.util.List;

/**
 * The service a provider adapter module registers (in {@code META-INF/services}): bootstrap finds
 * every module on the class path and builds each of its providers with the operator's settings.
 * Most modules offer one provider; a module for a shared wire format may offer several.
 */
public interface ProviderModule {

  /** The providers this module offers. */
  List<ProviderId> ids();

  /** Builds one of {@link #ids()} with the operator's settings for it. */
  LlmProvider create(ProviderId id, ProviderSettings settings);
}
