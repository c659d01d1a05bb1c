package io.killtoken.domain.provider;

/**
 * The service a provider adapter module registers (in {@code META-INF/services}): bootstrap finds
 * every module on the class path and builds its provider with the operator's settings.
 */
public interface ProviderModule {

  ProviderId id();

  LlmProvider create(ProviderSettings settings);
}
