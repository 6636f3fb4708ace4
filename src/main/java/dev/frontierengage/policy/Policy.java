package dev.frontierengage.policy;

import dev.frontierengage.policy.PartnerCategory;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;

/**
 * One version of the policy the order sets, as every engagement started under it reads it.
 *
 * @param id e.g. {@code eo-14409}
 * @param effectiveDate when the text took effect
 * @param accessCapDays Sec. 3(b)(ii): the longest government access window, in calendar days
 * @param consultationOffices Sec. 3(a): the groups of the offices the Director of NSA consults
 * <p>The four waits (consultation, clarification, access offer, terms) are durations: whole days
 * in the order's policies ({@code P30D}); a test configuration may shorten them to seconds.
 *
 * @param consultationPeriod how long the consultation round stays open
 * @param clarificationTimeout how long the developer has to answer a clarification request
 * @param accessOfferTimeout how long the developer has to decide on an access offer
 * @param termsAcceptanceTimeout how long the developer has to accept the access terms
 * @param releaseReportGrace how long after the planned partner release the engagement waits for
 *     the developer's release report
 * @param agencyDueDays working days each agency step has (intake, benchmark, consultation,
 *     decision, access-terms, vetting)
 * @param partnerCategories the kinds of trusted partner that may be proposed (Sec. 2(c)(iii))
 */
public record Policy(String id, String title, LocalDate effectiveDate, int accessCapDays,
    List<String> consultationOffices, Duration consultationPeriod, Duration clarificationTimeout,
    Duration accessOfferTimeout, Duration termsAcceptanceTimeout, Period releaseReportGrace,
    Map<String, Integer> agencyDueDays, List<PartnerCategory> partnerCategories) {

  /** A policy is shared once read (an engagement's record keeps it): its lists and map cannot change. */
  public Policy {
    consultationOffices = consultationOffices == null ? null : List.copyOf(consultationOffices);
    agencyDueDays = agencyDueDays == null ? null : Map.copyOf(agencyDueDays);
    partnerCategories = partnerCategories == null ? null : List.copyOf(partnerCategories);
  }

  /** A wait as the ISO-8601 text a timer reads: {@code P10D} for whole days, else {@code PT5S}. */
  public static String iso(Duration wait) {
    return wait.toSeconds() % 86_400 == 0 && wait.getNano() == 0 ? "P" + wait.toDays() + "D" : wait.toString();
  }
}
