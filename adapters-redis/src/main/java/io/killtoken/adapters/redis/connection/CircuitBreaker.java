package io.killtoken.adapters.redis.connection;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Whether the node asks Redis at all: closed (ask), open (do not ask until a pause has passed) or
 * half-open (one probe is out; nobody else asks). One failure opens it, because one failure is
 * already a whole timeout that the call paid, and a Redis that answers in well under a millisecond
 * does not time out by chance; each failed probe doubles the pause, up to a ceiling, and a probe
 * that gets an answer closes it.
 */
final class CircuitBreaker {

  /** What a caller may do now. */
  enum Admission {
    /** Closed: ask Redis. */
    CALL,
    /** The pause has passed and this caller is the one to probe; it does not wait for it. */
    PROBE,
    /** Open or half-open: do not ask Redis. */
    REFUSE
  }

  /** The three states of the machine. */
  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  /** One state, with the pause that opened it and when it ends, on the monotonic clock. */
  private record Phase(State state, Duration pause, long retryAtNanos) {}

  private static final Phase CLOSED = new Phase(State.CLOSED, Duration.ZERO, 0);

  private final LongSupplier nanoTime;
  private final Duration firstPause;
  private final Duration longestPause;
  private final AtomicReference<Phase> phase = new AtomicReference<>(CLOSED);

  /**
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
   * @param firstPause how long the first failure stops calls
   * @param longestPause the ceiling the doubling stops at
   */
  CircuitBreaker(LongSupplier nanoTime, Duration firstPause, Duration longestPause) {
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.firstPause = Objects.requireNonNull(firstPause, "firstPause");
    this.longestPause = Objects.requireNonNull(longestPause, "longestPause");
    if (firstPause.toNanos() < 1 || longestPause.compareTo(firstPause) < 0) {
      throw new IllegalArgumentException("need 0 < firstPause <= longestPause");
    }
  }

  /** Asked before every call; at most one caller at a time is told {@link Admission#PROBE}. */
  Admission admit() {
    while (true) {
      Phase now = phase.get();
      switch (now.state()) {
        case CLOSED -> {
          return Admission.CALL;
        }
        case HALF_OPEN -> {
          return Admission.REFUSE;
        }
        case OPEN -> {
          if (nanoTime.getAsLong() - now.retryAtNanos() < 0) {
            return Admission.REFUSE;
          }
          if (phase.compareAndSet(now, new Phase(State.HALF_OPEN, now.pause(), 0))) {
            return Admission.PROBE;
          }
          // Another caller changed the phase first: look again.
        }
      }
    }
  }

  /**
   * A call admitted while closed got no answer. Opens the breaker for the first pause; a call that
   * was already under way when another opened it changes nothing.
   *
   * @return true if this failure opened the breaker
   */
  boolean callFailed() {
    Phase now = phase.get();
    return now.state() == State.CLOSED && phase.compareAndSet(now, open(firstPause));
  }

  /** The probe got an answer: Redis is asked again, and the next outage starts short. */
  void probeSucceeded() {
    phase.set(CLOSED);
  }

  /**
   * The probe got no answer: open again for twice the last pause, at most the ceiling.
   *
   * @return the new pause
   */
  Duration probeFailed() {
    Duration doubled = phase.get().pause().multipliedBy(2);
    Duration next = doubled.compareTo(longestPause) > 0 ? longestPause : doubled;
    phase.set(open(next));
    return next;
  }

  State state() {
    return phase.get().state();
  }

  private Phase open(Duration pause) {
    return new Phase(State.OPEN, pause, nanoTime.getAsLong() + pause.toNanos());
  }
}
