package dev.frontierengage.bench;

import dev.frontierengage.cluster.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Engagement throughput, latency, scale and footprint in one run; prints figures, asserts no
 * speed. Run by {@code mvn -Pbench verify} (never by a plain {@code mvn verify}); sizes and
 * times from {@link BenchSettings}. Results in {@code target/bench/}.
 */
class EngagementBenchmark {

  static final Path OUT = Path.of("target", "bench");
  static final Duration START_TIMEOUT = Duration.ofMinutes(5);
  /** Restarts timed per kind of start; the median is reported. */
  static final int RESTARTS = 3;

  final BenchSettings settings = BenchSettings.fromSystemProperties();
  final Report report = new Report(OUT);
  final Path work = OUT.resolve("work-" + settings.db());
  /** The extracted jar and its archive: {@link #cds()}. */
  private ClassDataSharing.Prepared cds;

  @Test
  void measure() throws Exception {
    Files.createDirectories(work);
    // before anything reads test.pgServer: the databases are made on the server it names
    try (BenchServer server = settings.postgres() && BenchServer.asked() ? BenchServer.start(work).forTheRun() : null) {
      Machine.describe(settings, report);
      parts();
    }
  }

  private void parts() throws Exception {
    Targets targets = new Targets(report);
    try {
      if (settings.parts().contains("startup")) {
        startup(targets);
        report.write();
      }
      if (settings.parts().contains("lifecycles")) {
        LoadRun.Result http = httpLifecycles(targets);
        report.write();
        double inProcess = engineComparison(targets);
        double ratio = http.lifecyclesPerSecond() / inProcess;
        report.figure("ratio.http_to_inprocess", round(ratio));
        targets.check("HTTP lifecycle throughput / in-process, " + settings.clients() + " clients", round(ratio),
            ">= 0.6", ratio >= 0.6);
        report.write();
      } else {
        if (settings.parts().contains("http")) { // the HTTP runs alone (16 clients and 1): latency
          httpLifecycles(targets);
          report.write();
        }
        if (settings.parts().contains("engine")) { // the in-process comparison alone
          engineComparison(targets);
          report.write();
        }
      }
      if (settings.parts().contains("scale")) {
        scale(targets);
      }
    } finally {
      report.figure("machine.loadavg_at_end", Machine.loadAverage());
      report.head("- load average at the end: " + Machine.loadAverage());
      targets.write();
      report.write();
    }
  }

  private LoadRun.Result httpLifecycles(Targets targets) throws Exception {
    report.heading("Lifecycles over HTTP (" + settings.clients() + " clients, " + settings.seconds() + " s)");
    try (BenchDatabase db = BenchDatabase.create(settings, work, "http")) {
      long started = System.nanoTime();
      Path gcLog = db.directory().resolve("node-gc.log");
      List<String> jvm = new ArrayList<>(settings.jvmOptions());
      jvm.add(Pauses.gcLogOption(gcLog));
      try (Node node = Node.start(db.directory().resolve("node.log"), jvm, db.arguments(), BenchSettings.NODE_ENVIRONMENT)) {
        node.awaitHealthy(START_TIMEOUT);
        report.figure("http.startup_fresh_db_s", seconds(started));
        report.figure("rss.after_start_mb", Footprint.residentMb(node.pid()));
        report.figure("http.warmup_s", warmUpNode(node));
        report.figure("rss.after_warmup_mb", Footprint.residentMb(node.pid()));
        Latencies latencies = new Latencies();
        CpuSplit cpu = CpuSplit.start(node.pid(), "postgres".equals(settings.db()));
        Instant from = Instant.now();
        LoadRun.Result result = LoadRun.run(settings.clients(), settings.seconds(), InProcessLifecycle.STEPS,
            client -> new HttpLifecycle(new BenchHttp(node.base(), latencies)));
        cpuFigures("http", cpu.end(), result);
        pauseFigures("http", db, gcLog, from, Instant.now());
        double rss = Footprint.residentMb(node.pid());
        report.figure("rss.after_run_mb", rss);
        targets.check("resident memory after the lifecycle run", rss + " MB", "< 600 MB", rss < 600);
        lifecycleFigures("http", result);
        double worstApi = endpointFigures("http", latencies);
        // issue #7 asked for 100 ms at 16 clients; issue #16 for 250 ms at 16 clients and 100 ms at one
        targets.check("worst p99 of a developer API call, " + settings.clients() + " clients (issue #7)", worstApi
            + " ms", "< 100 ms", worstApi < 100);
        targets.check("worst p99 of a developer API call, " + settings.clients() + " clients (issue #16)", worstApi
            + " ms", "< 250 ms", worstApi < 250);
        oneClient(node, targets, db, gcLog);
        return result;
      }
    }
  }

