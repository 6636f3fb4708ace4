package dev.frontierengage.process;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's clock, so that what the application records and what the engine's timers see
 * agree, also when tests move the clock. This is the only place outside tests that touches
 * {@code ClockUtil}, which lives in Camunda's internal package (see README, maintenance).
 */
public final class EngineClock {

  private EngineClock() {}

  public static Date now() {
    return ClockUtil.getCurrentTime();
  }

  public static Instant instant() {
    return now().toInstant();
  }

  public static LocalDate today() {
    return LocalDate.ofInstant(instant(), ZoneOffset.UTC);
  }
}
