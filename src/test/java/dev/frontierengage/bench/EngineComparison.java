package dev.frontierengage.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our lifecycle in-process against the bare engine on the same work, in the benchmark's JVM, each
 * on a fresh database of the run's kind: (a) our models with stub beans, (b) a plain process of
 * 15 steps. Each variant is warmed up until the JIT is done with it (compilation time per chunk
 * under 2 % of the chunk, checked, not guessed), then measured in interleaved rounds; medians of
 * lifecycles per second, CPU ms and SQL statements per lifecycle, JIT and GC time are reported
 * with the ratios ours / (a) and ours / (b).
 */
final class EngineComparison {

  /** A warm-up chunk; the JIT is done when a chunk compiles for less than 2 % of it (all compiler threads). */
  static final int CHUNK_SECONDS = 10;
  static final int MAX_WARMUP_CHUNKS = Integer.getInteger("bench.warmupChunks", 48);
  /** Clients of the first warm-up chunks, until the JIT's queue has drained. */
  static final int WARMUP_CLIENTS = Integer.getInteger("bench.warmupClients", 2);
  /** Unmeasured seconds of each variant just before each of its measured rounds. */
  static final int REWARM_SECONDS = Integer.getInteger("bench.rewarm", 10);

  /**
   * One thing measured: its key, what it is, its clients, its SQL counter, and the bytes its
   * database has written to its file so far (H2: {@link BenchDatabase#h2BytesWritten}; -1 where
   * not known).
   */
  record Variant(String key, String title, LoadRun.Clients clients, SqlCounter sql,
      java.util.function.LongSupplier bytesWritten) {}

  /**
   * One measured run of a variant; {@code dbCpuMsPerLifecycle}: the CPU ms PostgreSQL's processes
   * spent per lifecycle meanwhile (-1 on H2, which runs in this JVM and is in {@code cpuMsPerLifecycle}).
   */
  record Measured(double lifecyclesPerSecond, double cpuMsPerLifecycle, double dbCpuMsPerLifecycle,
      double sqlPerLifecycle, double commitsPerLifecycle, double kbWrittenPerLifecycle, long jitMs, long gcMs,
      long failures, java.util.Map<String, Double> sqlByKind, int sqlTexts) {}

  /**
   * Medians of a variant's rounds.
   *
   * @param agedLifecycles the lifecycles its database had been through when its first round began
   * @param pairedRatio the median over the rounds of ours / this variant in the same round
   */
  record Summary(Variant variant, double lifecyclesPerSecond, double cpuMsPerLifecycle, double dbCpuMsPerLifecycle,
      double sqlPerLifecycle,
      double commitsPerLifecycle, double kbWrittenPerLifecycle, long jitMs, long gcMs, long failures, int warmupSeconds, long agedLifecycles, List<Measured> rounds,
      double pairedRatio) {}

  private final BenchSettings settings;
  /** The lifecycles each variant's database has been through so far (finished steps / steps per lifecycle). */
  private final Map<String, Double> lifecyclesRun = new LinkedHashMap<>();

  /** Run just before each measured round, unmeasured: the databases' vacuums ({@link BenchDatabase#vacuumNow}). */
  private final Runnable beforeEachRound;

  EngineComparison(BenchSettings settings, Runnable beforeEachRound) {
    this.settings = settings;
    this.beforeEachRound = beforeEachRound;
  }

