package io.killtoken.adapters.mongo.usage;

import com.mongodb.client.model.Updates;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The int64 counters of a rollup document, moved by {@code $inc}: only the counters a batch moves
 * are written, since every {@code $inc} path costs the server work per upsert and most counters of
 * most buckets stay zero; a missing counter (or a missing sub-document of counters) reads as zero.
 */
final class Counters {

  private Counters() {}

  /** Adds {@code $inc field by} unless {@code by} is zero. */
  static void inc(List<Bson> updates, String field, long by) {
    if (by != 0) {
      updates.add(Updates.inc(field, by));
    }
  }

  /** The counter, zero when {@code document} or its key is missing. */
  static long read(Document document, String key) {
    if (document == null) {
      return 0;
    }
    Number value = document.get(key, Number.class);
    return value == null ? 0 : value.longValue();
  }
}
