package io.killtoken.adapters.mongo.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.killtoken.adapters.mongo.MongoFixture;
import io.killtoken.adapters.mongo.tenant.MongoTenantRepository;
import io.killtoken.domain.error.DependencyUnavailable;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.tenant.TenantRepository;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutageGuardTest {

  private static final MongoTimeouts QUICK =
      new MongoTimeouts(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(300));

  @Test
  void a_store_that_cannot_reach_mongodb_answers_database_unavailable_with_retry_after() {
    OutageGuard guard = new OutageGuard(Duration.ofSeconds(2));
    try (MongoConnection down =
        MongoConnection.open(MongoFixture.unreachableConnectionString(), "g", QUICK)) {
      TenantRepository guarded =
          guard.guard(TenantRepository.class, new MongoTenantRepository(down.database()));

      DependencyUnavailable outage =
          assertThrows(DependencyUnavailable.class, () -> guarded.find(TenantId.random()));
      assertEquals("database_unavailable", outage.code());
      assertEquals(Duration.ofSeconds(2), outage.retryAfter());
    }
  }

  @Test
  void other_failures_pass_through_unchanged() {
    OutageGuard guard = new OutageGuard(Duration.ofSeconds(2));
    try (MongoConnection up =
        MongoConnection.open(
            MongoFixture.shared().connectionString(), MongoFixture.freshDatabaseName())) {
      TenantRepository guarded =
          guard.guard(TenantRepository.class, new MongoTenantRepository(up.database()));

      assertThrows(NullPointerException.class, () -> guarded.find(null));
      up.database().drop();
    }
  }

  @Test
  void only_a_port_the_store_implements_can_guard_it() {
    OutageGuard guard = new OutageGuard(Duration.ofSeconds(2));
    assertThrows(
        IllegalArgumentException.class, () -> guard.guard(Runnable.class, (Runnable) null));
  }
}
