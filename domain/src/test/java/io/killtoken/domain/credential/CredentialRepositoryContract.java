package io.killtoken.domain.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.provider.ProviderId;
import io.killtoken.domain.secret.SealedSecret;
import io.killtoken.domain.tenant.TenantId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CredentialRepository} must have; each implementation's test extends
 * it. Another tenant's credential must behave exactly like one that does not exist.
 */
public abstract class CredentialRepositoryContract {

  protected static final ProviderId OPENAI = new ProviderId("openai");
  protected static final ProviderId ANTHROPIC = new ProviderId("anthropic");
  private static final Instant CREATED = Instant.parse("2026-11-01T10:15:30.123Z");

  protected abstract CredentialRepository repository();

  protected static Credential credential(TenantId tenant, ProviderId provider, Instant rotatedAt) {
    CredentialId id = CredentialId.random();
    return new Credential(
        id,
        tenant,
        provider,
        "main " + provider.value() + " key",
        new SealedSecret(
            Base64.getEncoder()
                .encodeToString(("sealed:" + id.value()).getBytes(StandardCharsets.UTF_8))),
        "sk-…a1b2",
        CREATED,
        rotatedAt);
  }

  protected static Credential credential(TenantId tenant) {
    return credential(tenant, OPENAI, CREATED);
  }

  protected static final URI BASE_URL = URI.create("https://llm.example.com:8443/v1");

  /** A credential that calls a server of the tenant's own instead of the provider's. */
  protected static Credential withBaseUrl(Credential credential) {
    return new Credential(
        credential.id(),
        credential.tenantId(),
        credential.provider(),
        credential.label(),
        credential.secret(),
        credential.preview(),
        credential.createdAt(),
        credential.rotatedAt(),
        Optional.of(BASE_URL));
  }

  @Test
  void a_saved_credential_is_found_with_every_field() {
    Credential credential =
        credential(TenantId.random(), ANTHROPIC, Instant.parse("2026-11-05T01:02:03.004Z"));

    repository().save(credential);

    assertEquals(
        Optional.of(credential), repository().find(credential.tenantId(), credential.id()));
  }

  @Test
  void a_credentials_base_url_is_kept_for_every_read() {
    Credential credential = withBaseUrl(credential(TenantId.random()));

    repository().save(credential);

    assertEquals(
        Optional.of(credential), repository().find(credential.tenantId(), credential.id()));
    assertEquals(
        Optional.of(credential), repository().findForProvider(credential.tenantId(), OPENAI));
    assertEquals(
        List.of(credential), repository().list(credential.tenantId(), PageRequest.first()).items());
  }

  @Test
  void a_credential_without_a_base_url_reads_back_without_one() {
    Credential credential = credential(TenantId.random());

    repository().save(credential);

    assertEquals(
        Optional.empty(),
        repository().find(credential.tenantId(), credential.id()).orElseThrow().baseUrl());
  }

  @Test
  void a_rotation_keeps_the_base_url() {
    Credential credential = withBaseUrl(credential(TenantId.random()));
    repository().save(credential);
    Credential rotated =
        credential.withSecret(sealed("rotated"), "sk-…r0t8", CREATED.plusSeconds(60));

    assertTrue(repository().replaceSecret(rotated, credential.secret()));

    Credential stored = repository().find(credential.tenantId(), credential.id()).orElseThrow();
    assertEquals(Optional.of(BASE_URL), stored.baseUrl());
    assertEquals(rotated, stored);
  }

  @Test
  void an_unknown_id_finds_nothing() {
    assertTrue(repository().find(TenantId.random(), CredentialId.random()).isEmpty());
  }

  @Test
  void another_tenant_finds_nothing_under_the_credentials_id() {
    Credential credential = credential(TenantId.random());
    repository().save(credential);

    assertTrue(repository().find(TenantId.random(), credential.id()).isEmpty());
  }

  @Test
  void a_rotation_saved_again_replaces_the_secret_and_keeps_one_record() {
    Credential credential = credential(TenantId.random());
    repository().save(credential);
    Credential rotated =
        credential.withSecret(
            new SealedSecret("bmV3IGNpcGhlcnRleHQ="),
            "sk-…c3d4",
            Instant.parse("2026-11-06T00:00:00.001Z"));

    repository().save(rotated);

    assertEquals(Optional.of(rotated), repository().find(credential.tenantId(), credential.id()));
    assertEquals(
        List.of(rotated), repository().list(credential.tenantId(), PageRequest.first()).items());
  }

