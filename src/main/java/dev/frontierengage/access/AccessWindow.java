package dev.frontierengage.access;

import java.time.Duration;
import java.time.Instant;

/** When government access starts and ends. */
public record AccessWindow(Instant start, Instant end) {

  public long calendarDays() {
    return Duration.between(start, end).toDays();
  }
}
