package io.killtoken.domain.billing;

import io.killtoken.domain.tenant.Plan;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The terms of every plan, from configuration; a plan left out keeps its defaults. */
public final class PlanCatalog {

  public static final PlanCatalog DEFAULTS = new PlanCatalog(List.of());

  private final Map<Plan, PlanTerms> terms = new EnumMap<>(Plan.class);

  public PlanCatalog(List<PlanTerms> configured) {
    Arrays.stream(Plan.values()).forEach(plan -> terms.put(plan, PlanTerms.defaults(plan)));
    configured.forEach(t -> terms.put(t.plan(), t));
  }

  public PlanTerms of(Plan plan) {
    return terms.get(Objects.requireNonNull(plan, "plan"));
  }

  public List<PlanTerms> all() {
    return List.copyOf(terms.values());
  }

  /** The plan a Stripe price subscribes to, if any plan has it. */
  public Optional<Plan> planOfPrice(String stripePrice) {
    return terms.values().stream()
        .filter(t -> t.stripePrice().filter(stripePrice::equals).isPresent())
        .map(PlanTerms::plan)
        .findFirst();
  }
}