  @Test
  void saving_under_another_tenants_id_leaves_their_credential_unchanged() {
    Credential victim = credential(TenantId.random());
    repository().save(victim);
    TenantId attacker = TenantId.random();
    Credential forged =
        new Credential(
            victim.id(),
            attacker,
            OPENAI,
            "forged",
            new SealedSecret("Zm9yZ2Vk"),
            "sk-…evil",
            CREATED,
            Instant.parse("2026-12-01T00:00:00Z"));

    repository().save(forged);

    assertEquals(Optional.of(victim), repository().find(victim.tenantId(), victim.id()));
    assertEquals(Optional.of(victim), repository().findForProvider(victim.tenantId(), OPENAI));
    assertTrue(repository().find(attacker, victim.id()).isEmpty(), "nothing is stored for it");
    assertTrue(repository().findForProvider(attacker, OPENAI).isEmpty());
  }

  @Test
  void another_tenant_cannot_delete_the_credential() {
    Credential credential = credential(TenantId.random());
    repository().save(credential);

    assertFalse(repository().delete(TenantId.random(), credential.id()));

    assertEquals(
        Optional.of(credential), repository().find(credential.tenantId(), credential.id()));
  }

  @Test
  void a_deleted_credential_is_gone_for_every_read() {
    Credential credential = credential(TenantId.random());
    repository().save(credential);

    assertTrue(repository().delete(credential.tenantId(), credential.id()));

    assertTrue(repository().find(credential.tenantId(), credential.id()).isEmpty());
    assertTrue(repository().findForProvider(credential.tenantId(), OPENAI).isEmpty());
    assertTrue(repository().list(credential.tenantId(), PageRequest.first()).items().isEmpty());
    assertFalse(repository().delete(credential.tenantId(), credential.id()), "gone already");
  }

  @Test
  void the_provider_lookup_answers_the_tenants_most_recently_rotated_credential() {
    TenantId tenant = TenantId.random();
    Credential older = credential(tenant, OPENAI, Instant.parse("2026-11-02T00:00:00Z"));
    Credential newest = credential(tenant, OPENAI, Instant.parse("2026-11-04T00:00:00.001Z"));
    Credential middle = credential(tenant, OPENAI, Instant.parse("2026-11-04T00:00:00Z"));
    Credential otherProvider = credential(tenant, ANTHROPIC, Instant.parse("2026-11-09T00:00:00Z"));
    // Another tenant's newer key must never be chosen: strict BYOK.
    Credential someoneElses =
        credential(TenantId.random(), OPENAI, Instant.parse("2026-11-20T00:00:00Z"));
    for (Credential c : List.of(older, newest, middle, otherProvider, someoneElses)) {
      repository().save(c);
    }

    assertEquals(Optional.of(newest), repository().findForProvider(tenant, OPENAI));
    assertEquals(Optional.of(otherProvider), repository().findForProvider(tenant, ANTHROPIC));
    assertTrue(repository().findForProvider(tenant, new ProviderId("gemini")).isEmpty());
    assertTrue(repository().findForProvider(TenantId.random(), OPENAI).isEmpty());
  }

  @Test
  void rotating_an_older_credential_makes_it_the_one_the_provider_lookup_answers() {
    TenantId tenant = TenantId.random();
    Credential a = credential(tenant, OPENAI, Instant.parse("2026-11-02T00:00:00Z"));
    Credential b = credential(tenant, OPENAI, Instant.parse("2026-11-03T00:00:00Z"));
    repository().save(a);
    repository().save(b);
    Credential rotated =
        a.withSecret(
            new SealedSecret("cm90YXRlZA=="), "sk-…9z9z", Instant.parse("2026-11-04T00:00:00Z"));

    repository().save(rotated);

    assertEquals(Optional.of(rotated), repository().findForProvider(tenant, OPENAI));
  }

  @Test
  void a_list_holds_only_the_tenants_credentials_in_pages_ordered_by_id() {
    TenantId tenant = TenantId.random();
    List<Credential> own = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      own.add(credential(tenant));
      repository().save(credential(TenantId.random()));
    }
    own.forEach(repository()::save);

    Page<Credential> first = repository().list(tenant, new PageRequest(10, Optional.empty()));
    Page<Credential> second = repository().list(tenant, new PageRequest(10, first.nextCursor()));
    Page<Credential> third = repository().list(tenant, new PageRequest(10, second.nextCursor()));

