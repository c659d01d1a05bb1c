package io.killtoken.adapters.mongo.usage;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.UpdateOneModel;
import io.killtoken.domain.usage.RollupGrain;
import io.killtoken.domain.usage.ShadowCache;
import io.killtoken.domain.usage.UsageId;
import io.killtoken.domain.usage.UsageMetric;
import io.killtoken.domain.usage.UsageRollup;
import io.killtoken.domain.usage.UsageTotals;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bson.Document;

/**
 * The rollup additions of stored records not yet written: records are added up per bucket (hourly
 * and daily) in memory, so a batch costs one upsert per bucket it touches, not one per record. Used
 * by the writer thread only.
 */
final class PendingRollups {

  private final Map<String, UsageRollup> byBucket = new LinkedHashMap<>();

  /** Adds stored records, each with the repeats its store found (none when absent). */
  void add(List<UsageMetric> stored, Map<UsageId, ShadowCache> repeats) {
    for (UsageMetric metric : stored) {
      UsageTotals totals =
          UsageTotals.of(metric, repeats.getOrDefault(metric.id(), ShadowCache.ZERO));
      for (RollupGrain grain : RollupGrain.values()) {
        for (UsageRollup one : UsageRollup.all(metric, grain, totals)) {
          byBucket.merge(RollupDocuments.id(one), one, (sum, more) -> sum.plus(more.totals()));
        }
      }
    }
  }

  boolean isEmpty() {
    return byBucket.isEmpty();
  }

  int size() {
    return byBucket.size();
  }

  /**
   * The collections holding a pending bucket, facet rollups first: once the plain rollups count a
   * call, its facet rollups do too (a reader waiting for a call in the plain totals then finds it
   * in every grouping).
   */
  List<String> collections() {
    return Stream.of(RollupDocuments.FACET_COLLECTION, RollupDocuments.COLLECTION)
        .filter(
            collection ->
                byBucket.values().stream()
                    .anyMatch(r -> RollupDocuments.collection(r).equals(collection)))
        .toList();
  }

  /** One upsert per pending bucket of {@code collection}, in the order {@link #keepFailed} uses. */
  List<UpdateOneModel<Document>> writes(String collection) {
    return inCollection(collection).stream()
        .map(byBucket::get)
        .map(RollupDocuments::upsert)
        .toList();
  }

  /** Forgets the buckets of {@code collection}: their write was applied. */
  void written(String collection) {
    inCollection(collection).forEach(byBucket::remove);
  }

  void clear() {
    byBucket.clear();
  }

  /**
   * Keeps only the upserts an unordered write of {@link #writes(String)} reports as failed: the
   * others were applied and must not be added again. A write-concern error does not change that:
   * the upserts were applied but not yet replicated as asked, and writing them again would add them
   * twice.
   */
  void keepFailed(String collection, MongoBulkWriteException e) {
    List<String> ids = inCollection(collection);
    Set<String> failed = new HashSet<>();
    for (BulkWriteError error : e.getWriteErrors()) {
      failed.add(ids.get(error.getIndex()));
    }
    for (String id : ids) {
      if (!failed.contains(id)) {
        byBucket.remove(id);
      }
    }
  }

  private List<String> inCollection(String collection) {
    List<String> ids = new ArrayList<>();
    byBucket.forEach(
        (id, rollup) -> {
          if (RollupDocuments.collection(rollup).equals(collection)) {
            ids.add(id);
          }
        });
    return ids;
  }
}
