package dev.frontierengage.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * K clients, each driving whole engagements one after another for a fixed time. Throughput
 * counts the steps finished inside the time, divided by the steps of one lifecycle, so the
 * engagements still in flight when time is up count for what they finished.
 */
final class LoadRun {

  /** One engagement from inquiry to release; calls {@link Clock#stepDone} after every step. */
  interface Lifecycle {
    void run(Clock clock) throws Exception;
  }

  /** Makes the lifecycle of one client (each may keep its own connection or state). */
  interface Clients {
    Lifecycle client(int number);
  }

  record Result(int clients, int seconds, long steps, long lifecycles, long failures,
      double lifecyclesPerSecond, List<String> firstFailures) {}

  /** Counts steps until time is up, then stops the clients at their next step. */
  static final class Clock {
    private final long end;
    private final AtomicLong steps;

    private Clock(long end, AtomicLong steps) {
      this.end = end;
      this.steps = steps;
    }

    boolean timeUp() {
      return System.nanoTime() > end;
    }

    void stepDone() {
      if (timeUp()) {
        throw new TimeUp();
      }
      steps.incrementAndGet();
    }
  }

  static final class TimeUp extends RuntimeException {
    TimeUp() {
      super(null, null, false, false);
    }
  }

  static Result run(int clients, int seconds, int stepsPerLifecycle, Clients factory)
      throws InterruptedException {
    return run("client", clients, seconds, stepsPerLifecycle, factory);
  }

  /**
   * {@code name}: the clients' threads are {@code bench-<name>-<n>}, so a profile of a run with
   * several variants tells whose client a sample was taken on.
   */
  static Result run(String name, int clients, int seconds, int stepsPerLifecycle, Clients factory)
      throws InterruptedException {
    AtomicLong steps = new AtomicLong();
    AtomicLong lifecycles = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    List<String> firstFailures = java.util.Collections.synchronizedList(new ArrayList<>());
    Clock clock = new Clock(System.nanoTime() + seconds * 1_000_000_000L, steps);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Lifecycle lifecycle = factory.client(i);
      Thread thread = new Thread(() -> {
        while (!clock.timeUp()) {
          try {
            lifecycle.run(clock);
            lifecycles.incrementAndGet();
          } catch (TimeUp up) {
            return;
          } catch (Exception | AssertionError failed) {
            failures.incrementAndGet();
            if (firstFailures.size() < 5) {
              firstFailures.add(failed.toString());
            }
          }
        }
      }, "bench-" + name + "-" + i);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return new Result(clients, seconds, steps.get(), lifecycles.get(), failures.get(),
        steps.get() / (double) stepsPerLifecycle / seconds, List.copyOf(firstFailures));
  }
}