    assertEquals(
        List.of(10, 10, 5),
        List.of(first.items().size(), second.items().size(), third.items().size()));
    assertEquals(Optional.of(first.items().getLast().id().value()), first.nextCursor());
    assertTrue(third.nextCursor().isEmpty(), "the last page has no cursor");
    List<Credential> all = new ArrayList<>(first.items());
    all.addAll(second.items());
    all.addAll(third.items());
    assertEquals(sortedById(own), all);
  }

  @Test
  void a_page_never_holds_more_than_the_maximum() {
    TenantId tenant = TenantId.random();
    for (int i = 0; i < PageRequest.MAX_LIMIT + 1; i++) {
      repository().save(credential(tenant));
    }

    Page<Credential> page = repository().list(tenant, new PageRequest(10_000, Optional.empty()));

    assertEquals(PageRequest.MAX_LIMIT, page.items().size());
    assertTrue(page.nextCursor().isPresent());
  }

  @Test
  void a_tenant_without_credentials_lists_nothing() {
    repository().save(credential(TenantId.random()));

    assertTrue(repository().list(TenantId.random(), PageRequest.first()).items().isEmpty());
  }

  @Test
  void the_operators_list_pages_through_every_tenants_credentials_in_id_order() {
    List<Credential> saved = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Credential c = credential(TenantId.random(), i % 2 == 0 ? OPENAI : ANTHROPIC, CREATED);
      saved.add(c);
      repository().save(c);
    }

    // The store may hold other tests' credentials too: walk every page, then look for ours.
    List<Credential> walked = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    int pages = 0;
    do {
      Page<Credential> page = repository().listAll(new PageRequest(5, cursor));
      assertTrue(page.items().size() <= 5);
      walked.addAll(page.items());
      cursor = page.nextCursor();
      pages++;
    } while (cursor.isPresent() && pages < 10_000);

    assertEquals(walked.size(), new HashSet<>(walked).size(), "no credential twice");
    assertEquals(sortedById(walked), walked, "ordered by id across pages");
    assertTrue(walked.containsAll(saved), "every tenant's credentials are listed");
  }

  private static List<Credential> sortedById(List<Credential> credentials) {
    List<Credential> sorted = new ArrayList<>(credentials);
    sorted.sort(Comparator.comparing(c -> c.id().value()));
    return sorted;
  }

  private static SealedSecret sealed(String text) {
    return new SealedSecret(
        Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void replace_secret_writes_when_the_stored_secret_is_the_expected_one() {
    Credential credential = credential(TenantId.random());
    repository().save(credential);
    Credential rotated =
        credential.withSecret(sealed("new"), "sk-…new1", Instant.parse("2026-11-02T00:00:00Z"));

    assertTrue(repository().replaceSecret(rotated, credential.secret()));
    assertEquals(rotated, repository().find(credential.tenantId(), credential.id()).orElseThrow());
  }

  @Test
  void replace_secret_loses_against_a_writer_that_came_first() {
    Credential credential = credential(TenantId.random());
    repository().save(credential);
    Credential first = credential.withSecret(sealed("first"), "sk-…1111", CREATED.plusSeconds(1));
    Credential late = credential.withSecret(sealed("late"), "sk-…2222", CREATED.plusSeconds(2));

    assertTrue(repository().replaceSecret(first, credential.secret()));
    assertFalse(repository().replaceSecret(late, credential.secret()));
    assertEquals(first, repository().find(credential.tenantId(), credential.id()).orElseThrow());
  }

  @Test
  void replace_secret_never_brings_a_deleted_credential_back_or_crosses_tenants() {
    Credential deleted = credential(TenantId.random());
    repository().save(deleted);
    repository().delete(deleted.tenantId(), deleted.id());
    Credential victim = credential(TenantId.random());
    repository().save(victim);
    Credential forged =
        new Credential(
            victim.id(),
            TenantId.random(),
            victim.provider(),
            "forged",
            sealed("attacker"),
            "sk-…evil",
            CREATED,
            CREATED);

    assertFalse(
        repository()
            .replaceSecret(deleted.withSecret(sealed("x"), "p", CREATED), deleted.secret()));
    assertTrue(repository().find(deleted.tenantId(), deleted.id()).isEmpty());
    assertFalse(repository().replaceSecret(forged, victim.secret()));
    assertEquals(victim, repository().find(victim.tenantId(), victim.id()).orElseThrow());
  }

  @Test
  void deleting_all_of_a_tenants_credentials_counts_them_and_leaves_other_tenants_ones() {
    TenantId closing = TenantId.random();
    TenantId other = TenantId.random();
    Credential openai = credential(closing, OPENAI, CREATED);
    Credential anthropic = credential(closing, ANTHROPIC, CREATED);
    Credential theirs = credential(other);
    repository().save(openai);
    repository().save(anthropic);
    repository().save(theirs);

    assertEquals(2, repository().deleteAllOf(closing));

    assertTrue(repository().find(closing, openai.id()).isEmpty());
    assertTrue(repository().findForProvider(closing, ANTHROPIC).isEmpty());
    assertEquals(Optional.of(theirs), repository().find(other, theirs.id()));
    assertEquals(0, repository().deleteAllOf(closing), "nothing is left to delete");
  }
}
