package io.killtoken.domain.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.error.SecretUnavailable;
import io.killtoken.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OpenedSecretsTest {

  private static final Duration KEEP = Duration.ofMinutes(5);

  private final BindingCheckingCipher real = new BindingCheckingCipher();
  private final AtomicInteger opens = new AtomicInteger();
  private final SecretCipher counting =
      new SecretCipher() {
        @Override
        public SealedSecret seal(PlainSecret secret, SecretBinding binding) {
          return real.seal(secret, binding);
        }

        @Override
        public PlainSecret open(SealedSecret sealed, SecretBinding binding) {
          opens.incrementAndGet();
          return real.open(sealed, binding);
        }
      };
  private Instant now = Instant.parse("2026-12-04T10:00:00Z");
  private final OpenedSecrets secrets = new OpenedSecrets(counting, () -> now, KEEP, 100);
  private final SecretBinding owner = new SecretBinding(new TenantId("tenant-a"), "cred-1");

  @Test
  void a_secret_is_decrypted_once_while_it_is_kept_and_again_after() {
    SealedSecret sealed = secrets.seal(new PlainSecret("sk-CANARY-0001"), owner);

    assertEquals("sk-CANARY-0001", secrets.open(sealed, owner).value());
    now = now.plus(KEEP).minusSeconds(1);
    assertEquals("sk-CANARY-0001", secrets.open(sealed, owner).value());
    assertEquals(1, opens.get());

    now = now.plusSeconds(1);
    assertEquals("sk-CANARY-0001", secrets.open(sealed, owner).value());
    assertEquals(2, opens.get());
  }

  @Test
  void a_kept_secret_does_not_open_under_another_records_binding() {
    SealedSecret sealed = secrets.seal(new PlainSecret("sk-CANARY-0001"), owner);
    secrets.open(sealed, owner);

    SecretBinding other = new SecretBinding(new TenantId("tenant-b"), "cred-1");
    assertThrows(SecretUnavailable.class, () -> secrets.open(sealed, other));
  }

  @Test
  void a_ciphertext_that_does_not_open_is_tried_again_every_time() {
    SealedSecret forged = new SealedSecret("Zm9yZ2Vk");

    assertThrows(SecretUnavailable.class, () -> secrets.open(forged, owner));
    assertThrows(SecretUnavailable.class, () -> secrets.open(forged, owner));
    assertEquals(2, opens.get());
  }

  @Test
  void it_holds_no_more_plaintexts_than_its_capacity() {
    OpenedSecrets small = new OpenedSecrets(counting, () -> now, KEEP, 2);
    for (int i = 0; i < 5; i++) {
      SecretBinding binding = new SecretBinding(new TenantId("tenant-a"), "cred-" + i);
      small.open(small.seal(new PlainSecret("sk-CANARY-000" + i), binding), binding);
      assertTrue(small.held() <= 2, "held " + small.held());
    }
  }
}
