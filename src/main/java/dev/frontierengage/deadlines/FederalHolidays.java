package dev.frontierengage.deadlines;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The legal public holidays of 5 U.S.C. 6103(a), computed for any year, on the days federal
 * offices observe them: a holiday on a Saturday is observed the Friday before, one on a Sunday
 * the Monday after (5 U.S.C. 6103(b); Executive Order 11582). Inauguration Day, a holiday only
 * for the Washington, D.C. area, is not included.
 */
public final class FederalHolidays {

  /** The years kept once computed: every year a deadline of the engine can fall in, and far beyond. */
  static final int FIRST_KEPT = 1900;
  static final int LAST_KEPT = 2400;

  /**
   * Each year's observed holidays, computed once: a deadline counts its working days one by one,
   * and each day asked for the whole year's set.
   */
  private static final Map<Integer, SortedSet<LocalDate>> KEPT = new ConcurrentHashMap<>();

  private FederalHolidays() {}

  /**
   * The observed holidays that fall in {@code year} (New Year's Day of the next year may too), in
   * order; the set cannot be changed.
   */
  public static SortedSet<LocalDate> observedIn(int year) {
    if (year < FIRST_KEPT || year > LAST_KEPT) {
      return compute(year);
    }
    return KEPT.computeIfAbsent(year, FederalHolidays::compute);
  }

  private static SortedSet<LocalDate> compute(int year) {
    SortedSet<LocalDate> observed = new TreeSet<>();
    for (LocalDate holiday : legal(year)) {
      observed.add(observedDay(holiday));
    }
    LocalDate nextNewYear = observedDay(LocalDate.of(year + 1, Month.JANUARY, 1));
    if (nextNewYear.getYear() == year) {
      observed.add(nextNewYear);
    }
    observed.removeIf(day -> day.getYear() != year);
    return Collections.unmodifiableSortedSet(observed);
  }

  public static boolean isObserved(LocalDate day) {
    return observedIn(day.getYear()).contains(day);
  }

  /** The legal dates of the year's holidays, before moving weekend ones. */
  static Set<LocalDate> legal(int year) {
    Set<LocalDate> days = new TreeSet<>();
    days.add(LocalDate.of(year, Month.JANUARY, 1)); // New Year's Day
    days.add(nth(year, Month.JANUARY, DayOfWeek.MONDAY, 3)); // Birthday of Martin Luther King, Jr.
    days.add(nth(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3)); // Washington's Birthday
    days.add(LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY))); // Memorial Day
    if (year >= 2021) {
      days.add(LocalDate.of(year, Month.JUNE, 19)); // Juneteenth National Independence Day
    }
    days.add(LocalDate.of(year, Month.JULY, 4)); // Independence Day
    days.add(nth(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1)); // Labor Day
    days.add(nth(year, Month.OCTOBER, DayOfWeek.MONDAY, 2)); // Columbus Day
    days.add(LocalDate.of(year, Month.NOVEMBER, 11)); // Veterans Day
    days.add(nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4)); // Thanksgiving Day
    days.add(LocalDate.of(year, Month.DECEMBER, 25)); // Christmas Day
    return days;
  }

  static LocalDate observedDay(LocalDate holiday) {
    return switch (holiday.getDayOfWeek()) {
      case SATURDAY -> holiday.minusDays(1);
      case SUNDAY -> holiday.plusDays(1);
      default -> holiday;
    };
  }

  private static LocalDate nth(int year, Month month, DayOfWeek day, int n) {
    return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
  }
}
