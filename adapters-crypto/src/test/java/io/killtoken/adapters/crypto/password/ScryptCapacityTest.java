package io.killtoken.adapters.crypto.password;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScryptCapacityTest {

  private static final long MIB = 1024L * 1024;
  private static final ScryptParameters OWASP = ScryptParameters.OWASP_MINIMUM;

  @Test
  void the_shipped_192_mib_heap_holds_one_owasp_hash_at_a_time() {
    ScryptCapacity capacity = new ScryptCapacity(192 * MIB);

    assertEquals(64 * MIB, capacity.headroomBytes());
    assertEquals(128, capacity.budgetMib());
    assertEquals(1, capacity.concurrentHashes(OWASP));
  }

  @Test
  void a_larger_heap_holds_more_hashes_and_keeps_a_quarter_for_everything_else() {
    ScryptCapacity capacity = new ScryptCapacity(2048 * MIB);

    assertEquals(512 * MIB, capacity.headroomBytes());
    assertEquals(12, capacity.concurrentHashes(OWASP));
  }

  @Test
  void a_heap_smaller_than_one_hash_and_its_headroom_holds_none() {
    assertEquals(0, new ScryptCapacity(160 * MIB).concurrentHashes(OWASP));
    assertEquals(0, new ScryptCapacity(32 * MIB).budgetMib());
  }

  @Test
  void a_costlier_hash_takes_more_of_the_budget() {
    ScryptParameters doubled = new ScryptParameters(1 << 18, 8, 1, 32);

    assertEquals(256, ScryptCapacity.mibOf(doubled));
    assertEquals(3, new ScryptCapacity(1024 * MIB).concurrentHashes(doubled));
  }
}
