package dev.frontierengage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Requests sent at the same moment, each on a thread of its own, all released together. */
public final class SameMoment {

  private SameMoment() {
  }

  /** How many of {@code count} attempts ({@code attempt.apply(i)}: true when it was taken) were taken. */
  public static long taken(int count, IntFunction<Callable<Boolean>> attempt) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        Callable<Boolean> one = attempt.apply(i);
        results.add(pool.submit(() -> {
          start.await();
          return one.call();
        }));
      }
      start.countDown();
      long taken = 0;
      for (Future<Boolean> result : results) {
        taken += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
      return taken;
    } finally {
      pool.shutdownNow();
    }
  }
}