  /**
   * Runs lifecycles against the node in chunks of {@link EngineComparison#CHUNK_SECONDS} until its
   * JIT is done, as the in-process variants are warmed up: first with
   * {@link EngineComparison#WARMUP_CLIENTS} clients until a chunk in which the node's compiler
   * threads took less than 2 % of the chunk, then with all clients until one does again, at least
   * {@code bench.warmup} seconds and at most {@code bench.warmupChunks} chunks; returns the seconds
   * spent. The node's JIT is the CPU time of its compiler threads (from /proc; the in-process
   * check reads the benchmark JVM's own compilation time, which counts a compiler thread's waits
   * for a core too, so it settles later, not sooner). Where /proc cannot be read, the warm-up is
   * {@code bench.warmup} seconds.
   */
  private int warmUpNode(Node node) throws InterruptedException {
    return EngineComparison.untilJitDone("http", settings.clients(), settings.warmupSeconds(),
        () -> Machine.jitMillis(node.pid()),
        () -> "code cache sweeper " + Machine.sweeperMillis(node.pid()) + " ms so far",
        clients -> LoadRun.run("http-warmup", clients, EngineComparison.CHUNK_SECONDS, InProcessLifecycle.STEPS,
            client -> new HttpLifecycle(new BenchHttp(node.base(), new Latencies())), true));
  }

  /**
   * How long the one-client run lasts: {@code bench.oneClientSeconds}, twice {@code bench.seconds}
   * unless set. Long enough that each developer call's p99 is not its single slowest call: in half
   * a minute one client made some 88 calls of a kind, whose nearest-rank p99 is the slowest, so
   * one call that met a pause of the machine decided the figure; in two minutes, some 350 on a
   * calm node (200 in a slow hour), the p99 is the fourth (third) slowest.
   */
  static int oneClientSeconds(BenchSettings settings) {
    return Integer.getInteger("bench.oneClientSeconds", Math.max(10, 2 * settings.seconds()));
  }

  /**
   * The same lifecycles by one client ({@link #oneClientSeconds}): what each call costs on a node
   * that serves nobody else (with 16 clients most of a call's time is its turn in the queue).
   */
  private void oneClient(Node node, Targets targets, BenchDatabase db, Path gcLog) throws Exception {
    report.text("");
    int seconds = oneClientSeconds(settings);
    report.text("The same lifecycles by **one client** for " + seconds
        + " s (what a call costs when nobody else is served):");
    report.text("");
    Latencies latencies = new Latencies();
    Instant from = Instant.now();
    LoadRun.Result result = LoadRun.run(1, seconds, InProcessLifecycle.STEPS,
        client -> new HttpLifecycle(new BenchHttp(node.base(), latencies)));
    pauseFigures("http1", db, gcLog, from, Instant.now());
    report.figure("http1.lifecycles_per_s", round(result.lifecyclesPerSecond()));
    report.figure("http1.failures", result.failures());
    double worstApi = endpointFigures("http1", latencies);
    report.figure("http1.worst_api_p99_ms", worstApi);
    targets.check("worst p99 of a developer API call, one client (issue #16)", worstApi + " ms", "< 100 ms",
        worstApi < 100);
  }

