package io.killtoken.adapters.mongo.usage;

import static io.killtoken.adapters.mongo.usage.UsageDocuments.API_KEY_ID;
import static io.killtoken.adapters.mongo.usage.UsageDocuments.CACHE;
import static io.killtoken.adapters.mongo.usage.UsageDocuments.CACHED_INPUT;
import static io.killtoken.adapters.mongo.usage.UsageDocuments.COST_MICROS;
import static io.killtoken.adapters.mongo.usage.UsageDocuments.CREDENTIAL_ID;
import static io.killtoken.adapters.mongo.usage.UsageDocuments.ID;
import static io.killtoken.adapters.mongo.usage.UsageDocuments.INPUT;
import static io.killtoken.adapters.mongo.usage.UsageDocuments.MODEL;
import static io.killtoken.adapters.mongo.usage.UsageDocuments.OUTPUT;
import static io.killtoken.adapters.mongo.usage.UsageDocuments.PROVIDER;
import static io.killtoken.adapters.mongo.usage.UsageDocuments.SAVED;
import static io.killtoken.adapters.mongo.usage.UsageDocuments.SAVED_COST_MICROS;
import static io.killtoken.adapters.mongo.usage.UsageDocuments.STATUS;
import static io.killtoken.adapters.mongo.usage.UsageDocuments.TENANT_ID;
import static io.killtoken.adapters.mongo.usage.UsageDocuments.TOKENS;
import static io.killtoken.adapters.mongo.usage.UsageDocuments.int64;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.killtoken.domain.apikey.ApiKeyId;
import io.killtoken.domain.credential.CredentialId;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.CacheResult;
import io.killtoken.domain.usage.LatencyHistogram;
import io.killtoken.domain.usage.RollupGrain;
import io.killtoken.domain.usage.TokenUsage;
import io.killtoken.domain.usage.UsageFacet;
import io.killtoken.domain.usage.UsageRollup;
import io.killtoken.domain.usage.UsageStatus;
import io.killtoken.domain.usage.UsageTotals;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Maps a {@link UsageRollup} to its stored shape and back: {@code _id} is built from the bucket's
 * dimensions, so every writer adds to the same document; the dimensions are fields too (for the
 * queries and the index); counters are int64 and the latency histogram is a sub-document of one
 * int64 count per bucket ({@code latency.b0} …), so one {@code $inc} adds a batch to it. Only the
 * counters a batch moves are written ({@link Counters}): a missing one reads as zero.
 */
final class RollupDocuments {

  /** Plain rollups: every call, by key, credential, provider, model, status and cache result. */
  static final String COLLECTION = "usage_rollups";

  /**
   * Facet rollups (one tag's value, one end user): kept apart, as they outnumber the plain ones
   * many times over and the summaries by time, model or key never read them.
   */
  static final String FACET_COLLECTION = "usage_facet_rollups";

  static final String GRAIN = "grain";
  static final String START = "start";
  static final String REQUESTS = "requests";
  static final String ERRORS = "errors";
  static final String CACHE_HITS = "cacheHits";
  static final String LATENCY = "latency";
  static final String FACET_KIND = "facetKind";
  static final String FACET_VALUE = "facetValue";
  static final String SIGNALS = "signals";
  private static final String NONE = "-";

  private RollupDocuments() {}

  /**
   * The bucket's {@code _id}. Ids, provider, enum names and facet kinds cannot hold {@code |}; the
   * model and a facet's value can hold anything, so the model goes with its length and the value
   * comes last, where neither can make two buckets read the same.
   */
  static String id(UsageRollup rollup) {
    return String.join(
        "|",
        rollup.tenantId().value(),
        rollup.grain().name(),
        Long.toString(rollup.start().toEpochMilli()),
        rollup.apiKeyId().value(),
        rollup.credential().map(CredentialId::value).orElse(NONE),
        rollup.provider().value(),
        rollup.status().name(),
        rollup.cache().name(),
        rollup.facet().map(UsageFacet::kind).orElse(NONE),
        rollup.model().length() + ":" + rollup.model(),
        rollup.facet().map(UsageFacet::value).orElse(""));
  }

  /** The collection the rollup's bucket is kept in. */
  static String collection(UsageRollup rollup) {
    return rollup.facet().isPresent() ? FACET_COLLECTION : COLLECTION;
  }

