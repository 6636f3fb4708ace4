package dev.frontierengage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's clock in application tests: it starts at {@link #START} whatever the wall clock
 * says (03:00 UTC, a federal holiday, a minute before midnight) and ticks from there, so what
 * the engine records keeps its order. Dates a test sends over HTTP are relative to
 * {@link #TODAY}, never to the wall clock.
 */
public final class TestClock {

  /** Mid-morning UTC on a working day, far from midnight and from any federal holiday. */
  public static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  public static final LocalDate TODAY = LocalDate.ofInstant(START, ZoneOffset.UTC);

  private TestClock() {}

  /** Sets the engine's clock to {@link #START}; it runs on from there. */
  public static void start() {
    ClockUtil.offset(START.toEpochMilli() - System.currentTimeMillis());
  }

  /** Sets the engine's clock to {@code after} past {@link #START}; it runs on from there. */
  public static void start(java.time.Duration after) {
    ClockUtil.offset(START.plus(after).toEpochMilli() - System.currentTimeMillis());
  }

  /** Back to the wall clock. */
  public static void reset() {
    ClockUtil.reset();
  }
}
