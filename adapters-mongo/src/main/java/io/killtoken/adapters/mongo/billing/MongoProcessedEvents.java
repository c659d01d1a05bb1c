package io.killtoken.adapters.mongo.billing;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.killtoken.domain.billing.ProcessedEvents;
import java.time.InstantSource;
import java.util.Date;
import java.util.Objects;
import org.bson.Document;

/**
 * {@link ProcessedEvents} on MongoDB: one document per applied event in {@code billing_events},
 * keyed by the event id — the {@code _id} index makes a claim atomic across nodes and restarts.
 */
public final class MongoProcessedEvents implements ProcessedEvents {

  static final String COLLECTION = "billing_events";

  private final MongoCollection<Document> events;
  private final InstantSource clock;

  public MongoProcessedEvents(MongoDatabase database, InstantSource clock) {
    this.events = Objects.requireNonNull(database, "database").getCollection(COLLECTION);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public boolean claim(String eventId) {
    try {
      events.insertOne(new Document("_id", eventId).append("at", Date.from(clock.instant())));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void release(String eventId) {
    events.deleteOne(Filters.eq("_id", eventId));
  }
}
