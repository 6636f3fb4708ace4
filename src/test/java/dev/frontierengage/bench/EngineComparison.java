package dev.frontierengage.bench;

import dev.frontierengage.TestDatabase;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our lifecycle in-process against the bare engine on the same work, each variant in a JVM of its
 * own ({@link VariantJvm}: the benchmark JVM's options) on a fresh database of the run's kind:
 * (a) our models with stub beans, (b) a plain process of 15 steps. Each variant is warmed up
 * until the JIT is done with it (compilation time per chunk under 2 % of the chunk, checked, not
 * guessed), then measured in interleaved rounds, one variant running at a time; medians of
 * lifecycles per second, CPU ms (its JVM's) and SQL statements per lifecycle, JIT and GC time are
 * reported with the ratios ours / (a) and ours / (b).
 */
final class EngineComparison {

  /** A warm-up chunk; the JIT is done when a chunk compiles for less than 2 % of it (all compiler threads). */
  static final int CHUNK_SECONDS = 10;
  /**
   * At most this many warm-up chunks: 48 on PostgreSQL, 24 on H2, whose files grow some 6 to 7 MB
   * per lifecycle while the node runs (README, Decisions), so that a run at the defaults stays
   * under some 45 GB of disk.
   */
  static final int MAX_WARMUP_CHUNKS = Integer.getInteger("bench.warmupChunks",
      "postgres".equals(BenchSettings.databaseKind()) ? 48 : 24);
  /** Clients of the first warm-up chunks, until the JIT's queue has drained. */
  static final int WARMUP_CLIENTS = Integer.getInteger("bench.warmupClients", 2);
  /** Unmeasured seconds of each variant just before each of its measured rounds. */
  static final int REWARM_SECONDS = Integer.getInteger("bench.rewarm", 10);

  /**
   * On PostgreSQL, a checkpoint just before each measured round, after the vacuums
   * ({@code bench.checkpoint}: {@code round}, the default; {@code off}: none). A server checkpoints
   * every {@code checkpoint_timeout} (5 min) and whenever its log has grown by about half of
   * {@code max_wal_size} (on a server with the default 1 GB, about once a minute under this
   * benchmark's load). A checkpoint writes out the pages changed since the last one, most of them
   * by the variants that ran before, and the first change of each page after it logs the whole
   * page. Without it a round met a checkpoint at any point, or none, and paid for the writes of the
   * rounds before it; with it every round starts at the same point, just after one, which is the
   * dearest point of a checkpoint's cycle for every variant alike (see {@code BenchServer}).
   */
  static final boolean CHECKPOINT_EACH_ROUND = !"off".equals(System.getProperty("bench.checkpoint", "round"));

  /**
   * Pairs of slices after the rounds ({@code bench.slices}; 0: none): in each pair ours and anchor
   * (a) run one slice each, one right after the other, in turns first; see {@link #slices}.
   */
  static final int SLICE_PAIRS = Integer.getInteger("bench.slices", 24);
  /** Measured seconds of each slice ({@code bench.sliceSeconds}). */
  static final int SLICE_SECONDS = Integer.getInteger("bench.sliceSeconds", 20);
  /** Unmeasured seconds of a variant just before each of its slices ({@code bench.sliceRewarm}). */
  static final int SLICE_REWARM_SECONDS = Integer.getInteger("bench.sliceRewarm", 5);
  /**
   * Whether the slices run with each variant's statements counted ({@code bench.sliceSql}; off by
   * default): the counter's proxy costs ours more CPU than the anchor ({@link SqlCounter#counting}),
   * and the slices report no statements. Until this setting (2026-12-06) they ran with it.
   */
  static final boolean SLICE_SQL = Boolean.getBoolean("bench.sliceSql");
  /**
   * No pair of slices begins with less free disk than this, in GB, where the benchmark works
   * ({@code bench.minFreeGb}): H2's files grow by some 6 to 8 MB per lifecycle while a variant
   * runs, and 24 pairs of 20 s on H2 need more than 30 GB beside the warm-up's. The pairs done
   * until then are reported.
   */
  static final long MIN_FREE_GB = Long.getLong("bench.minFreeGb", 12);

  /** One thing measured: its key ({@link VariantJvm#INPROCESS} first, then the anchors') and what it is. */
  record Variant(String key, String title) {}

  /**
   * One measured run of a variant; {@code dbCpuMsPerLifecycle}: the CPU ms PostgreSQL's processes
   * spent per lifecycle meanwhile (-1 on H2, which runs in the variant's JVM and is in {@code cpuMsPerLifecycle});
   * {@code jitMs}: its JIT's wall time meanwhile (the JVM's compilation time, waits for a core included);
   * {@code jitCpuMsPerLifecycle}: the CPU its compiler threads took per lifecycle, from /proc (-1 where it cannot be read);
   * {@code blocksReadPerLifecycle}, {@code bufferHitShare}: on PostgreSQL, the blocks read per lifecycle from outside
   * the server's shared buffers, and the share of blocks found in them ({@link BenchDatabase#blocks}; -1 on H2);
   * the rest, on PostgreSQL (-1 on H2): what its server did in the round ({@link VariantJvm.Server}).
   */
  record Measured(double lifecyclesPerSecond, double cpuMsPerLifecycle, double dbCpuMsPerLifecycle,
      double sqlPerLifecycle, double commitsPerLifecycle, double kbWrittenPerLifecycle, long jitMs, long gcMs,
      long failures, java.util.Map<String, Double> sqlByKind, int sqlTexts, double jitCpuMsPerLifecycle,
      double blocksReadPerLifecycle, double bufferHitShare, double rowsReadPerLifecycle,
      java.util.Map<String, Double> scannedRowsByTable, double walKbPerLifecycle, double fullPageImagesPerLifecycle,
      long checkpoints, long deadRowsAtStart, double dbExecutionMsPerLifecycle,
      java.util.Map<String, Double> dbExecutionMsByKind) {}

  /**
   * Medians of a variant's rounds.
   *
   * @param agedLifecycles the lifecycles its database had been through when its first round began
   * @param pairedRatio the median over the rounds of ours / this variant in the same round
   * @param jdbcUrl what its database was opened with
   */
  record Summary(Variant variant, double lifecyclesPerSecond, double cpuMsPerLifecycle, double dbCpuMsPerLifecycle,
      double sqlPerLifecycle,
      double commitsPerLifecycle, double kbWrittenPerLifecycle, long jitMs, long gcMs, long failures, int warmupSeconds, long agedLifecycles, List<Measured> rounds,
      double pairedRatio, String jdbcUrl) {}

  /**
   * One slice of a variant ({@code VariantJvm}'s {@code slice}): lifecycles per second of the steps
   * finished inside it; CPU ms per lifecycle of its JVM, of which its compiler threads' (a JIT
   * still at work shows here, beside the pair's ratio, which it lowers too: on 2 cores it takes
   * CPU from the clients; -1 where /proc cannot be read or a compiler thread ended in the slice,
   * taking its time out of the sum), and (on PostgreSQL, else -1) of the server's processes, over
   * the slice and the steps that finished its engagements; GC ms per lifecycle, the pauses of its
   * collectors over the same time (what stopped every client): wall time as the collectors'
   * MXBeans count it (with G1 on JDK 17 the young, mixed and full pauses, not the remark and
   * cleanup pauses of its concurrent cycles), not their CPU.
   */
  record Slice(double lifecyclesPerSecond, double cpuMsPerLifecycle, double jitCpuMsPerLifecycle,
      double dbCpuMsPerLifecycle, double gcMsPerLifecycle, long failures) {}

  /**
   * The paired slices of ours and anchor (a), in the order run; {@code ratios}: ours / anchor (a)
   * of each pair; {@code ratio} their median, {@code low} and {@code high} the bounds of a
   * distribution-free 95 % confidence interval of that median (the order statistics a binomial
   * distribution gives; {@code NaN} with fewer than 6 pairs).
   */
  record Slices(String anchor, int seconds, List<Slice> ours, List<Slice> anchors, List<Double> ratios, double ratio,
      double low, double high) {

    long failures() {
      return java.util.stream.Stream.concat(ours.stream(), anchors.stream()).mapToLong(Slice::failures).sum();
    }

    static Slices of(String anchor, int seconds, List<Slice> ours, List<Slice> anchors) {
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < ours.size(); i++) {
        ratios.add(ratio(ours.get(i), anchors.get(i)));
      }
      List<Double> sorted = ratios.stream().sorted().toList();
      int k = medianBoundRank(sorted.size());
      return new Slices(anchor, seconds, List.copyOf(ours), List.copyOf(anchors), List.copyOf(ratios),
          round(median(ratios)), k == 0 ? Double.NaN : sorted.get(k - 1),
          k == 0 ? Double.NaN : sorted.get(sorted.size() - k));
    }

    /** Ours / the anchor of one pair, to three places (0 where the anchor's slice did nothing). */
    static double ratio(Slice ours, Slice anchor) {
      double theirs = anchor.lifecyclesPerSecond();
      return theirs > 0 ? Math.round(1000 * ours.lifecyclesPerSecond() / theirs) / 1000.0 : 0;
    }

    /**
     * The rank k (from 1) such that the k-th smallest and the k-th largest of {@code n} values
     * bound their median's 95 % confidence interval: the largest k with P(B <= k - 1) <= 0.025
     * for B ~ Binomial(n, 1/2); 0 when no k gives that (fewer than 6 values).
     */
    static int medianBoundRank(int n) {
      double below = 0; // P(B <= k - 1)
      int rank = 0;
      for (int k = 1; k <= n / 2; k++) {
        below += binomialHalf(n, k - 1);
        if (below > 0.025) {
          break;
        }
        rank = k;
      }
      return rank;
    }

    private static double binomialHalf(int n, int j) {
      double choose = 1;
      for (int i = 1; i <= j; i++) {
        choose = choose * (n - j + i) / i;
      }
      return choose * Math.pow(0.5, n);
    }
  }

  private final BenchSettings settings;
  private final java.nio.file.Path work;
  private Slices slices;

  EngineComparison(BenchSettings settings, java.nio.file.Path work) {
    this.settings = settings;
    this.work = work;
  }

  /**
   * Starts each variant's JVM (ours first: the anchors copy its engine's settings), warms each up,
   * brings their databases to the same age, then measures them in {@code settings.rounds()}
   * interleaved rounds; before each measured round the variant runs {@link #REWARM_SECONDS}
   * unmeasured and every database is vacuumed ({@link BenchDatabase#vacuumNow}). Then, where
   * slices are asked for, ends the variants past the first two and runs the slices of those two
   * ({@link #slices}). Ends the JVMs.
   */
  List<Summary> run(List<Variant> variants) throws Exception {
    Map<String, VariantProcess> jvms = new LinkedHashMap<>();
    try {
      com.fasterxml.jackson.databind.JsonNode ours = null;
      for (Variant variant : variants) {
        VariantProcess jvm = VariantProcess.start(variant.key(), work, ours);
        jvms.put(variant.key(), jvm);
        if (ours == null) {
          ours = jvm.hello().get("engineSettings");
        }
      }
      List<Summary> summaries = measure(variants, jvms);
      if (SLICE_PAIRS > 0 && variants.size() > 1) {
        // the variants the slices do not pair (anchor (b)) end here: their JVMs would only sit idle,
        // and their databases go (unless bench.keep), which on H2 leaves the slices their disk
        for (Variant other : variants.subList(2, variants.size())) {
          jvms.remove(other.key()).close();
          System.out.println("BENCH-SLICE " + other.key() + " ended before the slices, its database "
              + (settings.keep() ? "kept" : "removed") + "; free disk now " + freeGb() + " GB");
        }
        slices = slices(variants.get(0).key(), variants.get(1).key(), jvms);
      }
      return summaries;
    } finally {
      for (VariantProcess jvm : jvms.values()) {
        jvm.close();
      }
    }
  }

  private List<Summary> measure(List<Variant> variants, Map<String, VariantProcess> jvms) throws Exception {
    Map<String, Integer> warmups = new LinkedHashMap<>();
    Map<String, Double> lifecyclesRun = new LinkedHashMap<>();
    for (Variant variant : variants) {
      var warmed = jvms.get(variant.key()).call("warmup");
      warmups.put(variant.key(), warmed.get("seconds").asInt());
      lifecyclesRun.put(variant.key(), warmed.get("lifecycles").asDouble());
    }
    // After the warm-ups, each variant runs unmeasured with all its clients until its database
    // has been through as many lifecycles as the one that went through most: a database's cost
    // per lifecycle grows with what it holds (H2 writes deeper trees at each commit, PostgreSQL
    // reads more history and dead rows), and the variant whose JIT took longest to settle (ours:
    // twice anchor (a)'s warm-up) would otherwise be measured on the fullest database.
    double most = lifecyclesRun.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    for (Variant variant : variants) {
      var aged = jvms.get(variant.key()).call("age " + most);
      lifecyclesRun.put(variant.key(), aged.get("lifecycles").asDouble());
      System.out.println("BENCH-AGE " + variant.key() + ": " + Math.round(aged.get("lifecycles").asDouble())
          + " lifecycles before the first measured round, " + aged.get("chunks").asInt() + " chunks of "
          + CHUNK_SECONDS + " s of them after its warm-up");
    }
    Map<String, List<Measured>> rounds = new LinkedHashMap<>();
    for (int round = 0; round < settings.rounds(); round++) {
      // each round in another order: what one variant leaves behind (a backlog, dirty pages the
      // operating system still writes) does not always fall on the same next one
      List<Variant> order = new ArrayList<>(variants);
      java.util.Collections.rotate(order, -round);
      for (Variant variant : order) {
        VariantProcess jvm = jvms.get(variant.key());
        if (REWARM_SECONDS > 0) {
          System.out.println("BENCH-REWARM " + variant.key() + ": JIT " + jvm.call("rewarm").get("jitMs").asLong()
              + " ms in " + REWARM_SECONDS + " s");
        }
        for (VariantProcess each : jvms.values()) {
          each.call("vacuum");
        }
        if (CHECKPOINT_EACH_ROUND && settings.postgres()) {
          // the server writes out what the earlier rounds and the vacuums changed now, not in this round
          TestDatabase.admin("CHECKPOINT");
        }
        Measured measured = jvm.call("measure", Measured.class);
        System.out.println("BENCH-ROUND " + variant.key() + " " + (round + 1) + ": " + measured.lifecyclesPerSecond()
            + " lifecycles/s, " + measured.cpuMsPerLifecycle() + " CPU ms"
            + (measured.jitCpuMsPerLifecycle() < 0 ? "" : " (of it its compiler threads' " + measured.jitCpuMsPerLifecycle() + ")")
            + (measured.dbCpuMsPerLifecycle() < 0 ? "" : " (PostgreSQL " + measured.dbCpuMsPerLifecycle() + ")")
            + ", " + measured.sqlPerLifecycle()
            + " SQL, " + measured.commitsPerLifecycle() + " commits and " + measured.kbWrittenPerLifecycle()
            + " KB written to the database's file per lifecycle"
            + (measured.blocksReadPerLifecycle() < 0 ? "" : ", " + measured.blocksReadPerLifecycle()
                + " blocks read from outside PostgreSQL's shared buffers per lifecycle (" + measured.bufferHitShare()
                + " of the blocks found in them)")
            + (measured.rowsReadPerLifecycle() < 0 ? "" : ", " + measured.rowsReadPerLifecycle()
                + " rows read per lifecycle (by scans, per table: " + measured.scannedRowsByTable() + "), "
                + measured.walKbPerLifecycle() + " KB of log with " + measured.fullPageImagesPerLifecycle()
                + " full page images per lifecycle, " + measured.checkpoints() + " checkpoints, "
                + measured.deadRowsAtStart() + " dead rows at its start"
                + (measured.dbExecutionMsPerLifecycle() < 0 ? "" : ", the server's execution time "
                    + measured.dbExecutionMsPerLifecycle() + " ms per lifecycle"))
            + ", JIT " + measured.jitMs() + " ms, GC " + measured.gcMs() + " ms");
        rounds.computeIfAbsent(variant.key(), k -> new ArrayList<>()).add(measured);
      }
    }
    List<Summary> summaries = new ArrayList<>();
    List<Measured> ours = rounds.get(variants.get(0).key());
    for (Variant variant : variants) {
      List<Measured> measured = rounds.get(variant.key());
      List<Double> paired = new ArrayList<>();
      for (int r = 0; r < measured.size(); r++) {
        if (measured.get(r).lifecyclesPerSecond() > 0) {
          paired.add(ours.get(r).lifecyclesPerSecond() / measured.get(r).lifecyclesPerSecond());
        }
      }
      summaries.add(new Summary(variant, median(measured.stream().map(Measured::lifecyclesPerSecond).toList()),
          median(measured.stream().map(Measured::cpuMsPerLifecycle).toList()),
          median(measured.stream().map(Measured::dbCpuMsPerLifecycle).filter(ms -> ms >= 0).toList(), -1),
          median(measured.stream().map(Measured::sqlPerLifecycle).toList()),
          median(measured.stream().map(Measured::commitsPerLifecycle).toList()),
          median(measured.stream().map(Measured::kbWrittenPerLifecycle).toList()),
          Math.round(median(measured.stream().map(m -> (double) m.jitMs()).toList())),
          Math.round(median(measured.stream().map(m -> (double) m.gcMs()).toList())),
          measured.stream().mapToLong(Measured::failures).sum(), warmups.get(variant.key()),
          Math.round(lifecyclesRun.getOrDefault(variant.key(), 0.0)), measured,
          paired.isEmpty() ? 0 : round(median(paired)), jvms.get(variant.key()).hello().get("jdbcUrl").asText()));
    }
    return summaries;
  }

  /** The disk free where the benchmark works, in GB. */
  private long freeGb() throws java.io.IOException {
    return java.nio.file.Files.getFileStore(work).getUsableSpace() >> 30;
  }

  /** The paired slices of the last {@link #run}; {@code null} where none ran ({@code bench.slices=0}, or no disk). */
  Slices slices() {
    return slices;
  }

  /**
   * After the rounds, {@link #SLICE_PAIRS} pairs of slices of ours and the anchor: in each pair
   * both run {@link #SLICE_SECONDS} measured, one right after the other, ours first in one pair and
   * the anchor first in the next; before each slice the variant runs {@link #SLICE_REWARM_SECONDS}
   * unmeasured, every database is vacuumed and, on PostgreSQL, the server checkpoints (as before a
   * round); a pair begins only while the disk has {@link #MIN_FREE_GB} free. A round is a minute of
   * one variant, and the paired round of the other comes minutes later: a change of the machine's
   * speed in between (on this shared machine the same anchor's CPU per lifecycle moved by a quarter
   * between rounds of one run) counts as a difference of the variants. Slices a few seconds apart
   * see the same minute of the machine, and the median of many pairs' ratios, with its confidence
   * interval, tells a few percent apart.
   */
  private Slices slices(String oursKey, String anchorKey, Map<String, VariantProcess> jvms) throws Exception {
    List<Slice> ours = new ArrayList<>();
    List<Slice> anchors = new ArrayList<>();
    for (String key : List.of(oursKey, anchorKey)) {
      // before the first rewarm: its seconds let the JIT settle on the connections without the counter
      jvms.get(key).call("counted " + SLICE_SQL);
    }
    System.out.println("BENCH-SLICE statements " + (SLICE_SQL ? "counted" : "not counted") + " in the slices (bench.sliceSql)");
    for (int pair = 0; pair < SLICE_PAIRS; pair++) {
      long freeGb = freeGb();
      if (freeGb < MIN_FREE_GB) {
        System.out.println("BENCH-SLICE stopped after " + pair + " pairs: " + freeGb
            + " GB free, under bench.minFreeGb=" + MIN_FREE_GB);
        break;
      }
      List<String> order = pair % 2 == 0 ? List.of(oursKey, anchorKey) : List.of(anchorKey, oursKey);
      for (String key : order) {
        VariantProcess jvm = jvms.get(key);
        jvm.call("rewarm " + SLICE_REWARM_SECONDS);
        for (VariantProcess each : jvms.values()) {
          each.call("vacuum");
        }
        if (CHECKPOINT_EACH_ROUND && settings.postgres()) {
          TestDatabase.admin("CHECKPOINT");
        }
        Slice slice = jvm.call("slice " + SLICE_SECONDS + " " + (pair + 1), Slice.class);
        (key.equals(oursKey) ? ours : anchors).add(slice);
        System.out.println("BENCH-SLICE " + key + " " + (pair + 1) + ": " + slice.lifecyclesPerSecond()
            + " lifecycles/s, " + slice.cpuMsPerLifecycle() + " CPU ms"
            + (slice.jitCpuMsPerLifecycle() < 0 ? "" : " (of it its compiler threads' " + slice.jitCpuMsPerLifecycle() + ")")
            + (slice.dbCpuMsPerLifecycle() < 0 ? "" : " (PostgreSQL " + slice.dbCpuMsPerLifecycle() + ")")
            + ", GC " + slice.gcMsPerLifecycle() + " ms"
            + (slice.failures() == 0 ? "" : ", " + slice.failures() + " failures"));
      }
      System.out.println("BENCH-SLICE pair " + (pair + 1) + ": ours / " + anchorKey + " "
          + Slices.ratio(ours.get(pair), anchors.get(pair)));
    }
    return ours.isEmpty() ? null : Slices.of(anchorKey, SLICE_SECONDS, ours, anchors);
  }

  /** One warm-up chunk of {@link #CHUNK_SECONDS} with this many clients. */
  interface Chunk {
    void run(int clients) throws InterruptedException;
  }

  /**
   * Runs {@code chunk} until one compiles for less than 2 % of its time ({@code jitMs}: the JIT's
   * time so far, -1 where it cannot be read), at least {@code leastSeconds} and at most
   * {@link #MAX_WARMUP_CHUNKS} chunks; returns the seconds spent. The first chunks run with
   * {@link #WARMUP_CLIENTS} clients: with 16 clients on 2 cores the compiler threads get a
   * seventeenth of the CPU and the JIT's queue does not drain in minutes (its wall time then says
   * more about the queue than about the code). Once a chunk of those compiles under 2 %, the
   * chunks run with all clients until one of them does too. Where the JIT cannot be read, the
   * warm-up is {@code leastSeconds}. Each chunk is printed, with {@code detail}.
   */
  static int untilJitDone(String key, int allClients, int leastSeconds, java.util.function.LongSupplier jitMs,
      java.util.function.Supplier<String> detail, Chunk chunk) throws InterruptedException {
    long spentMs = 0;
    int clients = Math.min(WARMUP_CLIENTS, allClients);
    for (int n = 1; n <= MAX_WARMUP_CHUNKS; n++) {
      long jit = jitMs.getAsLong();
      long began = System.nanoTime();
      chunk.run(clients);
      long chunkMs = (System.nanoTime() - began) / 1_000_000; // a chunk finishes its engagements: a little over CHUNK_SECONDS
      spentMs += chunkMs;
      int spent = (int) Math.round(spentMs / 1000.0);
      long compiled = jit < 0 ? -1 : jitMs.getAsLong() - jit;
      System.out.println("BENCH-WARMUP " + key + " chunk " + n + " (" + clients + " clients) ending "
          + java.time.Instant.now() + ": JIT " + compiled + " ms, " + detail.get());
      if (compiled < 0 && spent >= leastSeconds) {
        System.out.println("BENCH-WARMUP " + key + ": the JIT cannot be read here; warmed up for " + spent + " s");
        return spent;
      }
      boolean settled = compiled >= 0 && compiled < chunkMs * 2 / 100;
      if (settled && clients < allClients) {
        clients = allClients;
      } else if (settled && spent >= leastSeconds) {
        return spent;
      }
    }
    int spent = (int) Math.round(spentMs / 1000.0);
    System.out.println("BENCH-WARMUP " + key + ": the JIT was still compiling after " + spent + " s");
    return spent;
  }

  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static long jitMs() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit == null ? 0 : jit.getTotalCompilationTime();
  }

  /** What the JIT's compiled code occupies now (all code heaps). */
  static long codeCacheMb() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getName().startsWith("CodeHeap") || pool.getName().equals("Code Cache"))
        .mapToLong(pool -> pool.getUsage().getUsed()).sum() / (1024 * 1024);
  }

  static long gcMs() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .sum();
  }

  static double median(List<Double> values) {
    return median(values, 0);
  }

  /** The median of {@code values}, or {@code none} when there are none. */
  static double median(List<Double> values, double none) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n == 0 ? none : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
