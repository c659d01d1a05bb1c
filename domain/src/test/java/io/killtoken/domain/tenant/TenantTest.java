package io.killtoken.domain.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TenantTest {

  private static Tenant named(String name) {
    return new Tenant(TenantId.random(), name, Plan.FREE, Instant.EPOCH);
  }

  @Test
  void a_name_is_counted_in_characters_not_utf16_units() {
    assertEquals(100, named("🚀".repeat(100)).name().codePointCount(0, 200));
    assertThrows(IllegalArgumentException.class, () -> named("🚀".repeat(101)));
  }

  @Test
  void a_blank_name_is_refused_and_a_name_is_trimmed() {
    assertThrows(IllegalArgumentException.class, () -> named("   "));
    assertEquals("Acme", named("  Acme ").name());
  }
}
