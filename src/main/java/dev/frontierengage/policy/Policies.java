package dev.frontierengage.policy;

import dev.frontierengage.policy.PartnerCategory;
import dev.frontierengage.policy.PolicyCatalog.Version;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The validated policy versions and the active one. An invalid catalog stops start-up with
 * every problem, each naming the policy and the field.
 */
@Component
public class Policies {

  /**
   * Sec. 3(b)(ii) of the order as signed: access "for a period of up to 30 days". A policy in
   * force may shorten the window, never lengthen it; only a draft (never in force, which the
   * {@code prod} profile refuses to make active) may hold another text's cap.
   */
  static final int SIGNED_ACCESS_CAP_DAYS = 30;

  static final Set<String> AGENCY_STEPS = Set.of("intake", "benchmark", "consultation", "decision",
      "access-terms", "vetting");

  private final Map<String, Policy> byId = new LinkedHashMap<>();
  private final Policy active;

  public Policies(PolicyCatalog catalog) {
    List<String> problems = new ArrayList<>();
    for (Version version : catalog.versions()) {
      Policy policy = validate(version, problems);
      if (policy != null && byId.put(policy.id(), policy) != null) {
        problems.add("policy " + policy.id() + ": id is used by two policies");
      }
    }
    if (catalog.versions().isEmpty()) {
      problems.add("frontier-engage.policies.versions: no policy is configured");
    }
    active = byId.get(catalog.active());
    if (active == null && problems.isEmpty()) {
      problems.add("frontier-engage.policies.active: '" + catalog.active() + "' is none of "
          + byId.keySet());
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Invalid policy configuration:\n - " + String.join("\n - ", problems));
    }
  }

  /** The policy new engagements are bound to. */
  public Policy active() {
    return active;
  }

  /** Every configured policy by id. */
  public Map<String, Policy> all() {
    return Map.copyOf(byId);
  }

  private static Policy validate(Version v, List<String> problems) {
    String name = "policy " + (v.id() == null || v.id().isBlank() ? "(without id)" : v.id()) + ": ";
    int before = problems.size();
    if (v.id() == null || v.id().isBlank()) {
      problems.add(name + "id is required");
    }
    LocalDate effective = null;
    try {
      effective = v.effectiveDate() == null ? null : LocalDate.parse(v.effectiveDate());
    } catch (DateTimeParseException e) {
      problems.add(name + "effective-date '" + v.effectiveDate() + "' cannot be parsed (YYYY-MM-DD)");
    }
    if (v.effectiveDate() == null) {
      problems.add(name + "effective-date is required");
    }
    if (v.accessCapDays() == null || v.accessCapDays() <= 0) {
      problems.add(name + "access-cap-days must be a positive number of days, was " + v.accessCapDays());
    } else if (v.accessCapDays() > SIGNED_ACCESS_CAP_DAYS && !v.isDraft()) {
      problems.add(name + "access-cap-days " + v.accessCapDays() + " is longer than the " + SIGNED_ACCESS_CAP_DAYS
          + " days of Sec. 3(b)(ii) of the order as signed (\"up to 30 days\"); only a draft (draft: true, never"
          + " in force) may hold another text's cap");
    }
    if (v.consultationOffices() == null || v.consultationOffices().isEmpty()
        || v.consultationOffices().stream().anyMatch(o -> o == null || o.isBlank())) {
      // Sec. 3(a): the Director of NSA decides "in consultation with" the offices the order names;
      // with none, the consultation step would make no task and the decision would follow alone
      problems.add(name + "consultation-offices must list the offices' groups (at least one: the Director of NSA"
          + " decides in consultation with them)");
    } else if (Set.copyOf(v.consultationOffices()).size() != v.consultationOffices().size()) {
      problems.add(name + "consultation-offices names an office twice: " + v.consultationOffices());
    }
    Duration consultation = wait(name, "consultation-period", v.consultationPeriod(), problems);
    Duration clarification = wait(name, "clarification-timeout", v.clarificationTimeout(), problems);
    Duration offer = wait(name, "access-offer-timeout", v.accessOfferTimeout(), problems);
    Duration terms = wait(name, "terms-acceptance-timeout", v.termsAcceptanceTimeout(), problems);
    Period grace = period(name, "release-report-grace", v.releaseReportGrace(), problems);
    Map<String, Integer> due = v.agencyDueDays() == null ? Map.of() : v.agencyDueDays();
    if (!due.keySet().equals(AGENCY_STEPS)) {
      problems.add(name + "agency-due-days must give " + AGENCY_STEPS + ", gave " + due.keySet());
    }
    due.forEach((step, days) -> {
      if (days == null || days <= 0) {
        problems.add(name + "agency-due-days." + step + " must be a positive number of days");
      }
    });
    List<PartnerCategory> categories = new ArrayList<>();
    for (String category : v.partnerCategories() == null ? List.<String>of() : v.partnerCategories()) {
      try {
        categories.add(PartnerCategory.valueOf(category));
      } catch (IllegalArgumentException e) {
        problems.add(name + "partner-categories: '" + category + "' is none of "
            + List.of(PartnerCategory.values()));
      }
    }
    if (categories.isEmpty() && problems.size() == before) {
      problems.add(name + "partner-categories must name at least one category");
    }
    if (problems.size() > before) {
      return null;
    }
    return new Policy(v.id(), v.title(), effective, v.accessCapDays(),
        List.copyOf(v.consultationOffices()), consultation, clarification, offer, terms, grace,
        Map.copyOf(due), List.copyOf(categories));
  }

  private static Duration wait(String name, String field, String value, List<String> problems) {
    return positive(name, field, value, problems, "duration", Duration::parse, d -> d.isNegative() || d.isZero());
  }

  private static Period period(String name, String field, String value, List<String> problems) {
    return positive(name, field, value, problems, "period", Period::parse, p -> p.isNegative() || p.isZero());
  }

  /** An ISO-8601 amount longer than zero, or null with the problem recorded. */
  private static <T> T positive(String name, String field, String value, List<String> problems, String kind,
      Function<String, T> parse, Predicate<T> notPositive) {
    if (value == null) {
      problems.add(name + field + " is required (an ISO-8601 " + kind + " such as P30D)");
      return null;
    }
    try {
      T amount = parse.apply(value);
      if (notPositive.test(amount)) {
        problems.add(name + field + " must be longer than zero, was " + value);
      }
      return amount;
    } catch (DateTimeParseException e) {
      problems.add(name + field + " '" + value + "' is not an ISO-8601 " + kind + " such as P30D");
      return null;
    }
  }
}
