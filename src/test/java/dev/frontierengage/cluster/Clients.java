package dev.frontierengage.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** A fixed number of concurrent clients, each driving one engagement at a time. */
final class Clients implements AutoCloseable {

  private final ExecutorService threads;
  private final List<Future<String>> runs = new ArrayList<>();

  Clients(int count) {
    threads = Executors.newFixedThreadPool(count);
  }

  /** Queues one engagement's run; it returns the engagement's id. */
  void drive(Callable<String> run) {
    runs.add(threads.submit(run));
  }

  /** Waits for every run, within {@code timeout} in all; a failed run fails here. */
  List<String> awaitAll(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> ids = new ArrayList<>();
    for (Future<String> run : runs) {
      ids.add(run.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
    }
    return ids;
  }

  @Override
  public void close() throws InterruptedException {
    threads.shutdownNow();
    threads.awaitTermination(1, TimeUnit.MINUTES);
  }
}
