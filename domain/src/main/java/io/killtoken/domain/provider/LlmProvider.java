package io.killtoken.domain.provider;

/**
 * Port: one LLM provider, implemented by one adapter module and discovered at startup (adding a
 * provider means adding a module). The gateway issue adds the call methods.
 */
public interface LlmProvider {

  ProviderId id();

  /** The provider's own name rule for bare model names, e.g. {@code gpt-*} for OpenAI. */
  boolean servesModel(String model);
}
