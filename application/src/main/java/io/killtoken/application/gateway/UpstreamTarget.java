package io.killtoken.application.gateway;

import io.killtoken.domain.credential.UpstreamAccess;
import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.ModelRoute;

/** One attempt's destination: the routed model, its provider, and the tenant's own access to it. */
record UpstreamTarget(ModelRoute route, LlmProvider provider, UpstreamAccess access) {}