  /**
   * What paused the node or loaded its database while a run was measured: the node's GC pauses
   * and, on PostgreSQL, the benchmark's vacuums of its database (a call that met one is slower
   * for it; with a few hundred calls of a kind, its p99 is among its few slowest calls).
   */
  private void pauseFigures(String prefix, BenchDatabase db, Path gcLog, Instant from, Instant to) {
    Pauses.Summary gc = Pauses.gcPauses(gcLog, from, to);
    report.figure(prefix + ".gc_pauses", gc.count());
    report.figure(prefix + ".gc_pause_max_ms", gc.maxMs());
    report.figure(prefix + ".gc_pause_total_ms", Math.round(gc.totalMs()));
    String line = "While measured: the node's GC pauses " + gc;
    if (db.postgres()) {
      Pauses.Summary vacuums = db.vacuums(from, to);
      report.figure(prefix + ".vacuums", vacuums.count());
      report.figure(prefix + ".vacuum_ms", Math.round(vacuums.totalMs()));
      line += "; the benchmark's vacuums and analyses of its database " + vacuums;
    }
    report.text("");
    report.text(line + ".");
    report.text("");
  }

  /**
   * The CPU its JIT's compiler threads took per lifecycle in a variant's measured rounds (median;
   * from /proc, -1 where it cannot be read): the part of its JVM's CPU that is compiling rather
   * than the lifecycle's work. The {@code jit_ms_measured} figures are the JIT's own wall time,
   * which counts each wait of a compiler thread for one of the two cores (16 clients want them).
   */
  private static double jitCpuMsPerLifecycle(EngineComparison.Summary s) {
    List<Double> perRound = s.rounds().stream().map(EngineComparison.Measured::jitCpuMsPerLifecycle)
        .filter(ms -> ms >= 0).toList();
    return perRound.isEmpty() ? -1 : EngineComparison.median(perRound);
  }

  /** Reports each endpoint's latencies; returns the worst p99 of a developer API call. */
  private double endpointFigures(String prefix, Latencies latencies) {
    Map<String, Latencies.Stats> stats = latencies.stats();
    report.data(prefix + ".endpoints", stats);
    stats.forEach((endpoint, s) -> report.figure(prefix + ".p99_ms[" + endpoint + "]", s.p99()));
    report.latencyTable(stats);
    return stats.entrySet().stream().filter(e -> e.getKey().contains(" /api/"))
        .mapToDouble(e -> e.getValue().p99()).max().orElse(0);
  }

  /**
   * Start-up to a healthy /actuator/health, the JVM's start included: the packaged jar as
   * {@code java -jar}, and extracted with a class-data-sharing archive (as the README recommends
   * for a node), each on a fresh database and then restarted on it {@link #RESTARTS} times (the
   * median is reported).
   */
  private void startup(Targets targets) throws Exception {
    report.heading("Start-up to healthy: the packaged jar, and the jar extracted with a class-data-sharing archive");
    report.figure("startup.cds_prepare_s", cds().seconds());
    List<List<Object>> rows = new ArrayList<>();
    for (boolean shared : List.of(false, true)) {
      String variant = shared ? "cds" : "jar";
      try (BenchDatabase db = BenchDatabase.create(settings, work, "startup-" + variant)) {
        double fresh = timedStart(db, shared, "fresh");
        List<Double> restarts = new ArrayList<>();
        for (int i = 0; i < RESTARTS; i++) {
          restarts.add(timedStart(db, shared, "restart-" + i));
        }
        double restart = restarts.stream().sorted().toList().get(RESTARTS / 2);
        report.figure("startup." + variant + ".fresh_db_s", fresh);
        report.figure("startup." + variant + ".restart_s", restart);
        report.data("startup." + variant + ".restarts_s", restarts);
        rows.add(List.of(shared ? "extracted, with the archive" : "`java -jar`", fresh, restart, restarts));
        targets.check("start-up to healthy, fresh database (" + variant + ")", fresh + " s", "< 10 s", fresh < 10);
        targets.check("start-up to healthy, restart (" + variant + ")", restart + " s", "< 10 s", restart < 10);
      }
    }
    report.table(List.of("start", "fresh database s", "restart s (median)", "restarts s"), rows);
    report.text("");
    report.text("Extracting the jar and the archive's training start took " + cds().seconds() + " s.");
  }

