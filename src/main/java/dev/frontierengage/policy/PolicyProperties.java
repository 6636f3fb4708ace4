package dev.frontierengage.policy;

import java.time.Period;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The policy an engagement is bound to when it starts (config {@code frontier-engage.policy}).
 * The defaults in {@code config/application.yaml} are the signed order's values.
 *
 * @param id the policy's name, e.g. {@code eo-14409}
 * @param accessCapDays Sec. 3(b)(ii): the longest government access window, in calendar days
 * @param consultationOffices Sec. 3(a): the groups of the offices the Director of NSA consults
 * @param consultationPeriod how long the consultation round stays open
 * @param clarificationTimeout how long the developer has to answer a clarification request
 * @param accessOfferTimeout how long the developer has to decide on an access offer
 * @param termsAcceptanceTimeout how long the developer has to accept the access terms
 * @param releaseReportGrace how long after the planned partner release the engagement waits
 *     for the developer's release report before it closes
 */
@ConfigurationProperties("frontier-engage.policy")
public record PolicyProperties(
    String id,
    int accessCapDays,
    List<String> consultationOffices,
    Period consultationPeriod,
    Period clarificationTimeout,
    Period accessOfferTimeout,
    Period termsAcceptanceTimeout,
    Period releaseReportGrace) {

  public PolicyProperties {
    require(id != null && !id.isBlank(), "id", "is required");
    require(accessCapDays > 0, "access-cap-days", "must be a positive number of days");
    require(consultationOffices != null, "consultation-offices", "is required");
    consultationOffices = List.copyOf(consultationOffices);
    require(consultationOffices.stream().noneMatch(o -> o == null || o.isBlank()),
        "consultation-offices", "must not contain an empty office");
    positive(consultationPeriod, "consultation-period");
    positive(clarificationTimeout, "clarification-timeout");
    positive(accessOfferTimeout, "access-offer-timeout");
    positive(termsAcceptanceTimeout, "terms-acceptance-timeout");
    positive(releaseReportGrace, "release-report-grace");
  }

  private static void positive(Period period, String field) {
    require(period != null, field, "is required (an ISO-8601 period such as P30D)");
    require(!period.isNegative() && !period.isZero(), field, "must be longer than zero");
  }

  private static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new IllegalArgumentException("frontier-engage.policy." + field + " " + problem);
    }
  }
}
