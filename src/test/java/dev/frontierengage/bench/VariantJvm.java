package dev.frontierengage.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One variant of the in-process comparison in a JVM of its own ({@link VariantProcess} starts
 * it): its database, its engine (our application, or a bare engine for an anchor) and its
 * clients. It runs what the benchmark's JVM asks on its standard input, one command a line, and
 * answers each with one line {@value #REPLY} and a JSON object:
 * <ul>
 *   <li>on start, unasked: {@code engineSettings} (ours: what the anchors copy) and {@code jdbcUrl};
 *   <li>{@code warmup}: runs until its JIT is done ({@link EngineComparison#untilJitDone});
 *       {@code seconds}, {@code lifecycles} its database has been through;
 *   <li>{@code age <lifecycles>}: runs in chunks until its database has been through that many;
 *       {@code chunks}, {@code lifecycles};
 *   <li>{@code rewarm [seconds]}: runs unmeasured, {@link EngineComparison#REWARM_SECONDS} unless
 *       told; {@code jitMs};
 *   <li>{@code slice <seconds> <pair>}: one measured slice of the paired comparison
 *       ({@link EngineComparison.Slice}), {@code pair} numbering its printed lines;
 *   <li>{@code vacuum}: its database's vacuum ({@link BenchDatabase#vacuumNow});
 *   <li>{@code measure}: one measured round ({@link EngineComparison.Measured});
 *   <li>{@code quit}: closes its engine and database, answers, and ends.
 * </ul>
 * A failed command answers {@code error}. Each variant in its own JVM: code the JIT compiled for
 * one variant is not thrown away and compiled again for the next (when the three shared one JVM,
 * anchor (a) spent 2.1 to 3.6 s of a 30 s round compiling in a PostgreSQL run), and its warm-up and
 * CPU time are its own.
 */
final class VariantJvm {

  static final String REPLY = "VARIANT-REPLY ";
  static final String INPROCESS = "inprocess";
  static final String STUB_BEANS = "anchor_stub_beans";
  static final String PLAIN = "anchor_plain";

  private static final ObjectMapper JSON = new ObjectMapper();
  /** How many statement texts each slice prints, those the server spent the most time on. */
  private static final int SLICE_STATEMENTS = 15;

  private final String key;
  private final BenchSettings settings;
  private final LoadRun.Clients clients;
  private final SqlCounter sql;
  private final java.util.function.LongSupplier bytesWritten;
  private final BenchDatabase database;
  /** The lifecycles its database has been through so far (finished steps / steps per lifecycle). */
  private double lifecyclesRun;

  private VariantJvm(String key, BenchSettings settings, LoadRun.Clients clients, SqlCounter sql,
      java.util.function.LongSupplier bytesWritten, BenchDatabase database) {
    this.key = key;
    this.settings = settings;
    this.clients = clients;
    this.sql = sql;
    this.bytesWritten = bytesWritten;
    this.database = database;
  }

  /**
   * {@code args}: the variant's key, the benchmark's work directory, and for an anchor the
   * settings of our engine it copies (JSON, from ours' first answer).
   */
  public static void main(String[] args) throws Exception {
    String key = args[0];
    BenchSettings settings = BenchSettings.fromSystemProperties();
    Path work = Path.of(args[1]);
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    AutoCloseable[] resources = new AutoCloseable[2]; // the engine, then its database: closed in that order
    Map<String, Object> last = Map.of("closed", true);
    try {
      VariantJvm variant;
      Map<String, Object> hello = new LinkedHashMap<>();
      switch (key) {
        case INPROCESS -> {
          BenchDatabase db = BenchDatabase.create(settings, work, "in-process");
          resources[1] = db;
          InProcessApp app = InProcessApp.counted(db);
          resources[0] = app;
          EngineSteps ours = new EngineSteps(app);
          variant = new VariantJvm(key, settings, client -> new InProcessLifecycle(ours), SqlCounter.APPLICATION,
              () -> db.h2BytesWritten("frontier-engage"), db);
          hello.put("engineSettings", BareEngine.EngineSettings.of(app));
          hello.put("jdbcUrl", app.bean(org.springframework.core.env.Environment.class)
              .getRequiredProperty("spring.datasource.url"));
        }
        case STUB_BEANS, PLAIN -> {
          BareEngine.EngineSettings ours = JSON.readValue(args[2], BareEngine.EngineSettings.class);
          boolean stubs = STUB_BEANS.equals(key);
          BenchDatabase db = BenchDatabase.create(settings, work, stubs ? "anchor-stub-beans" : "anchor-plain");
          resources[1] = db;
          BareEngine bare = stubs ? BareEngine.withOurModels(db, StubBeans.ofOurModels(), ours)
              : BareEngine.with(db, "plain", "bench-plain.bpmn", PlainLifecycle.model(), ours);
          resources[0] = bare;
          EngineSteps stubbed = EngineSteps.onStubs(bare.engine());
          variant = new VariantJvm(key, settings, stubs ? client -> new InProcessLifecycle(stubbed)
              : client -> new PlainLifecycle(bare.engine()), bare.sql(),
              () -> db.h2BytesWritten(stubs ? "stub-beans" : "plain"), db);
          hello.put("jdbcUrl", bare.jdbcUrl());
        }
        default -> throw new IllegalArgumentException("no variant " + key);
      }
      reply(hello);
      for (String line = commands.readLine(); line != null; line = commands.readLine()) {
        if ("quit".equals(line.trim())) {
          break;
        }
        try {
          reply(variant.run(line.trim()));
        } catch (Throwable failed) { // an OutOfMemoryError too: the benchmark's JVM waits for an answer
          failed.printStackTrace(System.out);
          reply(Map.of("error", String.valueOf(failed)));
        }
      }
    } catch (Throwable failed) {
      failed.printStackTrace(System.out);
      last = Map.of("error", String.valueOf(failed));
    } finally {
      // closed before the last answer: the benchmark's JVM stops this one once it has it, and a
      // PostgreSQL database is dropped by its close
      for (AutoCloseable resource : resources) {
        try {
          if (resource != null) {
            resource.close();
          }
        } catch (Throwable failed) {
          failed.printStackTrace(System.out);
        }
      }
      try {
        reply(last);
      } finally {
        System.exit(last.containsKey("error") ? 1 : 0); // the engine's and the pools' threads that outlive their close
      }
    }
  }

  private Object run(String command) throws Exception {
    String[] words = command.split("\\s+");
    return switch (words[0]) {
      case "warmup" -> Map.of("seconds", warmUp(), "lifecycles", lifecyclesRun);
      case "age" -> Map.of("chunks", ageTo(Double.parseDouble(words[1])), "lifecycles", lifecyclesRun);
      case "rewarm" -> Map.of("jitMs",
          rewarm(words.length > 1 ? Integer.parseInt(words[1]) : EngineComparison.REWARM_SECONDS));
      case "slice" -> slice(Integer.parseInt(words[1]), Integer.parseInt(words[2]));
      case "vacuum" -> {
        database.vacuumNow();
        yield Map.of();
      }
      case "measure" -> measure();
      case "counted" -> {
        sql.counting(Boolean.parseBoolean(words[1]));
        yield Map.of("counted", Boolean.parseBoolean(words[1]));
      }
      default -> throw new IllegalArgumentException("no command " + command);
    };
  }

  private static void reply(Object answer) throws java.io.IOException {
    System.out.println(REPLY + JSON.writeValueAsString(answer));
    System.out.flush();
  }

  /**
   * Runs the variant in chunks until a chunk compiles for less than 2 % of its time; returns the
   * seconds spent ({@link EngineComparison#untilJitDone}).
   */
  private int warmUp() throws InterruptedException {
    return EngineComparison.untilJitDone(key, settings.clients(), settings.warmupSeconds(), EngineComparison::jitMs,
        () -> "code cache " + EngineComparison.codeCacheMb() + " MB, classes loaded "
            + java.lang.management.ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount(),
        clients -> load(clients, EngineComparison.CHUNK_SECONDS, true));
  }

  /**
   * Runs unmeasured with all its clients, in chunks, until its database has been through
   * {@code most} lifecycles (at most {@link EngineComparison#MAX_WARMUP_CHUNKS} chunks); returns the chunks.
   */
  private int ageTo(double most) throws InterruptedException {
    int chunks = 0;
    while (lifecyclesRun < most && chunks < EngineComparison.MAX_WARMUP_CHUNKS) {
      load(settings.clients(), EngineComparison.CHUNK_SECONDS, true);
      chunks++;
    }
    return chunks;
  }

  /**
   * Runs for {@code seconds} with {@code clients}, and counts the lifecycles its database went
   * through; unless {@code finishing} (only measured rounds do not), each client finishes the
   * engagement it is in when time is up ({@link LoadRun#run(String, int, int, int, LoadRun.Clients, boolean)}).
   */
  private LoadRun.Result load(int clientCount, int seconds, boolean finishing) throws InterruptedException {
    LoadRun.Result result = LoadRun.run(key, clientCount, seconds, InProcessLifecycle.STEPS, clients, finishing);
    lifecyclesRun += (result.steps() + result.lateSteps()) / (double) InProcessLifecycle.STEPS;
    if (finishing && result.failures() > 0) {
      System.out.println("BENCH-WARMUP " + key + ": " + result.failures() + " lifecycles failed unmeasured, "
          + "their engagements left where they stood: " + result.firstFailures());
    }
    return result;
  }

  /**
   * Just before each measured round or slice, runs unmeasured for {@code seconds} with all its
   * clients: its JVM and database sat idle while the others were measured (the operating system's
   * caches served them, its pool's connections aged, its job executor backed off), and its round
   * starts from a running state, as the others' do. Returns what the JIT compiled meanwhile.
   */
  private long rewarm(int seconds) throws InterruptedException {
    if (seconds <= 0) {
      return 0;
    }
    long jit = EngineComparison.jitMs();
    load(settings.clients(), seconds, true);
    return EngineComparison.jitMs() - jit;
  }

  /**
   * What the server did in a slice ({@link #slice}), per lifecycle, as its printed lines: the
   * execution time (where {@code pg_stat_statements} was read), rows read and the dead rows at its
   * start ({@code BENCH-PG-SLICE}), then the {@link #SLICE_STATEMENTS} statement texts it spent most
   * on ({@code BENCH-PG-SLICE-SQL}), each numbered by {@code pair}: a cost that grows over the run
   * shows as the same text's ms per lifecycle rising from pair to pair. {@code pg_stat_user_tables}
   * lags by up to a second (a backend's counts are flushed then), so a slice's rows read may miss
   * or borrow that much at its edges.
   */
  static java.util.List<String> sliceLines(String key, int pair, BenchDatabase.Activity before,
      BenchDatabase.Activity after, double lifecycles) {
    Server server = Server.of(before, after, lifecycles);
    java.util.List<String> lines = new java.util.ArrayList<>();
    lines.add("BENCH-PG-SLICE " + key + " " + pair + ": "
        + (server.executionMs() < 0 ? "" : server.executionMs() + " ms executing and ")
        + server.rowsRead() + " rows read per lifecycle, " + server.deadRowsAtStart() + " dead rows at its start");
    after.slowestSince(before, lifecycles, SLICE_STATEMENTS)
        .forEach(line -> lines.add("BENCH-PG-SLICE-SQL " + key + " " + pair + ": " + line));
    return lines;
  }

  /**
   * One slice of the paired comparison: all its clients for {@code seconds}, counting the steps
   * finished inside them; then each client finishes the engagement it is in, so that a slice, like
   * an unmeasured run, leaves no engagement behind (a measured round leaves one per client). The
   * CPU (its JVM's, of it its compiler threads', and on PostgreSQL the server's) and the GC's
   * pauses are taken over the slice and those last steps together, per lifecycle of all the
   * steps done. On PostgreSQL it also prints what the server did in it ({@link #sliceLines}), from
   * its statistics read before and after the CPU figures.
   */
  private EngineComparison.Slice slice(int seconds, int pair) throws InterruptedException {
    // read before the CPU is: the statistics' own query is not the slice's
    BenchDatabase.Activity activity = database == null ? null : database.activity();
    // the compiler threads read from /proc before the JVM's CPU is, so that the reading is not the slice's
    long jitCpu = Machine.jitMillis(ProcessHandle.current().pid());
    long cpu = EngineComparison.cpuNanos();
    long dbCpu = settings.postgres() ? Machine.cpuMillisOf("postgres") : -1;
    long gc = EngineComparison.gcMs();
    LoadRun.Result result = load(settings.clients(), seconds, true);
    long cpuNow = EngineComparison.cpuNanos();
    long jitCpuNow = jitCpu < 0 ? -1 : Machine.jitMillis(ProcessHandle.current().pid());
    long gcNow = EngineComparison.gcMs();
    long dbCpuNow = dbCpu < 0 ? -1 : Machine.cpuMillisOf("postgres");
    double all = Math.max(1e-9, (result.steps() + result.lateSteps()) / (double) InProcessLifecycle.STEPS);
    BenchDatabase.Activity activityNow = activity == null ? null : database.activity();
    if (activityNow != null) {
      sliceLines(key, pair, activity, activityNow, all).forEach(System.out::println);
    }
    return new EngineComparison.Slice(EngineComparison.round(result.lifecyclesPerSecond()),
        EngineComparison.round((cpuNow - cpu) / 1e6 / all),
        // a compiler thread that ended in the slice takes its time out of the sum: unreadable then
        jitCpuNow < 0 || jitCpuNow < jitCpu ? -1 : EngineComparison.round((jitCpuNow - jitCpu) / all),
        dbCpu < 0 || dbCpuNow < 0 ? -1 : EngineComparison.round((dbCpuNow - dbCpu) / all),
        EngineComparison.round((gcNow - gc) / all), result.failures());
  }

  private EngineComparison.Measured measure() throws InterruptedException {
    long statements = sql.count();
    long commits = sql.commits();
    Map<String, Long> kinds = sql.byKind();
    Map<String, Long> sites = sql.bySite();
    long written = bytesWritten.getAsLong();
    long cpu = EngineComparison.cpuNanos();
    long dbCpu = settings.postgres() ? Machine.cpuMillisOf("postgres") : -1;
    long jit = EngineComparison.jitMs();
    long jitCpu = Machine.jitMillis(ProcessHandle.current().pid());
    long[] blocks = database == null ? new long[] {-1, -1} : database.blocks();
    BenchDatabase.Activity activity = database == null ? null : database.activity();
    long gc = EngineComparison.gcMs();
    sql.newWindow();
    LoadRun.Result result = load(settings.clients(), settings.seconds(), false);
    double lifecycles = Math.max(1e-9, result.steps() / (double) InProcessLifecycle.STEPS);
    Map<String, Double> perLifecycle = new java.util.TreeMap<>();
    sql.byKind().forEach((kind, n) -> {
      double per = EngineComparison.round((n - kinds.getOrDefault(kind, 0L)) / lifecycles);
      if (per > 0) {
        perLifecycle.put(kind, per);
      }
    });
    if (!SqlCounter.SITE_KINDS.isEmpty()) {
      sql.bySite().forEach((site, n) -> System.out.println("BENCH-SQL-SITE " + key + " "
          + EngineComparison.round((n - sites.getOrDefault(site, 0L)) / lifecycles) + " per lifecycle: " + site));
    }
    long cpuNow = EngineComparison.cpuNanos();
    long dbCpuNow = dbCpu < 0 ? -1 : Machine.cpuMillisOf("postgres");
    long writtenNow = bytesWritten.getAsLong();
    long jitCpuNow = jitCpu < 0 ? -1 : Machine.jitMillis(ProcessHandle.current().pid());
    long[] blocksNow = blocks[0] < 0 ? blocks : database.blocks();
    long read = blocksNow[0] - blocks[0];
    long hit = blocksNow[1] - blocks[1];
    boolean counted = blocks[0] >= 0 && blocksNow[0] >= 0 && read + hit > 0;
    BenchDatabase.Activity activityNow = activity == null ? null : database.activity();
    Server server = activityNow == null ? Server.NONE : Server.of(activity, activityNow, lifecycles);
    if (activityNow != null) {
      // the statement texts that took the server the most time in this round (pg_stat_statements)
      activityNow.slowestSince(activity, lifecycles, 12)
          .forEach(line -> System.out.println("BENCH-PG-SLOWEST " + key + ": " + line));
    }
    return new EngineComparison.Measured(EngineComparison.round(result.lifecyclesPerSecond()),
        EngineComparison.round((cpuNow - cpu) / 1e6 / lifecycles),
        dbCpuNow < 0 ? -1 : EngineComparison.round((dbCpuNow - dbCpu) / lifecycles),
        EngineComparison.round((sql.count() - statements) / lifecycles),
        EngineComparison.round((sql.commits() - commits) / lifecycles),
        written < 0 || writtenNow < 0 ? -1 : EngineComparison.round((writtenNow - written) / 1024.0 / lifecycles),
        EngineComparison.jitMs() - jit, EngineComparison.gcMs() - gc, result.failures(),
        perLifecycle, sql.distinctTexts(),
        jitCpuNow < 0 ? -1 : EngineComparison.round((jitCpuNow - jitCpu) / lifecycles),
        counted ? EngineComparison.round(read / lifecycles) : -1,
        counted ? Math.round(1000.0 * hit / (read + hit)) / 1000.0 : -1,
        server.rowsRead(), server.scannedByTable(), server.walKb(), server.fullPageImages(), server.checkpoints(),
        server.deadRowsAtStart(), server.executionMs(), server.executionMsByKind());
  }

  /**
   * What PostgreSQL did in a measured round, per lifecycle ({@link BenchDatabase#activity}): rows
   * read (scans and index fetches), the tables whose scans read the most rows (at least one a
   * lifecycle, the five largest), log kilobytes and full page images; the checkpoints the round
   * met, and the dead rows its database held when it began; the server's execution time by
   * statement kind (where it has {@code pg_stat_statements}). -1 (none) on H2.
   */
  record Server(double rowsRead, Map<String, Double> scannedByTable, double walKb, double fullPageImages,
      long checkpoints, long deadRowsAtStart, Map<String, Double> executionMsByKind) {

    static final Server NONE = new Server(-1, Map.of(), -1, -1, -1, -1, Map.of());

    /** The server's execution time per lifecycle, all kinds together (-1 where it was not read). */
    double executionMs() {
      return executionMsByKind.isEmpty() ? -1
          : EngineComparison.round(executionMsByKind.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    static Server of(BenchDatabase.Activity before, BenchDatabase.Activity after, double lifecycles) {
      Map<String, long[]> read = after.readSince(before);
      long rows = read.values().stream().mapToLong(r -> r[0] + r[1]).sum();
      Map<String, Double> scanned = new LinkedHashMap<>();
      read.entrySet().stream().filter(e -> e.getValue()[0] >= lifecycles)
          .sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0])).limit(5)
          .forEach(e -> scanned.put(e.getKey(), EngineComparison.round(e.getValue()[0] / lifecycles)));
      return new Server(EngineComparison.round(rows / lifecycles), scanned,
          EngineComparison.round((after.walBytes() - before.walBytes()) / 1024.0 / lifecycles),
          EngineComparison.round((after.fullPageImages() - before.fullPageImages()) / lifecycles),
          after.checkpoints() - before.checkpoints(), before.deadRows(), perLifecycle(after.executionMsSince(before), lifecycles));
    }

    private static Map<String, Double> perLifecycle(Map<String, Double> ms, double lifecycles) {
      Map<String, Double> per = new java.util.TreeMap<>();
      ms.forEach((kind, spent) -> per.put(kind, Math.round(1000 * spent / lifecycles) / 1000.0));
      return per;
    }
  }
}
