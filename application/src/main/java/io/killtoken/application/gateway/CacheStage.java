package io.killtoken.application.gateway;

import io.killtoken.domain.cache.CachedAnswer;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ModelRoute;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.usage.CacheResult;
import java.util.Optional;

/** What the exact-response cache does for one call of {@link GatewayCalls}. */
interface CacheStage<T> {

  /** A cache that is never consulted (embeddings, and calls the tenant's settings exclude). */
  static <T> CacheStage<T> bypass() {
    return new CacheStage<>() {
      @Override
      public Lookup lookup(TenantSettings chosen, ModelRoute route) {
        return Lookup.BYPASS;
      }

      @Override
      public T serve(CachedAnswer hit) {
        throw new IllegalStateException("a bypassed cache has no hits");
      }

      @Override
      public void keep(T answer, ModelRoute route, MicroDollars cost) {}

      @Override
      public void done() {}
    };
  }

  /**
   * Consults the cache for the requested model's route, before any limit or upstream call, as the
   * tenant's settings say.
   */
  Lookup lookup(TenantSettings chosen, ModelRoute route);

  /** Hands a hit to the client (as JSON, or replayed as a stream). */
  T serve(CachedAnswer hit);

  /** Keeps what the requested model answered, when the call's directives allow it. */
  void keep(T answer, ModelRoute route, MicroDollars cost);

  /** The call is over, however it ended: requests waiting on this one may go on. */
  void done();

  /**
   * The outcome of a lookup: bypass, a miss, or a hit with its answer; and the request's cache key
   * digest whenever it has one, the cache taking part or not.
   */
  record Lookup(CacheResult result, Optional<CachedAnswer> hit, Optional<String> digest) {
    static final Lookup BYPASS = new Lookup(CacheResult.BYPASS, Optional.empty(), Optional.empty());

    static Lookup bypass(Optional<String> digest) {
      return new Lookup(CacheResult.BYPASS, Optional.empty(), digest);
    }
  }
}
