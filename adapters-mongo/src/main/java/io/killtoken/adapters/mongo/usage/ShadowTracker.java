package io.killtoken.adapters.mongo.usage;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.killtoken.domain.usage.ShadowCache;
import io.killtoken.domain.usage.ShadowEntries;
import io.killtoken.domain.usage.UsageId;
import io.killtoken.domain.usage.UsageMetric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Works out what a shadow cache would have answered among stored records: {@code usage_shadow}
 * holds, per tenant and request digest, when each shadow cache (1 h, 24 h, 7 d) last stored it. A
 * batch costs one read of the digests it names and one unordered write, whatever its size. Two
 * writers racing on one digest may both count a repeat against the older entry; entries only move
 * forward ({@code $max}).
 */
final class ShadowTracker {

  static final String COLLECTION = "usage_shadow";

  /** The last time any window stored the digest: entries a week past it answer nothing. */
  static final String SEEN = "seen";

  static final String WEEK = "week";
  private static final String HOUR = "hour";
  private static final String DAY = "day";

  private final MongoCollection<Document> entries;

  ShadowTracker(MongoCollection<Document> entries) {
    this.entries = entries;
  }

  /** Entries expire a week after they were last stored (where the server runs TTL indexes). */
  void createIndexes() {
    entries.createIndex(Indexes.ascending(SEEN), new IndexOptions().expireAfter(7L, TimeUnit.DAYS));
  }

  /** The repeats of each record that takes part, by id; the entries are updated to match. */
  Map<UsageId, ShadowCache> repeats(List<UsageMetric> stored) {
    List<UsageMetric> taking =
        stored.stream()
            .filter(ShadowEntries::takesPart)
            .sorted(Comparator.comparing(UsageMetric::occurredAt))
            .toList();
    if (taking.isEmpty()) {
      return Map.of();
    }
    Map<String, ShadowEntries> known = read(taking.stream().map(ShadowTracker::id).toList());
    Map<String, ShadowEntries> touched = new LinkedHashMap<>();
    Map<UsageId, ShadowCache> repeats = new HashMap<>();
    for (UsageMetric metric : taking) {
      String id = id(metric);
      ShadowEntries.Step step = known.getOrDefault(id, ShadowEntries.NONE).next(metric);
      known.put(id, step.after());
      touched.put(id, step.after());
      repeats.put(metric.id(), step.repeats());
    }
    entries.bulkWrite(writes(touched), new BulkWriteOptions().ordered(false));
    return repeats;
  }

  private Map<String, ShadowEntries> read(List<String> ids) {
    Map<String, ShadowEntries> known = new HashMap<>();
    for (Document d :
        entries.find(Filters.in(UsageDocuments.ID, ids.stream().distinct().toList()))) {
      known.put(
          d.getString(UsageDocuments.ID),
          new ShadowEntries(instant(d, HOUR), instant(d, DAY), instant(d, WEEK)));
    }
    return known;
  }

  private static List<UpdateOneModel<Document>> writes(Map<String, ShadowEntries> touched) {
    List<UpdateOneModel<Document>> writes = new ArrayList<>();
    touched.forEach(
        (id, after) -> {
          List<Bson> updates = new ArrayList<>();
          updates.add(
              Updates.setOnInsert(UsageDocuments.TENANT_ID, id.substring(0, id.indexOf('|'))));
          after.hour().ifPresent(at -> updates.add(Updates.max(HOUR, Date.from(at))));
          after.day().ifPresent(at -> updates.add(Updates.max(DAY, Date.from(at))));
          after.week().ifPresent(at -> updates.add(Updates.max(WEEK, Date.from(at))));
          updates.add(Updates.max(SEEN, Date.from(after.lastStored().orElseThrow())));
          writes.add(
              new UpdateOneModel<>(
                  Filters.eq(UsageDocuments.ID, id),
                  Updates.combine(updates),
                  new UpdateOptions().upsert(true)));
        });
    return writes;
  }

  /** Per tenant: one tenant's digest never meets another's, whatever the digests are. */
  private static String id(UsageMetric metric) {
    return metric.tenantId().value() + "|" + metric.attribution().requestDigest().orElseThrow();
  }

  private static Optional<Instant> instant(Document d, String field) {
    return Optional.ofNullable(d.getDate(field)).map(Date::toInstant);
  }
}
