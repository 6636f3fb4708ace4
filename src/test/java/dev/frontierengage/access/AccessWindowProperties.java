package dev.frontierengage.access;

import dev.frontierengage.process.Clause;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The cap holds for every offer, valid or not: the window is never longer than the policy allows. */
class AccessWindowProperties {

  static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

  @Clause("3(b)(ii) period")
  @Property(tries = 2000)
  void windowNeverExceedsTheCapNorTheAgreedDaysNorPassesThePlannedRelease(
      @ForAll @IntRange(min = -30, max = 400) int startOffset,
      @ForAll @IntRange(min = -10, max = 400) int days,
      @ForAll @IntRange(min = -30, max = 500) int releaseOffset,
      @ForAll @IntRange(min = 1, max = 120) int cap) {
    AccessOffer offer = new AccessOffer(TODAY.plusDays(releaseOffset), TODAY.plusDays(startOffset), days);
    AccessWindow window = AccessWindowRules.window(offer, cap, TODAY);

    assertThat(window.calendarDays()).isLessThanOrEqualTo(cap);
    assertThat(window.calendarDays()).isLessThanOrEqualTo(Math.max(0, days));
    assertThat(window.end()).isAfterOrEqualTo(window.start());
    assertThat(window.start()).isAfterOrEqualTo(TODAY.atStartOfDay(ZoneOffset.UTC).toInstant());
    LocalDate effectiveStart = offer.accessStart().isBefore(TODAY) ? TODAY : offer.accessStart();
    if (!offer.plannedPartnerReleaseDate().isBefore(effectiveStart)) {
      assertThat(window.end()).isBeforeOrEqualTo(
          offer.plannedPartnerReleaseDate().atStartOfDay(ZoneOffset.UTC).toInstant());
    }
  }

  @Property(tries = 2000)
  void validOffersGetExactlyTheDaysAgreed(
      @ForAll @IntRange(min = 0, max = 60) int startOffset,
      @ForAll @IntRange(min = 1, max = 120) int days,
      @ForAll @IntRange(min = 0, max = 200) int releaseOffset,
      @ForAll @IntRange(min = 1, max = 120) int cap) {
    AccessOffer offer = new AccessOffer(TODAY.plusDays(releaseOffset), TODAY.plusDays(startOffset), days);
    boolean valid = AccessWindowRules.violations(offer, TODAY, cap).isEmpty();

    assertThat(valid).isEqualTo(days <= cap && startOffset + days <= releaseOffset);
    if (valid) {
      assertThat(AccessWindowRules.window(offer, cap, TODAY).calendarDays()).isEqualTo(days);
    }
  }
}
