package dev.frontierengage.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.access.AccessOffer;
import dev.frontierengage.access.AccessWindow;
import dev.frontierengage.access.AccessWindowRules;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.time.api.constraints.DateRange;

/**
 * The business calendar on any date: a deadline lands on a working day after exactly the given
 * number of working days, never sooner than as many calendar days; the access window of
 * Sec. 3(b)(ii) is counted in calendar days and never lengthened by it.
 */
class WorkingDaysProperties {

  @Property(tries = 2000)
  void aDeadlineIsTheNthWorkingDayAfterTheStart(@ForAll @DateRange(min = "2021-01-01", max = "2040-12-31") LocalDate from,
      @ForAll @IntRange(min = 1, max = 40) int days) {
    LocalDate due = WorkingDays.add(from, days);
    assertThat(WorkingDays.isWorkingDay(due)).isTrue();
    assertThat(due).isAfterOrEqualTo(from.plusDays(days));
    long working = from.plusDays(1).datesUntil(due.plusDays(1)).filter(WorkingDays::isWorkingDay).count();
    assertThat(working).isEqualTo(days);
  }

  @Property(tries = 500)
  void observedHolidaysAreWeekdaysWithinADayOfTheLegalDate(@ForAll @IntRange(min = 2021, max = 2100) int year) {
    assertThat(FederalHolidays.legal(year)).hasSize(11);
    for (LocalDate holiday : FederalHolidays.legal(year)) {
      LocalDate observed = FederalHolidays.observedDay(holiday);
      assertThat(observed.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
      assertThat(Math.abs(ChronoUnit.DAYS.between(holiday, observed))).isLessThanOrEqualTo(1);
      assertThat(FederalHolidays.isObserved(observed)).isTrue();
    }
  }

  @Property(tries = 2000)
  void theAccessWindowIsCalendarDaysAndNeverLongerThanTheCap(
      @ForAll @DateRange(min = "2026-06-02", max = "2035-12-31") LocalDate today,
      @ForAll @IntRange(min = 0, max = 60) int startIn, @ForAll @IntRange(min = 1, max = 90) int days,
      @ForAll @IntRange(min = 1, max = 90) int cap, @ForAll @IntRange(min = 0, max = 200) int releaseIn) {
    LocalDate start = today.plusDays(startIn);
    AccessOffer offer = new AccessOffer(today.plusDays(releaseIn), start, days);
    AccessWindow window = AccessWindowRules.window(offer, cap, today);
    Duration length = Duration.between(window.start(), window.end());
    assertThat(length).isLessThanOrEqualTo(Duration.ofDays(cap));
    if (AccessWindowRules.violations(offer, today, cap).isEmpty()) {
      // a valid offer gets exactly the calendar days agreed, holidays and weekends included
      assertThat(length).isEqualTo(Duration.ofDays(days));
      assertThat(window.end()).isEqualTo(start.plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
  }
}