  private double timedStart(BenchDatabase db, boolean shared, String name) throws Exception {
    if (shared) {
      cds(); // prepared before the clock starts
    }
    long started = System.nanoTime();
    try (Node node = startNode(db, shared, db.directory().resolve("node-" + name + (shared ? "-cds" : "") + ".log"))) {
      node.awaitHealthy(START_TIMEOUT);
      return seconds(started);
    }
  }

  private Node startNode(BenchDatabase db, boolean shared, Path log) throws Exception {
    if (!shared) {
      return Node.start(log, settings.jvmOptions(), db.arguments(), BenchSettings.NODE_ENVIRONMENT);
    }
    return Node.start(log, cds().jvmOptions(settings.jvmOptions()), cds().jar(), db.arguments(),
        BenchSettings.NODE_ENVIRONMENT);
  }

  /** Prepared once per run, trained on a fresh database of the run's kind. */
  private ClassDataSharing.Prepared cds() throws Exception {
    if (cds == null) {
      try (BenchDatabase training = BenchDatabase.create(settings, work, "cds-training")) {
        cds = ClassDataSharing.prepare(work.resolve("cds"), settings.jvmOptions(), training.arguments(),
            BenchSettings.NODE_ENVIRONMENT);
      }
    }
    return cds;
  }

