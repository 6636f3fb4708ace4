package dev.frontierengage.bench;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for something the engine does on its own (the job executor), polling with a deadline. */
final class Poll {

  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Poll() {}

  /** The first non-null answer of {@code found}, asked again after a short pause, for at most a minute. */
  static <T> T until(String what, Supplier<T> found) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    long pauseMillis = 5;
    while (true) {
      T answer = found.get();
      if (answer != null) {
        return answer;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("waited " + TIMEOUT.toSeconds() + " s for " + what);
      }
      try {
        Thread.sleep(pauseMillis); // the pause between two polls, not a guess at how long the engine takes
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
      pauseMillis = Math.min(100, pauseMillis * 2);
    }
  }
}
