package io.killtoken.domain.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.tenant.TenantId;
import org.junit.jupiter.api.Test;

class EndUserIdsTest {

  private final FingerprintKeys keys = new FingerprintKeys(new byte[32]);

  @Test
  void one_user_of_one_tenant_is_always_the_same_value_and_names_no_one() {
    FingerprintKey key = keys.forTenant(new TenantId("tenant_aaaaaaaa"));
    String hashed = EndUserIds.hashed(key, "alice@example.com");
    assertEquals(hashed, EndUserIds.hashed(key, "alice@example.com"));
    assertTrue(hashed.matches("[0-9a-f]{32}"), hashed);
    assertFalse(hashed.contains("alice"));
    assertNotEquals(hashed, EndUserIds.hashed(key, "bob@example.com"));
  }

  @Test
  void the_same_user_id_of_two_tenants_is_two_unrelated_values() {
    String a = EndUserIds.hashed(keys.forTenant(new TenantId("tenant_aaaaaaaa")), "alice");
    String b = EndUserIds.hashed(keys.forTenant(new TenantId("tenant_bbbbbbbb")), "alice");
    assertNotEquals(a, b);
  }
}
