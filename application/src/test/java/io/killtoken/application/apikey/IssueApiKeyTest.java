package io.killtoken.application.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.apikey.ApiKey;
import io.killtoken.domain.apikey.ApiKeyFormat;
import io.killtoken.domain.apikey.ApiKeyLimits;
import io.killtoken.domain.apikey.ApiKeyScope;
import io.killtoken.domain.error.InvalidRequest;
import io.killtoken.domain.money.MicroDollars;
import io.killtoken.domain.page.PageRequest;
import java.lang.reflect.RecordComponent;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IssueApiKeyTest {

  private final ApiKeyFixture f = new ApiKeyFixture();

  @Test
  void an_issued_key_is_stored_with_its_name_scopes_limits_and_creation_time() {
    ApiKeyLimits limits =
        new ApiKeyLimits(
            OptionalInt.of(60), Optional.of(MicroDollars.ofDollars(5)), Set.of("gpt-4o"));

    IssuedApiKey issued =
        f.issue.issue(
            new IssueApiKeyCommand(
                f.tenantA, "  production  ", Set.of(ApiKeyScope.GATEWAY), limits));

    ApiKey stored = f.keys.find(f.tenantA, issued.key().id()).orElseThrow();
    assertEquals(issued.key(), stored);
    assertEquals("production", stored.name());
    assertEquals(Set.of(ApiKeyScope.GATEWAY), stored.scopes());
    assertEquals(limits, stored.limits());
    assertEquals(f.clock.instant(), stored.createdAt());
    assertEquals(Optional.empty(), stored.lastUsedAt());
    assertEquals(f.tenantA, stored.tenantId());
  }

  @Test
  void the_full_key_has_the_kt_format_and_a_preview_of_its_ends() {
    IssuedApiKey issued = f.issue(f.tenantA, "ci", ApiKeyScope.GATEWAY);
    String plain = issued.plain().value();

    assertEquals(plain, ApiKeyFormat.parse(plain).value());
    assertTrue(plain.startsWith("kt_"));
    assertEquals(
        "kt_" + plain.substring(3, 7) + "…" + plain.substring(plain.length() - 4),
        issued.key().preview());
  }

  @Test
  void the_store_never_holds_the_full_key() {
    IssuedApiKey issued = f.issue(f.tenantA, "ci", ApiKeyScope.GATEWAY, ApiKeyScope.ADMIN);
    String plain = issued.plain().value();
    String body = plain.substring(3, plain.length() - 6);

    ApiKey stored = f.keys.list(f.tenantA, PageRequest.first()).items().getFirst();

    assertFalse(stored.toString().contains(plain));
    assertFalse(stored.toString().contains(body));
    for (RecordComponent field : ApiKey.class.getRecordComponents()) {
      String value = String.valueOf(read(field, stored));
      assertFalse(value.contains(body), field.getName() + " holds the key");
    }
    assertEquals(ApiKeyFormat.hash(issued.plain()), stored.hash());
  }

  @Test
  void the_result_never_prints_the_full_key() {
    IssuedApiKey issued = f.issue(f.tenantA, "ci", ApiKeyScope.GATEWAY);

    assertFalse(issued.toString().contains(issued.plain().value()));
  }

  @Test
  void every_issued_key_is_different() {
    IssuedApiKey first = f.issue(f.tenantA, "one", ApiKeyScope.GATEWAY);
    IssuedApiKey second = f.issue(f.tenantA, "two", ApiKeyScope.GATEWAY);

    assertNotEquals(first.plain(), second.plain());
    assertNotEquals(first.key().id(), second.key().id());
    assertNotEquals(first.key().hash(), second.key().hash());
  }

  @ParameterizedTest
  @NullAndEmptySource
  void a_key_without_scopes_is_refused_naming_scopes(Set<ApiKeyScope> scopes) {
    InvalidRequest refused =
        assertThrows(
            InvalidRequest.class,
            () ->
                f.issue.issue(new IssueApiKeyCommand(f.tenantA, "ci", scopes, ApiKeyLimits.NONE)));

    assertTrue(refused.getMessage().contains("'scopes'"), refused.getMessage());
    assertEquals(0, f.keys.list(f.tenantA, PageRequest.first()).items().size());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "tab\tinside"})
  void a_key_with_a_bad_name_is_refused_naming_name(String name) {
    InvalidRequest refused =
        assertThrows(
            InvalidRequest.class,
            () ->
                f.issue.issue(
                    new IssueApiKeyCommand(
                        f.tenantA, name, Set.of(ApiKeyScope.GATEWAY), ApiKeyLimits.NONE)));

    assertTrue(refused.getMessage().contains("'name'"), refused.getMessage());
    assertEquals(0, f.keys.list(f.tenantA, PageRequest.first()).items().size());
  }

  @Test
  void a_101_character_name_is_refused() {
    assertThrows(
        InvalidRequest.class,
        () ->
            f.issue.issue(
                new IssueApiKeyCommand(
                    f.tenantA, "n".repeat(101), Set.of(ApiKeyScope.GATEWAY), ApiKeyLimits.NONE)));
  }

  private static Object read(RecordComponent field, ApiKey key) {
    try {
      return field.getAccessor().invoke(key);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
