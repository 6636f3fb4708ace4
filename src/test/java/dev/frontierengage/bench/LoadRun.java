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

  /**
   * {@code lateSteps}: steps done after time was up by clients finishing their engagement (a run
   * that is {@code finishing}); {@code lifecycles} counts the engagements finished, late ones too.
   */
  record Result(int clients, int seconds, long steps, long lateSteps, long lifecycles, long failures,
      double lifecyclesPerSecond, List<String> firstFailures) {}

  /**
   * Counts steps until time is up, then stops the clients at their next step, or, in a run that
   * finishes what it began, lets each finish the engagement it is in and counts those steps apart.
   */
  static final class Clock {
    private final long end;
    private final AtomicLong steps;
    private final AtomicLong late;
    private final boolean finishing;

    private Clock(long end, AtomicLong steps, AtomicLong late, boolean finishing) {
      this.end = end;
      this.steps = steps;
      this.late = late;
      this.finishing = finishing;
    }

    boolean timeUp() {
      return System.nanoTime() > end;
    }

    void stepDone() {
      if (!timeUp()) {
        steps.incrementAndGet();
      } else if (finishing) {
        late.incrementAndGet();
      } else {
        throw new TimeUp();
      }
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
    return run(name, clients, seconds, stepsPerLifecycle, factory, false);
  }

  /**
   * As {@link #run(String, int, int, int, Clients)}, for an unmeasured run (a warm-up) when
   * {@code finishing}: when time is up each client finishes the engagement it is in before it
   * stops. A measured run stops its clients at once, and each leaves its engagement where it
   * stood: running, with its tasks and timers, in the database of the runs after it. Runs that
   * finish what they began leave nothing behind (but an engagement whose step failed, which a
   * failure count reports), so that a variant that runs more unmeasured chunks than another (a
   * longer warm-up) is not measured on a database with more abandoned engagements in it (in a
   * PostgreSQL run before this, anchor (a), whose database was brought to ours' age in 10 s
   * chunks of 16 clients, held 631 running engagements at the end against ours' 181).
   */
  static Result run(String name, int clients, int seconds, int stepsPerLifecycle, Clients factory, boolean finishing)
      throws InterruptedException {
    AtomicLong steps = new AtomicLong();
    AtomicLong late = new AtomicLong();
    AtomicLong lifecycles = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    List<String> firstFailures = java.util.Collections.synchronizedList(new ArrayList<>());
    Clock clock = new Clock(System.nanoTime() + seconds * 1_000_000_000L, steps, late, finishing);
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
    return new Result(clients, seconds, steps.get(), late.get(), lifecycles.get(), failures.get(),
        steps.get() / (double) stepsPerLifecycle / seconds, List.copyOf(firstFailures));
  }
}
