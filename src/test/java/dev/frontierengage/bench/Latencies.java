package dev.frontierengage.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Response times per endpoint ({@code GET /api/engagements/{id}}), recorded from many threads. */
final class Latencies {

  /** One endpoint's figures in milliseconds. */
  record Stats(int count, double p50, double p95, double p99, double max) {}

  private final Map<String, Samples> byEndpoint = new ConcurrentHashMap<>();

  void record(String endpoint, long nanos) {
    byEndpoint.computeIfAbsent(endpoint, e -> new Samples()).add(nanos);
  }

  /** Figures per endpoint, sorted by endpoint. */
  Map<String, Stats> stats() {
    Map<String, Stats> stats = new TreeMap<>();
    byEndpoint.forEach((endpoint, samples) -> stats.put(endpoint, samples.stats()));
    return stats;
  }

  private static final class Samples {
    private long[] nanos = new long[1024];
    private int size;

    synchronized void add(long value) {
      if (size == nanos.length) {
        nanos = Arrays.copyOf(nanos, size * 2);
      }
      nanos[size++] = value;
    }

    synchronized Stats stats() {
      long[] sorted = Arrays.copyOf(nanos, size);
      Arrays.sort(sorted);
      return new Stats(size, ms(percentile(sorted, 50)), ms(percentile(sorted, 95)),
          ms(percentile(sorted, 99)), ms(size == 0 ? 0 : sorted[size - 1]));
    }
  }

  /** The nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, double percent) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }
}
