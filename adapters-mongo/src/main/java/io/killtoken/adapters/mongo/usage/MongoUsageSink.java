package io.killtoken.adapters.mongo.usage;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import io.killtoken.domain.usage.UsageMetric;
import io.killtoken.domain.usage.UsageSink;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link UsageSink} on MongoDB: records are buffered in memory and written off the request path by
 * a background thread, in batches ({@code insertMany}, unordered) into {@code usage}, one document
 * per record keyed by its usage id; a second thread then adds the stored records to the rollups.
 *
 * <ul>
 *   <li>{@link #record} only appends to a bounded buffer and returns; it never waits for MongoDB
 *       while the buffer has room.
 *   <li>A batch is written once it is full or its oldest record has waited {@link
 *       UsageBatching#linger()}, so a record's write begins at most one linger after it arrived (or
 *       as soon as the insert before it ends): that, plus one insert, is what a crash can lose.
 *       Rollup writes never hold an insert back: they run on their own thread.
 *   <li>A failed write is kept and retried with capped exponential backoff; no record is dropped.
 *       Since {@code _id} is the usage id, a retried batch whose earlier attempt was partly stored
 *       meets duplicate-key errors for those records, which count as stored.
 *   <li>Once every record of a batch is stored (inserted now or by an earlier attempt whose outcome
 *       was unknown), the batch goes to the rollup writer, which adds the stored records to their
 *       shadow-cache entries ({@link ShadowTracker}) and their hourly and daily rollups in {@code
 *       usage_rollups} ({@link RollupDocuments}): everything waiting (up to {@link #ROLLUP_CHUNK}
 *       records) is added up per bucket in memory, then one unordered bulk write upserts each
 *       bucket with {@code $inc} — so the busier the gateway, the more records share an upsert. A
 *       failed rollup write is retried with the same backoff, and upserts the server reports as
 *       applied are not repeated. When the rollup writer is a whole buffer's capacity behind, the
 *       record writer waits for it. A record counts as stored (for {@link #flush()}) once it is
 *       inserted and rolled up.
 *   <li>So rollups match the records except in rare cases: a rollup write whose outcome is unknown
 *       (a timeout, a broken connection) is retried and may count its records twice; a crash
 *       between a record's insert and its rollup write leaves the rollups short by that record
 *       (every record the rollup writer had not written yet); and a record handed to {@link
 *       #record} twice is stored once but counted twice.
 *   <li>When the buffer is full (MongoDB has been failing for long), {@code record} waits for space
 *       for as long as it takes, logging a warning at most every ten seconds. This is the "never
 *       lose" choice: back-pressure slows the gateway down rather than drop accounting or write on
 *       the request thread against a store that is already failing. The wait is not interruptible
 *       (the interrupt is kept for the caller), since giving up would lose the record.
 *   <li>{@link #close} stops accepting records, writes everything buffered and in flight within
 *       {@link UsageBatching#closeTimeout()}, then stops the writers. Only when MongoDB does not
 *       accept them in that time are records lost, and their number is logged as an error. Close
 *       the sink before the MongoDB client it writes through; {@link #flush()} waits the same way
 *       without stopping anything.
 * </ul>
 *
 * <p>The collections' indexes are created by the record writer before its first write, so the sink
 * can be built while MongoDB is down.
 */
public final class MongoUsageSink implements UsageSink, AutoCloseable {

  static final String COLLECTION = "usage";

  private static final Logger LOG = LoggerFactory.getLogger(MongoUsageSink.class);
  private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long FULL_WAIT_SLICE_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final Duration WRITER_STOP_GRACE = Duration.ofSeconds(5);
  // Stored records rolled up by one write at most: the more waiting records one write adds up, the
  // fewer upserts per record (calls of one hour and key share a bucket).
  private static final int ROLLUP_CHUNK = 10_000;

  private final MongoCollection<Document> usage;
  private final MongoDatabase database;
  private final ShadowTracker shadow;
  private final UsageBatching batching;
  private final int batchTrigger;
  private final Thread recordWriter;
  private final Thread rollupWriter;

  // One lock guards the buffer and the counters below, so a record's place in the buffer and its
  // sequence number agree: flush() can then wait for a count instead of tracking records.
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final Condition progress = lock.newCondition();
  private final Condition stopRequested = lock.newCondition();
  private final Condition rollupsReady = lock.newCondition();
  private final Condition rollupSpace = lock.newCondition();
  private final ArrayDeque<UsageMetric> buffer = new ArrayDeque<>();
  // Records stored but not yet added to the rollups, in the order they were accepted.
  private final ArrayDeque<UsageMetric> toRollUp = new ArrayDeque<>();
  private long accepted;
  // Records stored and rolled up: what flush() waits for.
  private long stored;
  private int inFlight;
  // Records the rollup writer has taken and not yet written.
  private int rollingUp;
  private int waitingForSpace;
  private int flushing;
  private boolean closed;
  private boolean stopping;
  private boolean stopNow;
  private boolean recordsStopped;
  // The rollup writer stops last: after it, nothing more is stored.
  private boolean writerStopped;
  private long lastFullWarning = System.nanoTime() - WARN_EVERY_NANOS;
  // When the oldest record in the buffer arrived: the linger counts from there, so no record waits
  // longer than the linger for its write to begin (what a crash can lose, ADR 0006).
  private long oldestArrival;

  // Touched by the record writer only.
  private boolean indexesReady;
  private List<UsageMetric> unstored = List.of();
  private final Retries insertRetries = new Retries("usage write");
  // Touched by the rollup writer only.
  private final PendingRollups unrolled = new PendingRollups();
  private final Retries rollupRetries = new Retries("usage rollup write");

  /** A sink with {@link UsageBatching#DEFAULTS}. */
  public MongoUsageSink(MongoDatabase database) {
    this(database, UsageBatching.DEFAULTS);
  }

  /** A sink writing to {@code database}'s {@code usage} collection; starts its writer thread. */
  public MongoUsageSink(MongoDatabase database, UsageBatching batching) {
    this.usage = Objects.requireNonNull(database, "database").getCollection(COLLECTION);
    this.database = database;
    this.shadow = new ShadowTracker(database.getCollection(ShadowTracker.COLLECTION));
    this.batching = Objects.requireNonNull(batching, "batching");
    this.batchTrigger = Math.min(batching.batchSize(), batching.capacity());
    this.recordWriter =
        Thread.ofPlatform()
            .name("killtoken-usage-writer")
            .daemon(true)
            .unstarted(this::writeRecords);
    this.rollupWriter =
        Thread.ofPlatform()
            .name("killtoken-usage-rollups")
            .daemon(true)
            .unstarted(this::writeRollups);
    recordWriter.start();
    rollupWriter.start();
  }

  /**
   * Buffers the record and returns; waits only while the buffer is full (see the class comment).
   *
   * @throws IllegalStateException after {@link #close()} has begun, or when close gave up while
   *     this call waited for space
   */
  @Override
  public void record(UsageMetric metric) {
    Objects.requireNonNull(metric, "metric");
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the usage sink is closed");
      }
      if (buffer.size() >= batching.capacity()) {
        awaitSpace();
      }
      buffer.addLast(metric);
      accepted++;
      int size = buffer.size();
      if (size == 1) {
        oldestArrival = System.nanoTime();
      }
      // The writer waits either for a first record or for a full batch; wake it only then.
      if (size == 1 || size >= batchTrigger) {
        notEmpty.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks until every record whose {@link #record} returned before this call is stored, however
   * long MongoDB takes to come back.
   *
   * @throws IllegalStateException if the writer stopped (after a close that timed out) first
   */
  public void flush() throws InterruptedException {
    if (!flush(Duration.ofNanos(Long.MAX_VALUE))) {
      throw new IllegalStateException("the usage writer stopped before every record was stored");
    }
  }

  /**
   * Waits up to {@code timeout} until every record whose {@link #record} returned before this call
   * is stored; the writer skips its linger meanwhile.
   *
   * @return whether they all were stored in time
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    lock.lock();
    try {
      long target = accepted;
      if (stored >= target) {
        return true;
      }
      flushing++;
      notEmpty.signal();
      try {
        long left = timeout.toNanos();
        while (stored < target) {
          if (writerStopped || left <= 0) {
            return false;
          }
          left = progress.awaitNanos(left);
        }
        return true;
      } finally {
        flushing--;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Records accepted but not yet stored, for metrics and tests. */
  public long pending() {
    lock.lock();
    try {
      return accepted - stored;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops accepting records, stores everything buffered and in flight (waiting up to {@link
   * UsageBatching#closeTimeout()}), then stops the writer. A second call returns at once.
   */
  @Override
  public void close() {
    boolean interrupted = false;
    long lost = 0;
    long notRolledUp = 0;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      notEmpty.signal();
      long deadline = System.nanoTime() + batching.closeTimeout().toNanos();
      while (!drained() && !writerStopped) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          progress.awaitNanos(left);
        } catch (InterruptedException e) {
          // Keep waiting (the deadline bounds it): giving up early would lose records.
          interrupted = true;
        }
      }
      stopping = true;
      if (!drained()) {
        stopNow = true;
        lost = buffer.size() + inFlight + waitingForSpace;
        notRolledUp = toRollUp.size() + rollingUp;
        stopRequested.signalAll();
        notFull.signalAll();
        rollupsReady.signalAll();
        rollupSpace.signalAll();
      }
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
    if (lost > 0 || notRolledUp > 0) {
      // The driver may be waiting on a socket or for a server: interrupt it out of that wait.
      recordWriter.interrupt();
      rollupWriter.interrupt();
    }
    interrupted |= join(recordWriter);
    interrupted |= join(rollupWriter);
    if (lost > 0) {
      LOG.error(
          "{} usage records were not stored: MongoDB did not accept them within {}",
          lost,
          batching.closeTimeout());
    }
    if (notRolledUp > 0) {
      LOG.error(
          "{} stored usage records were not added to the usage rollups: MongoDB did not accept"
              + " the rollup write within {}",
          notRolledUp,
          batching.closeTimeout());
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Creates the collections' indexes; the writer calls it before its first write. */
  static void createIndexes(MongoDatabase database) {
    MongoCollection<Document> usage = database.getCollection(COLLECTION);
    // Listing a tenant's records newest first and paging them by time and id: the query sorts by
    // occurredAt and _id descending, which this index serves read backwards.
    usage.createIndex(
        Indexes.ascending(UsageDocuments.TENANT_ID, UsageDocuments.OCCURRED_AT, UsageDocuments.ID));
    // Insights group a tenant's records by prompt fingerprint (repeated prompts).
    usage.createIndex(Indexes.ascending(UsageDocuments.TENANT_ID, UsageDocuments.FINGERPRINT));
    // Summaries read a tenant's rollups of one grain over a time range.
    for (String rollups : List.of(RollupDocuments.COLLECTION, RollupDocuments.FACET_COLLECTION)) {
      database
          .getCollection(rollups)
          .createIndex(
              Indexes.ascending(
                  UsageDocuments.TENANT_ID, RollupDocuments.GRAIN, RollupDocuments.START));
    }
  }

  private boolean drained() {
    return buffer.isEmpty()
        && inFlight == 0
        && toRollUp.isEmpty()
        && rollingUp == 0
        && waitingForSpace == 0;
  }

  /** Called with the lock held and the buffer full. */
  private void awaitSpace() {
    waitingForSpace++;
    boolean interrupted = false;
    try {
      while (buffer.size() >= batching.capacity()) {
        if (stopNow) {
          throw new IllegalStateException("the usage sink stopped before this record was buffered");
        }
        long now = System.nanoTime();
        if (now - lastFullWarning >= WARN_EVERY_NANOS) {
          lastFullWarning = now;
          LOG.warn(
              "usage buffer full ({} records): MongoDB is not accepting writes, requests wait for"
                  + " space",
              batching.capacity());
        }
        try {
          notFull.awaitNanos(FULL_WAIT_SLICE_NANOS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      waitingForSpace--;
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void writeRecords() {
    try {
      List<UsageMetric> batch;
      while ((batch = nextBatch()) != null) {
        if (!insert(batch)) {
          return;
        }
        if (!handToRollups(batch)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      // Only close() interrupts the writers, once it has given up on the remaining records.
    } catch (RuntimeException | Error e) {
      LOG.error("the usage writer failed; usage records are no longer stored", e);
      throw e;
    } finally {
      lock.lock();
      try {
        recordsStopped = true;
        rollupsReady.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private void writeRollups() {
    try {
      List<UsageMetric> stored;
      while ((stored = nextRollups()) != null) {
        if (!rollUp(stored)) {
          return;
        }
        lock.lock();
        try {
          this.stored += stored.size();
          rollingUp = 0;
          rollupSpace.signalAll();
          progress.signalAll();
        } finally {
          lock.unlock();
        }
      }
    } catch (InterruptedException e) {
      // As above: only close() interrupts.
    } catch (RuntimeException | Error e) {
      LOG.error("the usage rollup writer failed; usage rollups are no longer written", e);
      throw e;
    } finally {
      lock.lock();
      try {
        writerStopped = true;
        progress.signalAll();
        rollupSpace.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** The next batch in buffer order, or null once the sink is stopping and nothing is left. */
  private List<UsageMetric> nextBatch() throws InterruptedException {
    lock.lock();
    try {
      if (stopNow) {
        return null;
      }
      while (buffer.isEmpty()) {
        if (stopping) {
          return null;
        }
        notEmpty.await();
      }
      long lingerEnd = oldestArrival + batching.linger().toNanos();
      long linger = lingerEnd - System.nanoTime();
      while (linger > 0 && buffer.size() < batchTrigger && !closed && flushing == 0) {
        linger = notEmpty.awaitNanos(linger);
      }
      int size = Math.min(batching.batchSize(), buffer.size());
      List<UsageMetric> batch = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        batch.add(buffer.pollFirst());
      }
      if (!buffer.isEmpty()) {
        // What is left arrived before this batch was taken and has waited already: no linger.
        oldestArrival = System.nanoTime() - batching.linger().toNanos();
      }
      inFlight = size;
      notFull.signalAll();
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands a stored batch to the rollup writer, then waits while the rollup writer is a full buffer
   * behind; false if close() gave up meanwhile.
   */
  private boolean handToRollups(List<UsageMetric> batch) throws InterruptedException {
    lock.lock();
    try {
      toRollUp.addAll(batch);
      inFlight = 0;
      rollupsReady.signal();
      while (toRollUp.size() >= batching.capacity() && !stopNow) {
        rollupSpace.await();
      }
      return !stopNow;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Every stored record waiting for its rollups (up to {@link #ROLLUP_CHUNK}), or null once the
   * record writer has stopped and nothing is left.
   */
  private List<UsageMetric> nextRollups() throws InterruptedException {
    lock.lock();
    try {
      while (toRollUp.isEmpty()) {
        if (recordsStopped || stopNow) {
          return null;
        }
        rollupsReady.await();
      }
      if (stopNow) {
        return null;
      }
      int size = Math.min(ROLLUP_CHUNK, toRollUp.size());
      List<UsageMetric> stored = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        stored.add(toRollUp.pollFirst());
      }
      rollingUp = size;
      return stored;
    } finally {
      lock.unlock();
    }
  }

  /** Inserts the batch, retrying until every record is stored; false if close() gave up first. */
  private boolean insert(List<UsageMetric> batch) throws InterruptedException {
    unstored = batch;
    long delay = batching.firstRetry().toNanos();
    while (true) {
      try {
        if (!indexesReady) {
          createIndexesOnce();
        }
        insertUnstored();
        insertRetries.recovered();
        return true;
      } catch (RuntimeException e) {
        // Includes the driver's timeouts and socket errors while MongoDB is down, and what a partly
        // failed write left.
        insertRetries.failed(e, unstored.size() + " records kept");
      }
      if (!backOff(delay)) {
        return false;
      }
      delay = Math.min(delay * 2, batching.maxRetry().toNanos());
    }
  }

  /**
   * Adds stored records to the shadow cache and the rollups, retrying until both are written; false
   * if close() gave up first.
   */
  private boolean rollUp(List<UsageMetric> stored) throws InterruptedException {
    List<UsageMetric> unshadowed = stored;
    long delay = batching.firstRetry().toNanos();
    while (true) {
      try {
        if (!unshadowed.isEmpty()) {
          // Kept until the shadow write succeeds: their repeats are not known before.
          unrolled.add(unshadowed, shadow.repeats(unshadowed));
          unshadowed = List.of();
        }
        writeUnrolled();
        rollupRetries.recovered();
        return true;
      } catch (RuntimeException e) {
        rollupRetries.failed(
            e, unshadowed.size() + " records and " + unrolled.size() + " rollup updates kept");
      }
      if (!backOff(delay)) {
        return false;
      }
      delay = Math.min(delay * 2, batching.maxRetry().toNanos());
    }
  }

  /** Inserts the records not stored yet; throws, keeping the rest, unless every one is stored. */
  private void insertUnstored() {
    try {
      usage.insertMany(
          unstored.stream().map(UsageDocuments::toDocument).toList(),
          new InsertManyOptions().ordered(false));
      unstored = List.of();
    } catch (MongoBulkWriteException e) {
      Set<Integer> notStored = notStored(unstored.size(), e);
      List<UsageMetric> left = new ArrayList<>();
      for (int i = 0; i < unstored.size(); i++) {
        if (notStored.contains(i)) {
          left.add(unstored.get(i));
        }
      }
      unstored = left;
      if (!left.isEmpty()) {
        throw e;
      }
    }
  }

  /** Writes the rollups of the stored records; throws, keeping the upserts not applied, if any. */
  private void writeUnrolled() {
    if (unrolled.isEmpty()) {
      return;
    }
    // In the order collections() gives: a failure stops the rest, so the plain rollups never count
    // a call whose facet rollups are not written.
    for (String collection : unrolled.collections()) {
      try {
        database
            .getCollection(collection)
            .bulkWrite(unrolled.writes(collection), new BulkWriteOptions().ordered(false));
        unrolled.written(collection);
      } catch (MongoBulkWriteException e) {
        unrolled.keepFailed(collection, e);
        if (!e.getWriteErrors().isEmpty()) {
          throw e;
        }
        LOG.warn("usage rollups written but not replicated as asked: {}", e.getWriteConcernError());
      }
    }
  }

  private void createIndexesOnce() {
    try {
      createIndexes(database);
      shadow.createIndexes();
    } catch (MongoCommandException e) {
      // MongoDB answered but refused (e.g. an operator made a conflicting index): records are
      // worth more than the index, so write them anyway.
      LOG.error("usage indexes not created: {}", e.getErrorCodeName());
    }
    indexesReady = true;
  }

  /**
   * The positions of the records a failed unordered insert did not store. Duplicate keys are
   * records an earlier attempt stored; after a write-concern error every record is tried again, and
   * those that did land then meet their duplicate key.
   */
  private static Set<Integer> notStored(int tried, MongoBulkWriteException e) {
    Set<Integer> left = new HashSet<>();
    for (BulkWriteError error : e.getWriteErrors()) {
      if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
        left.add(error.getIndex());
      }
    }
    if (e.getWriteConcernError() != null) {
      for (int i = 0; i < tried; i++) {
        left.add(i);
      }
    }
    return left;
  }

  /** Waits {@code nanos} before the next attempt; false if close() gave up meanwhile. */
  private boolean backOff(long nanos) throws InterruptedException {
    lock.lock();
    try {
      long left = nanos;
      while (left > 0 && !stopNow) {
        left = stopRequested.awaitNanos(left);
      }
      return !stopNow;
    } finally {
      lock.unlock();
    }
  }

  private static boolean join(Thread writer) {
    boolean interrupted = false;
    long deadline = System.nanoTime() + WRITER_STOP_GRACE.toNanos();
    while (writer.isAlive()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        LOG.warn("{} did not stop within {}", writer.getName(), WRITER_STOP_GRACE);
        break;
      }
      try {
        writer.join(Duration.ofNanos(left));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    return interrupted;
  }

  /** One writer's failed attempts in a row, warned about at most every ten seconds. */
  private static final class Retries {

    private final String what;
    private long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;
    private int failed;

    Retries(String what) {
      this.what = what;
    }

    void failed(RuntimeException e, String kept) {
      failed++;
      long now = System.nanoTime();
      if (now - lastWarning >= WARN_EVERY_NANOS) {
        lastWarning = now;
        // The exception's text only, no stack: it names servers and error codes, never secrets.
        LOG.warn("{} failed ({}, attempt {}), retrying: {}", what, kept, failed, e.toString());
      }
    }

    void recovered() {
      if (failed > 0) {
        LOG.info("{}s resumed after {} failed attempts", what, failed);
        failed = 0;
      }
    }
  }
}