  /**
   * Our lifecycle in-process (the baseline of the HTTP run) against the bare engine on the same
   * work: anchor (a), our models with stub beans, and anchor (b), a plain 15-step process
   * ({@link EngineComparison}); returns our median lifecycles per second.
   */
  private double engineComparison(Targets targets) throws Exception {
    report.heading("In-process: our lifecycle against the bare engine (" + settings.clients() + " clients, "
        + settings.rounds() + " interleaved rounds of " + settings.seconds() + " s, medians)");
    {
      EngineComparison comparison = new EngineComparison(settings, work);
      List<EngineComparison.Summary> summaries = comparison.run(List.of(
          new EngineComparison.Variant(VariantJvm.INPROCESS, "ours: our models and beans"),
          new EngineComparison.Variant(VariantJvm.STUB_BEANS, "anchor (a): our models, stub beans"),
          new EngineComparison.Variant(VariantJvm.PLAIN, "anchor (b): a plain process, 14 user tasks (15 steps)")));
      if (!settings.postgres()) {
        // what the anchors' databases were opened with: the application's H2 settings (BareEngine)
        report.figure("h2_settings", BenchDatabase.h2Settings(summaries.get(1).jdbcUrl()));
      }
      double oursPerSecond = summaries.get(0).lifecyclesPerSecond();
      List<List<Object>> rows = new ArrayList<>();
      for (EngineComparison.Summary s : summaries) {
        String key = s.variant().key();
        double ratio = s.pairedRatio();
        report.figure(key + ".lifecycles_per_s", s.lifecyclesPerSecond());
        report.figure(key + ".cpu_ms_per_lifecycle", s.cpuMsPerLifecycle());
        if (s.dbCpuMsPerLifecycle() >= 0) {
          report.figure(key + ".postgres_cpu_ms_per_lifecycle", s.dbCpuMsPerLifecycle());
        }
        report.figure(key + ".sql_per_lifecycle", s.sqlPerLifecycle());
        report.figure(key + ".commits_per_lifecycle", s.commitsPerLifecycle());
        // distinct statement texts of its last round: what each H2 session's QUERY_CACHE_SIZE would hold
        report.figure(key + ".sql_texts_in_round", s.rounds().get(s.rounds().size() - 1).sqlTexts());
        if (s.kbWrittenPerLifecycle() >= 0) {
          report.figure(key + ".h2_kb_written_per_lifecycle", s.kbWrittenPerLifecycle());
        }
        report.figure(key + ".jit_ms_measured", s.jitMs());
        double jitCpu = jitCpuMsPerLifecycle(s);
        report.figure(key + ".jit_cpu_ms_per_lifecycle", jitCpu);
        List<Double> blocksRead = s.rounds().stream().map(EngineComparison.Measured::blocksReadPerLifecycle)
            .filter(blocks -> blocks >= 0).toList();
        if (!blocksRead.isEmpty()) {
          // each round's own, in the order run: whether a variant read more after another's turn
          report.figure(key + ".pg_blocks_read_per_lifecycle", blocksRead);
        }
        if (s.rounds().stream().allMatch(m -> m.rowsReadPerLifecycle() >= 0)) {
          // each round's own too: what the server did for a lifecycle, and what it met (checkpoints)
          report.figure(key + ".pg_rows_read_per_lifecycle", s.rounds().stream()
              .map(EngineComparison.Measured::rowsReadPerLifecycle).toList());
          report.figure(key + ".pg_wal_kb_per_lifecycle", s.rounds().stream()
              .map(EngineComparison.Measured::walKbPerLifecycle).toList());
          report.figure(key + ".pg_full_page_images_per_lifecycle", s.rounds().stream()
              .map(EngineComparison.Measured::fullPageImagesPerLifecycle).toList());
          report.figure(key + ".pg_checkpoints_in_round", s.rounds().stream()
              .map(EngineComparison.Measured::checkpoints).toList());
          report.figure(key + ".pg_dead_rows_at_round_start", s.rounds().stream()
              .map(EngineComparison.Measured::deadRowsAtStart).toList());
        }
        if (s.rounds().stream().allMatch(m -> m.dbExecutionMsPerLifecycle() >= 0)) {
          report.figure(key + ".pg_execution_ms_per_lifecycle", s.rounds().stream()
              .map(EngineComparison.Measured::dbExecutionMsPerLifecycle).toList());
        }
        report.figure(key + ".gc_ms_measured", s.gcMs());
        report.figure(key + ".failures", s.failures());
        report.figure(key + ".warmup_s", s.warmupSeconds());
        report.figure(key + ".lifecycles_before_measuring", s.agedLifecycles());
        report.data(key + ".rounds", s.rounds());
        if (!"inprocess".equals(key)) {
          report.figure("ratio.inprocess_to_" + key, ratio);
        }
        rows.add(List.of(s.variant().title(), s.lifecyclesPerSecond(), "inprocess".equals(key) ? "1" : ratio,
            s.cpuMsPerLifecycle() + (jitCpu < 0 ? "" : " (JIT " + jitCpu + ")"), s.dbCpuMsPerLifecycle() < 0 ? "-" : s.dbCpuMsPerLifecycle(), s.sqlPerLifecycle(), s.commitsPerLifecycle(),
            s.kbWrittenPerLifecycle() < 0 ? "-" : s.kbWrittenPerLifecycle(), s.jitMs() + " / " + s.gcMs(),
            s.warmupSeconds(),
            s.failures()));
      }
      report.table(List.of("variant", "lifecycles/s", "ours / this", "CPU ms / lifecycle (its JVM; of it its compiler threads)",
          "PostgreSQL's CPU ms / lifecycle", "SQL / lifecycle",
          "commits / lifecycle", "KB H2 wrote to its file / lifecycle", "JIT / GC ms while measured", "warm-up s",
          "failures"), rows);
      report.text("");
      sqlBreakdown(summaries);
      double toStubs = summaries.get(1).pairedRatio();
      boolean clean = summaries.stream().allMatch(s -> s.failures() == 0 && s.lifecyclesPerSecond() > 0);
      EngineComparison.Slices slices = comparison.slices();
      String measuredBy = "the rounds' paired ratios";
      if (slices != null) {
        report.text("");
        report.text("Paired slices: " + slices.ratios().size() + " pairs of " + slices.seconds() + " s, ours and "
            + slices.anchor() + " one right after the other, in turns first (median of the pairs' ratios, with a "
            + "95 % confidence interval of it):");
        report.table(List.of("variant", "lifecycles/s", "CPU ms / lifecycle, its JVM",
            "of it its compiler threads', ms / lifecycle", "PostgreSQL's CPU ms / lifecycle", "GC pauses, ms / lifecycle", "failures"), List.of(
            sliceRow(summaries.get(0).variant().title(), slices.ours()),
            sliceRow(summaries.get(1).variant().title(), slices.anchors())));
        report.text("ours / " + slices.anchor() + ": " + slices.ratio() + " (95 % confidence interval "
            + slices.low() + " to " + slices.high() + "); the pairs in the order run: " + slices.ratios());
        report.figure("slices.ratio.inprocess_to_" + slices.anchor(), slices.ratio());
        report.figure("slices.ratio_low", slices.low());
        report.figure("slices.ratio_high", slices.high());
        report.data("slices", slices);
        toStubs = slices.ratio();
        clean = clean && slices.failures() == 0;
        measuredBy = "the paired slices";
      }
      targets.check("in-process / anchor (a), our models with stub beans (" + settings.db() + ", " + measuredBy
          + ")", toStubs + (clean ? "" : " (with failures: not a result)"), ">= 0.9", clean && toStubs >= 0.9);
      return oursPerSecond;
    }
  }