  /** Warms up each variant, then measures them in {@code settings.rounds()} interleaved rounds. */
  List<Summary> run(List<Variant> variants) throws InterruptedException {
    Map<String, Integer> warmups = new LinkedHashMap<>();
    for (Variant variant : variants) {
      warmups.put(variant.key(), warmUp(variant));
    }
    ageAlike(variants);
    Map<String, Double> aged = new LinkedHashMap<>(lifecyclesRun);
    Map<String, List<Measured>> rounds = new LinkedHashMap<>();
    for (int round = 0; round < settings.rounds(); round++) {
      // each round in another order: what one variant leaves behind (a backlog, garbage) does not
      // always fall on the same next one
      List<Variant> order = new ArrayList<>(variants);
      java.util.Collections.rotate(order, -round);
      for (Variant variant : order) {
        rewarm(variant);
        beforeEachRound.run();
        Measured measured = measure(variant);
        System.out.println("BENCH-ROUND " + variant.key() + " " + (round + 1) + ": " + measured.lifecyclesPerSecond()
            + " lifecycles/s, " + measured.cpuMsPerLifecycle() + " CPU ms"
            + (measured.dbCpuMsPerLifecycle() < 0 ? "" : " (PostgreSQL " + measured.dbCpuMsPerLifecycle() + ")")
            + ", " + measured.sqlPerLifecycle()
            + " SQL, " + measured.commitsPerLifecycle() + " commits and " + measured.kbWrittenPerLifecycle()
            + " KB written to the database's file per lifecycle, JIT " + measured.jitMs() + " ms, GC " + measured.gcMs() + " ms");
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
          Math.round(aged.getOrDefault(variant.key(), 0.0)), measured,
          paired.isEmpty() ? 0 : round(median(paired))));
    }
    return summaries;
  }

  /**
   * Runs the variant in chunks until a chunk compiles for less than 2 % of its time; returns the
   * seconds spent ({@link #untilJitDone}).
   */
  private int warmUp(Variant variant) throws InterruptedException {
    return untilJitDone(variant.key(), settings.clients(), settings.warmupSeconds(), EngineComparison::jitMs,
        () -> "code cache " + codeCacheMb() + " MB, classes loaded "
            + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount(),
        clients -> load(variant, clients, CHUNK_SECONDS, true));
  }

  /**
   * After the warm-ups, runs each variant unmeasured with all its clients, in chunks, until its
   * database has been through as many lifecycles as the one that went through most: a database's
   * cost per lifecycle grows with what it holds (H2 writes deeper trees at each commit, PostgreSQL
   * reads more history and dead rows), and the variant whose JIT took longest to settle (ours:
   * twice anchor (a)'s warm-up) would otherwise be measured on the fullest database.
   */
  private void ageAlike(List<Variant> variants) throws InterruptedException {
    double most = lifecyclesRun.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    for (Variant variant : variants) {
      int chunks = 0;
      while (lifecyclesRun.getOrDefault(variant.key(), 0.0) < most && chunks < MAX_WARMUP_CHUNKS) {
        load(variant, settings.clients(), CHUNK_SECONDS, true);
        chunks++;
      }
      System.out.println("BENCH-AGE " + variant.key() + ": " + Math.round(lifecyclesRun.getOrDefault(variant.key(), 0.0))
          + " lifecycles before the first measured round, " + chunks + " chunks of " + CHUNK_SECONDS
          + " s of them after its warm-up");
    }
  }

  /**
   * Runs the variant for {@code seconds} with {@code clients}, and counts the lifecycles its
   * database went through; unless {@code finishing} (only measured rounds do not), each client
   * finishes the engagement it is in when time is up ({@link LoadRun#run(String, int, int, int, LoadRun.Clients, boolean)}).
   */
  private LoadRun.Result load(Variant variant, int clients, int seconds, boolean finishing) throws InterruptedException {
    LoadRun.Result result = LoadRun.run(variant.key(), clients, seconds, InProcessLifecycle.STEPS, variant.clients(),
        finishing);
    lifecyclesRun.merge(variant.key(), (result.steps() + result.lateSteps()) / (double) InProcessLifecycle.STEPS,
        Double::sum);
    if (finishing && result.failures() > 0) {
      System.out.println("BENCH-WARMUP " + variant.key() + ": " + result.failures() + " lifecycles failed unmeasured, "
          + "their engagements left where they stood: " + result.firstFailures());
    }
    return result;
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

  /**
   * Just before each measured round, the variant runs unmeasured for this long with all its
   * clients: the three variants share the JVM, and code compiled for the one measured before
   * (another profile of the same engine and H2 methods) is recompiled for this one here, not in
   * its measured time.
   */
  private void rewarm(Variant variant) throws InterruptedException {
    if (REWARM_SECONDS > 0) {
      long jit = jitMs();
      load(variant, settings.clients(), REWARM_SECONDS, true);
      System.out.println("BENCH-REWARM " + variant.key() + ": JIT " + (jitMs() - jit) + " ms in " + REWARM_SECONDS + " s");
    }
  }

  private Measured measure(Variant variant) throws InterruptedException {
    long sql = variant.sql().count();
    long commits = variant.sql().commits();
    Map<String, Long> kinds = variant.sql().byKind();
    Map<String, Long> sites = variant.sql().bySite();
    long written = variant.bytesWritten().getAsLong();
    long cpu = cpuNanos();
    long dbCpu = settings.postgres() ? Machine.cpuMillisOf("postgres") : -1;
    long jit = jitMs();
    long gc = gcMs();
    variant.sql().newWindow();
    LoadRun.Result result = load(variant, settings.clients(), settings.seconds(), false);
    double lifecycles = Math.max(1e-9, result.steps() / (double) InProcessLifecycle.STEPS);
    Map<String, Double> perLifecycle = new java.util.TreeMap<>();
    variant.sql().byKind().forEach((kind, n) -> {
      double per = round((n - kinds.getOrDefault(kind, 0L)) / lifecycles);
      if (per > 0) {
        perLifecycle.put(kind, per);
      }
    });
    if (!SqlCounter.SITE_KINDS.isEmpty()) {
      variant.sql().bySite().forEach((site, n) -> System.out.println("BENCH-SQL-SITE " + variant.key() + " "
          + round((n - sites.getOrDefault(site, 0L)) / lifecycles) + " per lifecycle: " + site));
    }
    long cpuNow = cpuNanos();
    long dbCpuNow = dbCpu < 0 ? -1 : Machine.cpuMillisOf("postgres");
    long writtenNow = variant.bytesWritten().getAsLong();
    return new Measured(round(result.lifecyclesPerSecond()), round((cpuNow - cpu) / 1e6 / lifecycles),
        dbCpuNow < 0 ? -1 : round((dbCpuNow - dbCpu) / lifecycles),
        round((variant.sql().count() - sql) / lifecycles), round((variant.sql().commits() - commits) / lifecycles),
        written < 0 || writtenNow < 0 ? -1 : round((writtenNow - written) / 1024.0 / lifecycles),
        jitMs() - jit, gcMs() - gc, result.failures(),
        perLifecycle, variant.sql().distinctTexts());
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
