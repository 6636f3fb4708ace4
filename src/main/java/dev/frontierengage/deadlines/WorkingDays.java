package dev.frontierengage.deadlines;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * The federal business calendar: Monday to Friday, except observed federal holidays. Used only
 * for the agencies' own deadlines; the access window of Sec. 3(b)(ii) is in calendar days and
 * never passes through here.
 */
public final class WorkingDays {

  private WorkingDays() {}

  public static boolean isWorkingDay(LocalDate day) {
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
        && !FederalHolidays.isObserved(day);
  }

  /**
   * The {@code days}-th working day after {@code from} ({@code from} itself never counts: a task
   * created on a Friday with one working day is due on Monday, or Tuesday after a Monday holiday).
   */
  public static LocalDate add(LocalDate from, int days) {
    if (days < 1) {
      throw new IllegalArgumentException("working days must be at least 1, was " + days);
    }
    LocalDate day = from;
    int left = days;
    while (left > 0) {
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        left--;
      }
    }
    return day;
  }
}