  /** A variant's row of the paired slices: the medians of its slices (failures: their sum). */
  static List<Object> sliceRow(String title, List<EngineComparison.Slice> slices) {
    double db = EngineComparison.median(slices.stream().map(EngineComparison.Slice::dbCpuMsPerLifecycle)
        .filter(ms -> ms >= 0).toList(), -1);
    double jit = EngineComparison.median(slices.stream().map(EngineComparison.Slice::jitCpuMsPerLifecycle)
        .filter(ms -> ms >= 0).toList(), -1);
    return List.of(title,
        EngineComparison.round(EngineComparison.median(slices.stream().map(EngineComparison.Slice::lifecyclesPerSecond).toList())),
        EngineComparison.round(EngineComparison.median(slices.stream().map(EngineComparison.Slice::cpuMsPerLifecycle).toList())),
        jit < 0 ? "-" : EngineComparison.round(jit),
        db < 0 ? "-" : EngineComparison.round(db),
        EngineComparison.round(EngineComparison.median(slices.stream().map(EngineComparison.Slice::gcMsPerLifecycle).toList())),
        slices.stream().mapToLong(EngineComparison.Slice::failures).sum());
  }

  /** SQL statements per lifecycle by verb and table, ours beside anchor (a), the largest differences first. */
  private void sqlBreakdown(List<EngineComparison.Summary> summaries) {
    Map<String, Double> ours = summaries.get(0).rounds().get(summaries.get(0).rounds().size() - 1).sqlByKind();
    Map<String, Double> stubs = summaries.get(1).rounds().get(summaries.get(1).rounds().size() - 1).sqlByKind();
    java.util.Set<String> kinds = new java.util.TreeSet<>(ours.keySet());
    kinds.addAll(stubs.keySet());
    List<List<Object>> rows = kinds.stream()
        .map(kind -> List.<Object>of(kind, ours.getOrDefault(kind, 0.0), stubs.getOrDefault(kind, 0.0),
            round(ours.getOrDefault(kind, 0.0) - stubs.getOrDefault(kind, 0.0))))
        .sorted((a, b) -> Double.compare((double) b.get(3), (double) a.get(3)))
        .limit(30).toList();
    report.data("sql_by_kind.inprocess", ours);
    report.data("sql_by_kind.anchor_stub_beans", stubs);
    report.text("Where the SQL goes (statements per lifecycle in the last round, ours against anchor (a), the 30"
        + " largest differences):");
    report.text("");
    report.table(List.of("statement", "ours", "anchor (a)", "difference"), rows);
    report.text("");
    executionBreakdown(summaries);
  }

