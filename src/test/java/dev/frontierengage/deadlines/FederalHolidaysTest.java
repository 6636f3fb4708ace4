package dev.frontierengage.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The computed holidays match OPM's published lists, including the observed-day edge cases. */
class FederalHolidaysTest {

  @Test
  void theHolidaysOf2026AsOpmPublishesThem() {
    assertThat(FederalHolidays.observedIn(2026)).containsExactly(
        LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 19), LocalDate.of(2026, 2, 16),
        LocalDate.of(2026, 5, 25), LocalDate.of(2026, 6, 19),
        LocalDate.of(2026, 7, 3), // Independence Day falls on a Saturday
        LocalDate.of(2026, 9, 7), LocalDate.of(2026, 10, 12), LocalDate.of(2026, 11, 11),
        LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 25));
  }

  @Test
  void theHolidaysOf2027IncludeNewYearsDayOf2028ObservedOnDecember31() {
    assertThat(FederalHolidays.observedIn(2027)).containsExactly(
        LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 18), LocalDate.of(2027, 2, 15),
        LocalDate.of(2027, 5, 31),
        LocalDate.of(2027, 6, 18), // Juneteenth falls on a Saturday
        LocalDate.of(2027, 7, 5), // Independence Day falls on a Sunday
        LocalDate.of(2027, 9, 6), LocalDate.of(2027, 10, 11), LocalDate.of(2027, 11, 11),
        LocalDate.of(2027, 11, 25),
        LocalDate.of(2027, 12, 24), // Christmas Day falls on a Saturday
        LocalDate.of(2027, 12, 31)); // New Year's Day 2028 falls on a Saturday
    assertThat(FederalHolidays.observedIn(2028)).doesNotContain(LocalDate.of(2028, 1, 1))
        .contains(LocalDate.of(2028, 1, 17));
  }

  @Test
  void eachYearIsComputedOnceAndCannotBeChangedByTheOneWhoAsked() {
    // a deadline asks for the year's holidays at each working day it counts: the same set each time
    assertThat(FederalHolidays.observedIn(2031)).isSameAs(FederalHolidays.observedIn(2031));
    assertThatThrownBy(() -> FederalHolidays.observedIn(2031).add(LocalDate.of(2031, 3, 3)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(FederalHolidays.isObserved(LocalDate.of(2031, 3, 3))).isFalse();
    // years outside those kept are computed each time, alike
    int far = FederalHolidays.LAST_KEPT + 1;
    assertThat(FederalHolidays.observedIn(far)).isNotSameAs(FederalHolidays.observedIn(far))
        .isEqualTo(FederalHolidays.observedIn(far)).contains(FederalHolidays.observedDay(LocalDate.of(far, 12, 25)));
  }

  @Test
  void juneteenthIsAHolidayFrom2021() {
    assertThat(FederalHolidays.isObserved(LocalDate.of(2020, 6, 19))).isFalse();
    assertThat(FederalHolidays.isObserved(LocalDate.of(2023, 6, 19))).isTrue();
  }

  @Test
  void workingDaysSkipWeekendsAndObservedHolidays() {
    // Wednesday before Thanksgiving 2026 + 2 working days: Friday 27th, then Monday 30th
    assertThat(WorkingDays.add(LocalDate.of(2026, 11, 25), 2)).isEqualTo(LocalDate.of(2026, 11, 30));
    // Friday 2027-12-24 and 2027-12-31 are observed holidays
    assertThat(WorkingDays.add(LocalDate.of(2027, 12, 23), 1)).isEqualTo(LocalDate.of(2027, 12, 27));
    assertThat(WorkingDays.add(LocalDate.of(2027, 12, 30), 1)).isEqualTo(LocalDate.of(2028, 1, 3));
  }
}
