package io.killtoken.domain.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlModeTest {

  @Test
  void the_three_settings_are_read_in_any_case() {
    assertEquals(BaseUrlMode.OFF, BaseUrlMode.parse("off"));
    assertEquals(BaseUrlMode.PUBLIC, BaseUrlMode.parse("PUBLIC"));
    assertEquals(BaseUrlMode.PRIVATE, BaseUrlMode.parse(" Private "));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"on", "true", "all", "public,private"})
  void anything_else_is_refused_naming_the_setting_and_its_values(String value) {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> BaseUrlMode.parse(value));

    assertTrue(refused.getMessage().contains("KILLTOKEN_CREDENTIAL_BASE_URLS"));
    assertTrue(refused.getMessage().contains("off, public, private"));
  }
}
