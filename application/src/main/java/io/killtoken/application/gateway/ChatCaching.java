package io.killtoken.application.gateway;

import io.killtoken.domain.cache.CacheKey;
import io.killtoken.domain.cache.CacheKeys;
import io.killtoken.domain.cache.CacheableRequest;
import io.killtoken.domain.cache.CachedAnswer;
import io.killtoken.domain.cache.CanonicalRequest;
import io.killtoken.domain.cache.ResponseCache;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ChatAnswer;
import io.killtoken.domain.provider.ModelRoute;
import io.killtoken.domain.provider.StreamOutcome;
import io.killtoken.domain.settings.CacheMode;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.CacheResult;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The exact-response cache's part in a chat call: whether the tenant's settings and the request's
 * directives let the cache answer or keep it, the tenant-scoped key, and how a hit is served — as
 * JSON, or replayed as a stream — whichever way the answer was first given. Identical misses on one
 * node make one upstream call: the rest wait for its answer.
 */
public final class ChatCaching {

  /** How long an identical request waits for the one already asking upstream. */
  private static final Duration FOLLOWER_PATIENCE = Duration.ofMinutes(2);

  private final ResponseCache cache;
  private final CacheKeys keys;
  private final InstantSource clock;

  /** Misses being answered on this node, so identical requests wait for them (single flight). */
  private final Map<CacheKey, CompletableFuture<Optional<CachedAnswer>>> inflight =
      new ConcurrentHashMap<>();

  public ChatCaching(ResponseCache cache, CacheKeys keys, InstantSource clock) {
    this.cache = cache;
    this.keys = keys;
    this.clock = clock;
  }

  CacheStage<ChatAnswer> forJson(ChatCommand command, Consumer<CacheResult> verdict) {
    return new Stage<>(command) {
      @Override
      void told(CacheResult result, boolean keep) {
        verdict.accept(result);
      }

      @Override
      public ChatAnswer serve(CachedAnswer hit) {
        return hit.toChatAnswer();
      }

      @Override
      Optional<CachedAnswer> kept(ChatAnswer answer, ModelRoute route, MicroDollars cost) {
        return Optional.of(CachedAnswer.of(answer, route, cost, clock.instant()));
      }
    };
  }

  CacheStage<StreamOutcome> forStream(ChatCommand command, StreamClient client) {
    return new Stage<>(command) {
      @Override
      void told(CacheResult result, boolean keep) {
        client.cacheResult(result, keep);
      }

      @Override
      public StreamOutcome serve(CachedAnswer hit) {
        boolean stayed = client.replay(hit.body(), command.includeUsage());
        return new StreamOutcome(hit.usage(), false, !stayed, hit.finishReason());
      }

      @Override
      Optional<CachedAnswer> kept(StreamOutcome outcome, ModelRoute route, MicroDollars cost) {
        if (outcome.clientClosed() || outcome.estimated()) {
          return Optional.empty(); // only a whole answer with the provider's own usage is kept
        }
        return client
            .assembled()
            .map(
                body ->
                    new CachedAnswer(
                        body,
                        outcome.finishReason(),
                        outcome.usage(),
                        cost,
                        route.provider(),
                        route.model(),
                        clock.instant()));
      }
    };
  }

  /** One call's plan: the key and time to live when the cache takes part, and what it did. */
  private abstract class Stage<T> implements CacheStage<T> {
    private final ChatCommand command;
    private CacheKey key;
    private Duration ttl;
    private boolean write;
    private CompletableFuture<Optional<CachedAnswer>> leading;

    Stage(ChatCommand command) {
      this.command = command;
    }

    abstract void told(CacheResult result, boolean keep);

    abstract Optional<CachedAnswer> kept(T answer, ModelRoute route, MicroDollars cost);

    @Override
    public Lookup lookup(TenantSettings chosen, ModelRoute route) {
      CacheDirectives directives = command.cache();
      TenantId tenant = chosen.tenantId();
      // The key's digest goes with the usage record even when the cache stays out (off, opted
      // out, not deterministic): the shadow cache shows what a cache would save from it.
      Optional<CanonicalRequest> request = CanonicalRequest.parse(command.body());
      if (request.isEmpty()) {
        told(CacheResult.BYPASS, false);
        return Lookup.BYPASS;
      }
      CacheKey named = keys.key(tenant, route, request.get());
      Optional<String> digest = Optional.of(named.digest());
      if (chosen.cacheMode() == CacheMode.OFF
          || !(directives.read() || directives.write())
          || !CacheableRequest.allows(chosen.cacheMode(), request.get())) {
        told(CacheResult.BYPASS, false);
        return Lookup.bypass(digest);
      }
      key = named;
      ttl =
          directives
              .ttl()
              .filter(t -> t.compareTo(chosen.cacheTtl()) < 0)
              .orElse(chosen.cacheTtl());
      write = directives.write();
      if (!directives.read()) {
        told(CacheResult.BYPASS, write);
        return Lookup.bypass(digest);
      }
      Optional<CachedAnswer> hit = write ? leadOrJoin(key) : cache.get(key);
      told(hit.isPresent() ? CacheResult.HIT : CacheResult.MISS, hit.isEmpty() && write);
      return new Lookup(hit.isPresent() ? CacheResult.HIT : CacheResult.MISS, hit, digest);
    }

    /**
     * The first request for a key leads: it reads the store and, on a miss, goes upstream. An
     * identical request arriving meanwhile waits for the leader's answer (bounded) instead of
     * buying it again, and reads the store itself if the leader has nothing for it. Each request is
     * counted once in the cache's statistics, as what it is told: the leader by its read, a waiter
     * as a hit when the leader's answer serves it.
     */
    private Optional<CachedAnswer> leadOrJoin(CacheKey key) {
      CompletableFuture<Optional<CachedAnswer>> mine = new CompletableFuture<>();
      CompletableFuture<Optional<CachedAnswer>> other = inflight.putIfAbsent(key, mine);
      if (other == null) {
        return lead(key, mine);
      }
      Optional<CachedAnswer> shared = awaitLeader(other);
      if (shared.isPresent()) {
        cache.countHit(key, shared.get());
        return shared;
      }
      return cache.get(key);
    }

    private Optional<CachedAnswer> lead(
        CacheKey key, CompletableFuture<Optional<CachedAnswer>> mine) {
      Optional<CachedAnswer> stored;
      try {
        stored = cache.get(key);
      } catch (RuntimeException e) {
        release(key, mine); // nobody may wait on a leader that is gone
        throw e;
      }
      if (stored.isPresent()) {
        mine.complete(stored); // whoever joined meanwhile is served the stored answer too
        release(key, mine);
      } else {
        leading = mine;
      }
      return stored;
    }

    private static Optional<CachedAnswer> awaitLeader(
        CompletableFuture<Optional<CachedAnswer>> leader) {
      try {
        return leader.get(FOLLOWER_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      } catch (ExecutionException | TimeoutException e) {
        return Optional.empty();
      }
    }

    private void release(CacheKey key, CompletableFuture<Optional<CachedAnswer>> mine) {
      inflight.remove(key, mine);
      mine.complete(Optional.empty()); // a no-op when an answer was handed over already
    }

    @Override
    public void keep(T answer, ModelRoute route, MicroDollars cost) {
      if (key != null && write) {
        Optional<CachedAnswer> entry = kept(answer, route, cost);
        entry.ifPresent(e -> cache.put(key, e, ttl));
        if (leading != null) {
          leading.complete(entry);
        }
      }
    }

    @Override
    public void done() {
      if (leading != null) {
        release(key, leading);
      }
    }
  }
}
