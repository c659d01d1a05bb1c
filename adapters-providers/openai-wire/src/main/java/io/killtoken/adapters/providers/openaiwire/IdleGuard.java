package io.killtoken.adapters.providers.openaiwire;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches an upstream response body and closes it once no byte has arrived for too long. The reader
 * stays on the calling thread; closing the body from the timer thread is what wakes a read that
 * would otherwise block forever. Shared by every provider module that reads a streamed body.
 */
public final class IdleGuard implements AutoCloseable {

  private final ScheduledExecutorService timer;
  private final InputStream body;
  private final long idleNanos;
  private final InputStream watched;
  // Guards the one pending check: the timer thread books the next one, the reader moves it
  // earlier once, at the first byte.
  private final Object timing = new Object();
  private volatile long deadline;
  private volatile boolean fired;
  private volatile boolean closed;
  private boolean begun; // read and written by the reader only
  private ScheduledFuture<?> check; // guarded by timing

  private IdleGuard(ScheduledExecutorService timer, InputStream body, Duration idle) {
    this.timer = timer;
    this.body = body;
    this.idleNanos = idle.toNanos();
    this.watched = new Touching(body);
  }

  /**
   * Starts watching: the first byte may take {@code first}, every later gap {@code idle}.
   *
   * @param first how long the body may stay silent before its first byte
   */
  public static IdleGuard watch(
      ScheduledExecutorService timer, InputStream body, Duration first, Duration idle) {
    IdleGuard guard = new IdleGuard(timer, body, idle);
    guard.deadline = System.nanoTime() + first.toNanos();
    guard.schedule(first.toNanos());
    return guard;
  }

  /** The body to read from; every read that returns counts as activity. */
  public InputStream stream() {
    return watched;
  }

  /** True when the guard closed the body because it went quiet. */
  public boolean fired() {
    return fired;
  }

  /** Stops watching and closes the body, which also releases the upstream connection's stream. */
  @Override
  public void close() {
    synchronized (timing) {
      closed = true;
      if (check != null) {
        check.cancel(false);
      }
    }
    closeBody();
  }

  private void touch() {
    deadline = System.nanoTime() + idleNanos;
    if (!begun) {
      // The pending check was booked for the first-byte deadline, usually far later than one
      // idle period: book it again for the new deadline, or every gap up to the first-byte
      // deadline would go unnoticed. Later deadlines only move forward, so a check booked for an
      // earlier one runs first and books the next itself.
      begun = true;
      synchronized (timing) {
        if (check != null) {
          check.cancel(false);
        }
        schedule(idleNanos);
      }
    }
  }

  // Runs at the earliest moment the body could be idle; reads since then have moved the deadline,
  // so it usually just books the next check. One timer task per stream at a time.
  private void check() {
    synchronized (timing) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        schedule(left);
        return;
      }
      if (closed) {
        return;
      }
      fired = true;
    }
    closeBody();
  }

  private void schedule(long nanos) {
    synchronized (timing) {
      if (closed) {
        return;
      }
      try {
        check = timer.schedule(this::check, nanos, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException providerClosed) {
        // The provider is shutting down and its client with it; the read ends on its own.
      }
    }
  }

  private void closeBody() {
    closeQuietly(body);
  }

  public static void closeQuietly(InputStream body) {
    try {
      body.close();
    } catch (IOException alreadyBroken) {
      // Closing is all that was wanted; a body that fails to close is closed enough.
    }
  }

  private final class Touching extends FilterInputStream {

    Touching(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      touch();
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      touch();
      return n;
    }
  }
}
