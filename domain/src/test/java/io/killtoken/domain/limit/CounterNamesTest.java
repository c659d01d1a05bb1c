package io.killtoken.domain.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CounterNamesTest {

  private static byte[] key(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }

  @Test
  void a_name_is_stable_and_never_holds_the_value() {
    CounterNames names = new CounterNames(key(1));
    LimitKey name = names.name("login:email:", "ada@example.com");

    assertEquals(name, names.name("login:email:", "ada@example.com"));
    assertTrue(name.value().startsWith("login:email:"));
    assertFalse(name.value().contains("ada"));
  }

  @Test
  void another_server_secret_gives_unrelated_names() {
    assertNotEquals(
        new CounterNames(key(1)).name("login:ip:", "203.0.113.9"),
        new CounterNames(key(2)).name("login:ip:", "203.0.113.9"));
  }

  @Test
  void a_short_key_is_refused() {
    assertThrows(IllegalArgumentException.class, () -> new CounterNames(new byte[16]));
  }
}
