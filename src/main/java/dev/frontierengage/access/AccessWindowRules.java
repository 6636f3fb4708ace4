package dev.frontierengage.access;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Sec. 3(b)(ii): the Federal Government's access to a covered frontier model lasts at most
 * the policy's cap, in calendar days, and ends before the developer releases the model to
 * other trusted partners. Offers outside these rules are refused, never clipped.
 */
public final class AccessWindowRules {

  private AccessWindowRules() {}

  /**
   * Every rule the offer breaks, as sentences a developer can act on; empty when it is valid.
   *
   * @param today the current date (UTC); a window may start today but not before
   * @param capDays the engagement's policy cap in calendar days
   */
  public static List<String> violations(AccessOffer offer, LocalDate today, int capDays) {
    List<String> violations = new ArrayList<>();
    if (offer.accessDays() < 1) {
      violations.add("accessDays must be at least 1");
    } else if (offer.accessDays() > capDays) {
      violations.add("accessDays " + offer.accessDays() + " exceeds the cap of " + capDays
          + " calendar days (Sec. 3(b)(ii))");
    }
    if (offer.accessStart().isBefore(today)) {
      violations.add("accessStart " + offer.accessStart() + " is in the past (today is "
          + today + ")");
    }
    if (offer.accessDays() >= 1) {
      LocalDate end = offer.accessStart().plusDays(offer.accessDays());
      if (end.isAfter(offer.plannedPartnerReleaseDate())) {
        violations.add("the access window would end on " + end + ", after the planned partner"
            + " release on " + offer.plannedPartnerReleaseDate()
            + "; access comes before release to other trusted partners");
      }
    }
    return violations;
  }

  /**
   * The window for an accepted offer: from the start of {@code accessStart} (UTC), or of
   * {@code today} when the terms were accepted after that day, for the days agreed, and never
   * past the planned partner release nor past the cap. The window is never longer than agreed.
   */
  public static AccessWindow window(AccessOffer offer, int capDays, LocalDate today) {
    LocalDate start = offer.accessStart().isBefore(today) ? today : offer.accessStart();
    LocalDate end = earliest(start.plusDays(Math.max(0, offer.accessDays())),
        earliest(offer.plannedPartnerReleaseDate(), start.plusDays(capDays)));
    return new AccessWindow(midnight(start), midnight(end.isBefore(start) ? start : end));
  }

  private static LocalDate earliest(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant midnight(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
