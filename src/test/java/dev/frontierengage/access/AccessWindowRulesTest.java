package dev.frontierengage.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Sec. 3(b)(ii) rules, one test for each way to break them. */
class AccessWindowRulesTest {

  static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
  static final int CAP = 30;

  @Test
  void offerWithinTheRulesIsValid() {
    assertThat(AccessWindowRules.violations(
        new AccessOffer(TODAY.plusDays(31), TODAY.plusDays(1), 30), TODAY, CAP)).isEmpty();
  }

  @Test
  void moreDaysThanTheCapAreRefused() {
    assertThat(AccessWindowRules.violations(
        new AccessOffer(TODAY.plusDays(100), TODAY, 31), TODAY, CAP))
        .containsExactly("accessDays 31 exceeds the cap of 30 calendar days (Sec. 3(b)(ii))");
  }

  @Test
  void aWindowEndingAfterThePlannedReleaseIsRefused() {
    assertThat(AccessWindowRules.violations(
        new AccessOffer(TODAY.plusDays(10), TODAY, 11), TODAY, CAP))
        .singleElement().asString().contains("after the planned partner release on 2026-12-11");
  }

  @Test
  void aWindowStartingInThePastIsRefused() {
    assertThat(AccessWindowRules.violations(
        new AccessOffer(TODAY.plusDays(40), TODAY.minusDays(1), 5), TODAY, CAP))
        .singleElement().asString().contains("is in the past");
  }

  @Test
  void zeroOrNegativeDaysAreRefused() {
    assertThat(AccessWindowRules.violations(new AccessOffer(TODAY.plusDays(40), TODAY, 0), TODAY, CAP))
        .containsExactly("accessDays must be at least 1");
    assertThat(AccessWindowRules.violations(new AccessOffer(TODAY.plusDays(40), TODAY, -3), TODAY, CAP))
        .containsExactly("accessDays must be at least 1");
  }

  @Test
  void everyBrokenRuleIsReportedAtOnce() {
    assertThat(AccessWindowRules.violations(
        new AccessOffer(TODAY.minusDays(2), TODAY.minusDays(5), 45), TODAY, CAP)).hasSize(3);
  }

  @Test
  void windowRunsFromMidnightUtcOfTheStartForTheAgreedDays() {
    AccessWindow window = AccessWindowRules.window(
        new AccessOffer(TODAY.plusDays(40), TODAY.plusDays(2), 14), CAP, TODAY);
    assertThat(window.start()).isEqualTo(TODAY.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant());
    assertThat(Duration.between(window.start(), window.end())).isEqualTo(Duration.ofDays(14));
  }

  @Test
  void windowIsCutAtTheCapAndThePlannedReleaseWhicheverComesFirst() {
    assertThat(AccessWindowRules.window(new AccessOffer(TODAY.plusDays(90), TODAY, 60), CAP, TODAY)
        .calendarDays()).isEqualTo(30);
    assertThat(AccessWindowRules.window(new AccessOffer(TODAY.plusDays(7), TODAY, 20), CAP, TODAY)
        .calendarDays()).isEqualTo(7);
  }

  @Test
  void termsAcceptedAfterTheOfferedStartOpenTheWindowTodayForTheAgreedDays() {
    AccessWindow late = AccessWindowRules.window(
        new AccessOffer(TODAY.plusDays(60), TODAY.minusDays(5), 20), CAP, TODAY);
    assertThat(late.start()).isEqualTo(TODAY.atStartOfDay(ZoneOffset.UTC).toInstant());
    assertThat(late.calendarDays()).isEqualTo(20);
    AccessWindow cutByRelease = AccessWindowRules.window(
        new AccessOffer(TODAY.plusDays(3), TODAY.minusDays(5), 20), CAP, TODAY);
    assertThat(cutByRelease.calendarDays()).as("never past the planned release").isEqualTo(3);
  }

  @Test
  void draftPolicyCapOf90DaysAllowsA60DayWindow() {
    assertThat(AccessWindowRules.violations(
        new AccessOffer(TODAY.plusDays(90), TODAY, 60), TODAY, 90)).isEmpty();
    assertThat(AccessWindowRules.violations(
        new AccessOffer(TODAY.plusDays(90), TODAY, 60), TODAY, 30)).hasSize(1);
  }
}
