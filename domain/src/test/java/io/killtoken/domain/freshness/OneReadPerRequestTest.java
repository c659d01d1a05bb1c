package io.killtoken.domain.freshness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OneReadPerRequestTest {

  private final AtomicLong value = new AtomicLong();
  private final AtomicInteger reads = new AtomicInteger();
  private final ChangeCounter shared =
      new ChangeCounter() {
        @Override
        public OptionalLong current() {
          reads.incrementAndGet();
          return OptionalLong.of(value.get());
        }

        @Override
        public void advance() {
          value.incrementAndGet();
        }
      };
  private final OneReadPerRequest counter = new OneReadPerRequest(shared);

  @AfterEach
  void endRequest() {
    OneReadPerRequest.end();
  }

  @Test
  void a_request_reads_the_shared_counter_once_for_all_its_lookups() {
    OneReadPerRequest.begin();
    for (int i = 0; i < 4; i++) {
      assertEquals(OptionalLong.of(0), counter.current());
    }
    assertEquals(1, reads.get());
  }

  @Test
  void the_next_request_sees_a_change_made_before_it_began() {
    OneReadPerRequest.begin();
    counter.current();
    OneReadPerRequest.end();
    shared.advance(); // another node revokes a key

    OneReadPerRequest.begin();
    assertEquals(OptionalLong.of(1), counter.current());
  }

  @Test
  void a_request_that_changes_something_reads_the_counter_again() {
    OneReadPerRequest.begin();
    counter.current();
    counter.advance();

    assertEquals(OptionalLong.of(1), counter.current());
    assertEquals(2, reads.get());
  }

  @Test
  void outside_a_request_every_read_goes_to_the_shared_counter() {
    counter.current();
    counter.current();

    assertEquals(2, reads.get());
  }

  @Test
  void an_unreadable_counter_stays_unreadable_for_the_whole_request() {
    OneReadPerRequest none = new OneReadPerRequest(ChangeCounter.NONE);
    OneReadPerRequest.begin();

    assertEquals(OptionalLong.empty(), none.current());
    assertEquals(OptionalLong.empty(), none.current());
  }
}