  /**
   * On a server with {@code pg_stat_statements} (the benchmark's own): the server's execution time
   * per lifecycle by statement kind, ours beside anchor (a), the median over the rounds, the
   * largest differences first. The time a statement takes to execute, not the protocol's or the
   * commit's around it.
   */
  private void executionBreakdown(List<EngineComparison.Summary> summaries) {
    List<EngineComparison.Measured> ours = summaries.get(0).rounds();
    List<EngineComparison.Measured> stubs = summaries.get(1).rounds();
    if (ours.stream().anyMatch(m -> m.dbExecutionMsPerLifecycle() < 0)
        || stubs.stream().anyMatch(m -> m.dbExecutionMsPerLifecycle() < 0)) {
      return;
    }
    java.util.Set<String> kinds = new java.util.TreeSet<>();
    ours.forEach(m -> kinds.addAll(m.dbExecutionMsByKind().keySet()));
    stubs.forEach(m -> kinds.addAll(m.dbExecutionMsByKind().keySet()));
    Map<String, Double> oursMs = new java.util.TreeMap<>();
    Map<String, Double> stubsMs = new java.util.TreeMap<>();
    for (String kind : kinds) {
      oursMs.put(kind, EngineComparison.median(ours.stream().map(m -> m.dbExecutionMsByKind().getOrDefault(kind, 0.0)).toList()));
      stubsMs.put(kind, EngineComparison.median(stubs.stream().map(m -> m.dbExecutionMsByKind().getOrDefault(kind, 0.0)).toList()));
    }
    List<List<Object>> rows = kinds.stream()
        .map(kind -> List.<Object>of(kind, oursMs.get(kind), stubsMs.get(kind), round(oursMs.get(kind) - stubsMs.get(kind))))
        .sorted((a, b) -> Double.compare(Math.abs((double) b.get(3)), Math.abs((double) a.get(3))))
        .limit(25).toList();
    report.data("pg_execution_ms_by_kind.inprocess", oursMs);
    report.data("pg_execution_ms_by_kind.anchor_stub_beans", stubsMs);
    report.text("Where PostgreSQL's execution time goes (ms per lifecycle by statement kind, `pg_stat_statements`,"
        + " the median of the rounds; ours against anchor (a), the 25 largest differences either way; in all: ours "
        + EngineComparison.median(ours.stream().map(EngineComparison.Measured::dbExecutionMsPerLifecycle).toList()) + " ms, anchor (a) "
        + EngineComparison.median(stubs.stream().map(EngineComparison.Measured::dbExecutionMsPerLifecycle).toList()) + " ms):");
    report.text("");
    report.table(List.of("statement", "ours", "anchor (a)", "difference"), rows);
    report.text("");
  }

  /**
   * Where the machine's CPU went while the lifecycles ran over HTTP: the node, the benchmark's own
   * JVM (its HTTP clients) and PostgreSQL's processes, per lifecycle and as a share of all cores.
   */
  private void cpuFigures(String prefix, CpuSplit.Spent spent, LoadRun.Result result) {
    double lifecycles = Math.max(1e-9, result.steps() / (double) InProcessLifecycle.STEPS);
    double capacity = Runtime.getRuntime().availableProcessors() * spent.wallMs();
    StringBuilder line = new StringBuilder("CPU while measured, per lifecycle and as a share of the machine's "
        + Runtime.getRuntime().availableProcessors() + " cores:");
    spent.byProcess().forEach((process, ms) -> {
      if (ms >= 0) {
        report.figure(prefix + ".cpu_ms_per_lifecycle." + process, round(ms / lifecycles));
        report.figure(prefix + ".cpu_share." + process, round(ms / capacity));
        line.append(" ").append(process).append(" ").append(round(ms / lifecycles)).append(" ms (")
            .append(Math.round(100 * ms / capacity)).append(" %);");
      }
    });
    report.text(line.toString());
    report.text("");
  }

  private void lifecycleFigures(String prefix, LoadRun.Result result) {
    report.figure(prefix + ".lifecycles_per_s", round(result.lifecyclesPerSecond()));
    report.figure(prefix + ".lifecycles_completed", result.lifecycles());
    report.figure(prefix + ".failures", result.failures());
    result.firstFailures().forEach(failure -> System.out.println("BENCH-FAILURE " + prefix + ": " + failure));
    report.text("Lifecycles per second: **" + round(result.lifecyclesPerSecond()) + "** (" + result.lifecycles()
        + " whole lifecycles and " + result.steps() + " steps in " + result.seconds() + " s; "
        + result.failures() + " failed)");
    report.text("");
  }