  /** An upsert adding the rollup's totals to its bucket, creating the bucket the first time. */
  static UpdateOneModel<Document> upsert(UsageRollup rollup) {
    UsageTotals totals = rollup.totals();
    List<Bson> updates = new ArrayList<>();
    updates.add(Updates.setOnInsert(TENANT_ID, rollup.tenantId().value()));
    updates.add(Updates.setOnInsert(GRAIN, rollup.grain().name()));
    updates.add(Updates.setOnInsert(START, Date.from(rollup.start())));
    updates.add(Updates.setOnInsert(API_KEY_ID, rollup.apiKeyId().value()));
    rollup
        .credential()
        .ifPresent(id -> updates.add(Updates.setOnInsert(CREDENTIAL_ID, id.value())));
    rollup
        .facet()
        .ifPresent(
            facet -> {
              updates.add(Updates.setOnInsert(FACET_KIND, facet.kind()));
              updates.add(Updates.setOnInsert(FACET_VALUE, facet.value()));
            });
    updates.add(Updates.setOnInsert(PROVIDER, rollup.provider().value()));
    updates.add(Updates.setOnInsert(MODEL, rollup.model()));
    updates.add(Updates.setOnInsert(STATUS, rollup.status().name()));
    updates.add(Updates.setOnInsert(CACHE, rollup.cache().name()));
    Counters.inc(updates, REQUESTS, totals.requests());
    Counters.inc(updates, ERRORS, totals.errors());
    addTokens(updates, TOKENS, totals.tokens());
    Counters.inc(updates, COST_MICROS, totals.cost().value());
    Counters.inc(updates, CACHE_HITS, totals.cacheHits());
    addTokens(updates, SAVED, totals.saved());
    Counters.inc(updates, SAVED_COST_MICROS, totals.savedCost().value());
    long[] counts = totals.latency().counts();
    for (int i = 0; i < counts.length; i++) {
      Counters.inc(updates, LATENCY + "." + bucket(i), counts[i]);
    }
    RollupSignals.addTo(updates, SIGNALS, totals.signals());
    return new UpdateOneModel<>(
        Filters.eq(ID, id(rollup)), Updates.combine(updates), new UpdateOptions().upsert(true));
  }

  static UsageRollup fromDocument(Document document) {
    Object id = document.get(ID);
    try {
      Document latency = document.get(LATENCY, Document.class);
      long[] counts = new long[LatencyHistogram.BUCKETS];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = Counters.read(latency, bucket(i));
      }
      return new UsageRollup(
          new TenantId(document.getString(TENANT_ID)),
          RollupGrain.valueOf(document.getString(GRAIN)),
          document.getDate(START).toInstant(),
          new ApiKeyId(document.getString(API_KEY_ID)),
          Optional.ofNullable(document.getString(CREDENTIAL_ID)).map(CredentialId::new),
          new ProviderId(document.getString(PROVIDER)),
          document.getString(MODEL),
          UsageStatus.valueOf(document.getString(STATUS)),
          CacheResult.valueOf(document.getString(CACHE)),
          Optional.ofNullable(document.getString(FACET_KIND))
              .map(kind -> new UsageFacet(kind, document.getString(FACET_VALUE))),
          new UsageTotals(
              int64(document, REQUESTS),
              Counters.read(document, ERRORS),
              tokens(document.get(TOKENS, Document.class)),
              new MicroDollars(Counters.read(document, COST_MICROS)),
              Counters.read(document, CACHE_HITS),
              tokens(document.get(SAVED, Document.class)),
              new MicroDollars(Counters.read(document, SAVED_COST_MICROS)),
              LatencyHistogram.of(counts),
              RollupSignals.from(document.get(SIGNALS, Document.class))));
    } catch (RuntimeException e) {
      // Fail loudly with the rollup at fault rather than report made-up totals.
      throw new IllegalStateException("stored usage rollup " + id + " does not have its shape", e);
    }
  }

  private static void addTokens(List<Bson> updates, String field, TokenUsage tokens) {
    Counters.inc(updates, field + "." + INPUT, tokens.input());
    Counters.inc(updates, field + "." + OUTPUT, tokens.output());
    Counters.inc(updates, field + "." + CACHED_INPUT, tokens.cachedInput());
  }

  private static TokenUsage tokens(Document stored) {
    return new TokenUsage(
        Counters.read(stored, INPUT),
        Counters.read(stored, OUTPUT),
        Counters.read(stored, CACHED_INPUT));
  }

  private static String bucket(int index) {
    return "b" + index;
  }
}
