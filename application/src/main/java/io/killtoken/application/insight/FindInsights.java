package io.killtoken.application.insight;

import io.killtoken.application.usage.RangeRollups;
import io.killtoken.application.usage.UsageRange;
import io.killtoken.domain.credential.Credential;
import io.killtoken.domain.credential.CredentialRepository;
import io.killtoken.domain.page.Page;
import io.killtoken.domain.page.PageRequest;
import io.killtoken.domain.provider.LlmProvider;
import io.killtoken.domain.provider.PriceList;
import io.killtoken.domain.settings.SettingsRepository;
import io.killtoken.domain.settings.TenantSettings;
import io.killtoken.domain.tenant.TenantId;
import io.killtoken.domain.usage.UsageFacet;
import io.killtoken.domain.usage.UsageFilter;
import io.killtoken.domain.usage.UsageQueries;
import io.killtoken.domain.usage.UsageRollup;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Use case: what a tenant's tokens and dollars were wasted on over a range, and what to change —
 * read from rollups only (never prompt text), so it costs what the range costs. Insights come
 * highest monthly saving first.
 */
public final class FindInsights {

  public static final Duration DEFAULT_SPAN = Duration.ofDays(30);
  public static final Duration LONGEST = Duration.ofDays(92);

  private final RangeRollups rollups;
  private final SettingsRepository settings;
  private final CredentialRepository credentials;
  private final CheaperModels catalog;
  private final InstantSource clock;

  public FindInsights(
      UsageQueries usage,
      SettingsRepository settings,
      CredentialRepository credentials,
      List<LlmProvider> providers,
      PriceList prices,
      InstantSource clock) {
    this.rollups = new RangeRollups(usage);
    this.settings = settings;
    this.credentials = credentials;
    this.catalog = new CheaperModels(providers, prices);
    this.clock = clock;
  }

  public Insights find(TenantId tenant, Optional<Instant> from, Optional<Instant> to) {
    UsageRange range = UsageRange.of(from, to, clock, LONGEST, DEFAULT_SPAN).wholeHours();
    List<UsageRollup> read = rollups.read(tenant, range, false, UsageFilter.ALL, Optional.empty());
    Monthly monthly = new Monthly(Duration.between(range.from(), range.to()));
    TenantSettings chosen = settings.find(tenant).orElseGet(() -> TenantSettings.defaults(tenant));
    List<Insight> found = new ArrayList<>();
    CacheRules.shadowCache(read, chosen, monthly).ifPresent(found::add);
    found.addAll(CacheRules.expensiveModels(read, catalog, monthly));
    found.addAll(WasteRules.cutOff(read, monthly));
    WasteRules.oversizedCaps(read).ifPresent(found::add);
    WasteRules.abandonedStreams(read, monthly).ifPresent(found::add);
    WasteRules.errors(read).ifPresent(found::add);
    WasteRules.estimated(read).ifPresent(found::add);
    List<UsageRollup> prefixes =
        rollups.read(tenant, range, false, UsageFilter.ALL, Optional.of(UsageFacet.PREFIX));
    PrefixRules.repeatedPrefixes(prefixes, catalog, monthly).ifPresent(found::add);
    found.sort(Comparator.comparing(Insight::monthlySaving).reversed());
    return new Insights(range, found, health(tenant, read));
  }

  private List<CredentialHealth> health(TenantId tenant, List<UsageRollup> read) {
    List<CredentialHealth> health = new ArrayList<>();
    PageRequest page = new PageRequest(PageRequest.MAX_LIMIT, Optional.empty());
    while (true) {
      Page<Credential> stored = credentials.list(tenant, page);
      for (Credential credential : stored.items()) {
        health.add(CredentialRules.health(credential, read, clock.instant()));
      }
      if (stored.nextCursor().isEmpty()) {
        return health;
      }
      page = new PageRequest(PageRequest.MAX_LIMIT, stored.nextCursor());
    }
  }
}