  private void scale(Targets targets) throws Exception {
    report.heading("Scale: running engagements spread over " + Preload.STAGES.size() + " stages and "
        + settings.organizations() + " organizations (alice's acme holds 1/" + settings.organizations() + ")");
    Map<Integer, Map<String, Latencies.Stats>> bySize = new LinkedHashMap<>();
    List<List<Object>> rows = new ArrayList<>();
    List<String> acme = Collections.synchronizedList(new ArrayList<>());
    Preload preload = new Preload(settings.organizations(), acme);
    try (BenchDatabase db = BenchDatabase.create(settings, work, "scale")) {
      int loaded = 0;
      for (int size : settings.sizes()) {
        try (InProcessApp app = InProcessApp.forBulkLoad(db)) {
          long started = System.nanoTime();
          preload.load(app, loaded, size, settings.preloadThreads());
          double took = seconds(started);
          report.figure("scale." + size + ".preload_s", took);
          report.figure("scale." + size + ".preload_per_s", Math.round((size - loaded) / took));
        }
        loaded = size;
        long started = System.nanoTime();
        try (Node node = Node.start(db.directory().resolve("node-" + size + ".log"), settings.jvmOptions(),
            db.arguments(), BenchSettings.NODE_ENVIRONMENT)) {
          node.awaitHealthy(START_TIMEOUT);
          double startup = seconds(started);
          report.figure("scale." + size + ".startup_s", startup);
          Map<String, Latencies.Stats> stats = ScaleProbe.measure(node.base(), acme, settings.samples()).stats();
          bySize.put(size, stats);
          report.data("scale." + size + ".endpoints", stats);
          stats.forEach((endpoint, s) -> {
            report.figure("scale." + size + ".p50_ms[" + endpoint + "]", s.p50());
            report.figure("scale." + size + ".p99_ms[" + endpoint + "]", s.p99());
            rows.add(List.of(size, "`" + endpoint + "`", s.p50(), s.p95(), s.p99(), s.max()));
          });
          report.figure("scale." + size + ".rss_mb", Footprint.residentMb(node.pid()));
          targets.check("start-up to healthy with " + size + " engagements (jar)", startup + " s", "< 10 s", startup < 10);
        }
        double shared = timedStart(db, true, String.valueOf(size));
        report.figure("scale." + size + ".startup_cds_s", shared);
        targets.check("start-up to healthy with " + size + " engagements (cds)", shared + " s", "< 10 s", shared < 10);
      }
    }
    report.table(List.of("engagements", "endpoint", "p50 ms", "p95 ms", "p99 ms", "max ms"), rows);
    report.data("scale.rows_per_engagement", preload.rowsPerStage());
    report.text("");
    report.text("Database rows per engagement, by stage: " + preload.rowsPerStage());
    growth(bySize, targets);
  }

  private void growth(Map<Integer, Map<String, Latencies.Stats>> bySize, Targets targets) {
    if (bySize.size() < 2) {
      return;
    }
    int smallest = settings.sizes().get(0);
    int largest = settings.sizes().get(settings.sizes().size() - 1);
    report.text("");
    report.text("Growth from " + smallest + " to " + largest + " engagements (p50 and p99 ratio):");
    report.text("");
    bySize.get(largest).forEach((endpoint, big) -> {
      Latencies.Stats small = bySize.get(smallest).get(endpoint);
      double p50 = round(big.p50() / small.p50());
      double p99 = round(big.p99() / small.p99());
      report.figure("scale.growth_p50[" + endpoint + "]", p50);
      report.figure("scale.growth_p99[" + endpoint + "]", p99);
      report.text("- `" + endpoint + "`: p50 x" + p50 + ", p99 x" + p99);
      if (!endpoint.equals(ScaleProbe.DETAIL)) {
        targets.check(endpoint + " p50 at " + largest + " / at " + smallest, "x" + p50, "<= 2", p50 <= 2);
      }
    });
  }

  static double seconds(long startedNanos) {
    return round((System.nanoTime() - startedNanos) / 1e9);
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
