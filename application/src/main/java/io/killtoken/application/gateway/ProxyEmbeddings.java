package io.killtoken.application.gateway;

import io.killtoken.domain.provider.EmbeddingAnswer;
import io.killtoken.domain.provider.EmbeddingCall;
import io.killtoken.domain.usage.UsageStatus;
import java.util.List;
import java.util.Optional;

/**
 * Use case: proxies one embeddings call through {@link GatewayCalls} — limits, strict BYOK,
 * retries, one usage record per attempt. The key's fallback models are chat models, so an
 * embeddings call has none.
 */
public final class ProxyEmbeddings {

  private final GatewayCalls calls;

  public ProxyEmbeddings(GatewayCalls calls) {
    this.calls = calls;
  }

  public EmbeddingAnswer embed(EmbeddingCommand command) {
    GatewayRequest request =
        new GatewayRequest(
            command.key(),
            command.model(),
            command.body(),
            command.inputText(),
            false,
            List.of(),
            command.labels());
    return calls.run(
        request,
        () -> false,
        target -> {
          EmbeddingAnswer answer =
              target
                  .provider()
                  .embed(
                      new EmbeddingCall(
                          target.route().model(),
                          command.body(),
                          target.access().key(),
                          target.access().baseUrl()));
          return new Attempted<>(answer, answer.usage(), UsageStatus.OK, false, Optional.empty());
        });
  }
}
