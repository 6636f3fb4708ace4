package dev.frontierengage.bench;

import dev.frontierengage.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh database for one part of the benchmark, as application arguments that the node and
 * the in-process application both accept: H2 with the shipped URL in a directory of its own
 * ({@code DATA_DIR}), or a PostgreSQL database {@code bench_<name>_<random>} on
 * {@link TestDatabase#SERVER} with the application's {@code postgres} profile, vacuumed as autovacuum would when the server
 * does not, and caught up between rounds when it does ({@link Autovacuum}). Deleted or dropped by {@link #close}, unless {@code bench.keep}
 * is set.
 */
final class BenchDatabase implements AutoCloseable {

  private final Path directory;
  private final String postgresName;
  private final boolean keep;
  private final List<String> more;
  private final Autovacuum vacuum;

  private BenchDatabase(Path directory, String postgresName, BenchSettings settings) {
    this.directory = directory;
    this.postgresName = postgresName;
    this.keep = settings.keep();
    this.more = settings.applicationArguments();
    this.vacuum = postgresName == null ? null : Autovacuum.start(postgresName);
  }

  static BenchDatabase create(BenchSettings settings, Path workDir, String name) throws IOException {
    Path directory = workDir.resolve(name);
    if (Files.exists(directory)) {
      // an earlier run's files (kept by bench.keep, or left by a run that was stopped): every run
      // starts on fresh databases, as on PostgreSQL
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path); // one that cannot go (in use) fails the run rather than measure on it
        }
      }
    }
    Files.createDirectories(directory);
    if (!settings.postgres()) {
      return new BenchDatabase(directory, null, settings);
    }
    String database = "bench_" + name.replace('-', '_') + "_" + UUID.randomUUID().toString().substring(0, 8);
    TestDatabase.admin("CREATE DATABASE " + database);
    return new BenchDatabase(directory, database, settings);
  }

  /** Where the node writes its log and H2 its files. */
  Path directory() {
    return directory;
  }

  List<String> arguments() {
    if (postgresName == null) {
      return withEngine(List.of("--DATA_DIR=" + directory.resolve("data").toAbsolutePath()));
    }
    return withEngine(List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + TestDatabase.SERVER
        + postgresName, "--spring.datasource.username=postgres", "--spring.datasource.password="));
  }

  /**
   * A JDBC URL of this run's kind for an engine of its own ({@code name}): on H2 a file
   * database in this directory with {@code h2Settings} (the application's: {@link #h2Settings}),
   * on PostgreSQL this database.
   */
  String jdbcUrl(String name, String h2Settings) {
    return postgresName == null
        ? "jdbc:h2:file:" + directory.resolve("data").toAbsolutePath() + "/" + name + h2Settings
        : TestDatabase.SERVER + postgresName;
  }

  /**
   * The settings of an H2 URL ({@code ;WRITE_DELAY=0;...}: everything from its first {@code ;}),
   * none for another database's: what the application's data source is opened with, for the
   * anchors' databases to be opened alike.
   */
  static String h2Settings(String url) {
    int settings = url.indexOf(';');
    return url.startsWith("jdbc:h2:") && settings >= 0 ? url.substring(settings) : "";
  }

  /**
   * On H2, the bytes the database {@code name} (as {@link #jdbcUrl} names it; the application's own is
   * {@code frontier-engage}) has written to its file since it was opened (H2's
   * {@code info.FILE_WRITE_BYTES}): H2 writes every page a commit changed, one store at a time,
   * so this is what the store costs a lifecycle. -1 on PostgreSQL. Read on a connection of its own
   * to the database already open in this JVM, so that no statement counter sees it.
   */
  long h2BytesWritten(String name) {
    if (postgresName != null) {
      return -1;
    }
    // the database is open in this JVM with its own settings: the connection asks for none (and
    // for no new database, should the name be wrong)
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(jdbcUrl(name, ";IFEXISTS=TRUE"), "sa", "");
         java.sql.ResultSet row = connection.createStatement().executeQuery(
             "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.FILE_WRITE_BYTES'")) {
      return row.next() ? Long.parseLong(row.getString(1)) : -1;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("H2 " + name + ": " + e.getMessage(), e);
    }
  }

  /** On PostgreSQL (unless {@code bench.vacuum=off}): vacuums and analyses this one now where autovacuum's thresholds say it is due. */
  void vacuumNow() {
    if (vacuum != null) {
      vacuum.round();
    }
  }

  /**
   * On PostgreSQL, the blocks the server's backends have read for this database so far from
   * outside its shared buffers (the operating system's cache or the disk), and those they found in
   * them ({@code pg_stat_database}); {@code {-1, -1}} on H2 or where they cannot be read. The
   * server's shared buffers serve every database on it: the benchmark's three databases evict
   * each other's pages as their variants take turns.
   */
  long[] blocks() {
    if (postgresName == null) {
      return new long[] {-1, -1};
    }
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(TestDatabase.SERVER + "postgres", "postgres", "");
         java.sql.PreparedStatement query = connection.prepareStatement(
             "SELECT blks_read, blks_hit FROM pg_stat_database WHERE datname = ?")) {
      query.setString(1, postgresName);
      try (java.sql.ResultSet row = query.executeQuery()) {
        return row.next() ? new long[] {row.getLong(1), row.getLong(2)} : new long[] {-1, -1};
      }
    } catch (java.sql.SQLException e) {
      return new long[] {-1, -1};
    }
  }

  /**
   * On PostgreSQL, what the server has done so far for this database's tables and as a whole
   * (null on H2 or where it cannot be read): the rows its queries read by scanning tables and
   * through indexes, and the dead rows its tables hold now ({@code pg_stat_user_tables}), the
   * write-ahead log written and the full page images in it ({@code pg_stat_wal}: after each
   * checkpoint the first change of a page logs the whole page), and the checkpoints
   * ({@code pg_stat_bgwriter}). The log and the checkpoints are the server's: one variant runs at
   * a time, so a round's difference is that round's, with what the checkpoint it met flushed.
   * Where the server has {@code pg_stat_statements} loaded (the benchmark's own server), also the
   * calls and execution time of each statement text run in this database (empty elsewhere).
   */
  Activity activity() {
    if (postgresName == null) {
      return null;
    }
    Map<String, long[]> tables = new java.util.TreeMap<>();
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(TestDatabase.SERVER + postgresName, "postgres", "");
         java.sql.Statement statement = connection.createStatement()) {
      try (java.sql.ResultSet rows = statement.executeQuery("SELECT lower(relname), COALESCE(seq_tup_read, 0),"
          + " COALESCE(idx_tup_fetch, 0), n_dead_tup FROM pg_stat_user_tables")) {
        while (rows.next()) {
          tables.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3), rows.getLong(4)});
        }
      }
      Map<String, double[]> statements = statements(connection);
      try (java.sql.ResultSet row = statement.executeQuery("SELECT w.wal_bytes, w.wal_fpi,"
          + " b.checkpoints_timed + b.checkpoints_req FROM pg_stat_wal w, pg_stat_bgwriter b")) {
        return row.next() ? new Activity(tables, row.getLong(1), row.getLong(2), row.getLong(3), statements) : null;
      }
    } catch (java.sql.SQLException e) {
      return null;
    }
  }

  /**
   * {@link #activity}: by table (lower case), the rows read by scans and fetched through indexes
   * and its dead rows; the server's log bytes, full page images and checkpoints so far.
   */
  record Activity(Map<String, long[]> tables, long walBytes, long fullPageImages, long checkpoints,
      Map<String, double[]> statements) {

    /** Whether the statement is the benchmark's own: a read of the statistics, a vacuum, an analysis or a checkpoint. */
    private static boolean theBenchmarks(String text) {
      String lower = text.strip().toLowerCase(java.util.Locale.ROOT);
      return lower.contains("pg_stat") || lower.startsWith("vacuum") || lower.startsWith("analyze")
          || lower.startsWith("checkpoint");
    }

    /**
     * By statement text, the calls and execution ms since {@code before}: the texts that took any
     * time, not the benchmark's own ({@link #theBenchmarks}).
     */
    private Map<String, double[]> statementsSince(Activity before) {
      Map<String, double[]> since = new java.util.HashMap<>();
      statements.forEach((text, now) -> {
        double[] then = before.statements().getOrDefault(text, new double[2]);
        if (!theBenchmarks(text) && now[1] - then[1] > 0) {
          since.put(text, new double[] {now[0] - then[0], now[1] - then[1]});
        }
      });
      return since;
    }

    /**
     * The {@code most} statement texts on which the server spent the most execution time since
     * {@code before}, each as a line: ms and calls per lifecycle, and the text.
     */
    List<String> slowestSince(Activity before, double lifecycles, int most) {
      return statementsSince(before).entrySet().stream()
          .sorted((x, y) -> Double.compare(y.getValue()[1], x.getValue()[1])).limit(most)
          .map(e -> EngineComparison.round(e.getValue()[1] / lifecycles) + " ms in "
              + EngineComparison.round(e.getValue()[0] / lifecycles) + " calls per lifecycle: "
              + e.getKey().replaceAll("\\s+", " "))
          .toList();
    }

    /**
     * The server's execution time since {@code before}, in ms, by statement kind
     * ({@link SqlCounter#kind}: verb and first table): the lifecycle's statements, not the
     * benchmark's own.
     */
    Map<String, Double> executionMsSince(Activity before) {
      Map<String, Double> ms = new java.util.TreeMap<>();
      statementsSince(before).forEach((text, spent) -> ms.merge(SqlCounter.kind(text), spent[1], Double::sum));
      return ms;
    }

    /** The dead rows of this database's tables now. */
    long deadRows() {
      return tables.values().stream().mapToLong(t -> t[2]).sum();
    }

    /** The rows read since {@code before}, by scans ({@code [0]}) and through indexes ({@code [1]}), by table. */
    Map<String, long[]> readSince(Activity before) {
      Map<String, long[]> read = new java.util.TreeMap<>();
      tables.forEach((table, now) -> {
        long[] then = before.tables().getOrDefault(table, new long[3]);
        read.put(table, new long[] {now[0] - then[0], now[1] - then[1]});
      });
      return read;
    }
  }

  /** Whether this database has {@code pg_stat_statements}' view (made at the first read); false where the server lacks it. */
  private Boolean statementsView;

  /**
   * By statement text (as {@code pg_stat_statements} keeps it, constants as {@code $n}): calls
   * and execution ms so far in this database. Empty where the server has not loaded the module.
   */
  private Map<String, double[]> statements(java.sql.Connection connection) {
    Map<String, double[]> statements = new java.util.HashMap<>();
    try (java.sql.Statement statement = connection.createStatement()) {
      if (statementsView == null) {
        statementsView = false; // until the view is there: a failure below is said once
        boolean loaded;
        try (java.sql.ResultSet row = statement.executeQuery(
            "SELECT 1 FROM pg_settings WHERE name = 'shared_preload_libraries' AND setting LIKE '%pg_stat_statements%'")) {
          loaded = row.next();
        }
        if (loaded) {
          statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
          statementsView = true;
        }
      }
      if (!statementsView) {
        return statements;
      }
      try (java.sql.ResultSet rows = statement.executeQuery("SELECT query, sum(calls), sum(total_exec_time)"
          + " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
          + " GROUP BY query")) {
        while (rows.next()) {
          statements.put(rows.getString(1), new double[] {rows.getDouble(2), rows.getDouble(3)});
        }
      }
    } catch (java.sql.SQLException e) {
      System.out.println("BENCH-STATEMENTS " + postgresName + ": " + e.getMessage());
    }
    return statements;
  }

  /** The benchmark's vacuums of this database that overlap [from, to] (none on H2; when the server vacuums, the benchmark's run only between rounds). */
  Pauses.Summary vacuums(java.time.Instant from, java.time.Instant to) {
    return vacuum == null ? Pauses.Summary.NONE : vacuum.ran(from, to);
  }

  boolean postgres() {
    return postgresName != null;
  }

  /** The database's arguments and those the run adds ({@code bench.args}). */
  private List<String> withEngine(List<String> database) {
    List<String> arguments = new java.util.ArrayList<>(database);
    arguments.addAll(more);
    return arguments;
  }

  /**
   * The same database for a bulk load before the node starts: on H2 without the shipped
   * {@code WRITE_DELAY=0} (crash safety, not needed for a load that is redone when it fails)
   * and with {@link #H2_BULK}; on PostgreSQL with batches sent as multi-row inserts. The data
   * written is the same.
   */
  List<String> bulkLoadArguments() {
    if (postgresName == null) {
      return withEngine(List.of("--DATA_DIR=" + directory.resolve("data").toAbsolutePath(),
          "--spring.datasource.url=jdbc:h2:file:" + directory.resolve("data").toAbsolutePath()
          + "/frontier-engage;DB_CLOSE_ON_EXIT=FALSE;" + H2_BULK));
    }
    // the driver sends a batch of inserts as multi-row inserts
    return withEngine(List.of("--spring.profiles.active=postgres",
        "--spring.datasource.url=" + TestDatabase.SERVER + postgresName + "?reWriteBatchedInserts=true",
        "--spring.datasource.username=postgres", "--spring.datasource.password="));
  }

  /**
   * H2 for a bulk load: a 512 MB page cache, writes gathered for 10 s, and space of old pages
   * reused at once (twice as fast as the shipped settings for the same data, measured before
   * they kept parsed statements); parsed statements kept as the shipped settings keep them.
   */
  static final String H2_BULK = "CACHE_SIZE=524288;WRITE_DELAY=10000;RETENTION_TIME=0;QUERY_CACHE_SIZE=256";

  @Override
  public void close() {
    if (vacuum != null) {
      vacuum.close();
    }
    if (keep) {
      System.out.println("BENCH-KEPT " + (postgresName != null ? "database " + postgresName : directory.resolve("data")));
      return;
    }
    if (postgresName != null) {
      TestDatabase.admin("DROP DATABASE IF EXISTS " + postgresName + " WITH (FORCE)");
    }
    try (Stream<Path> files = Files.walk(directory.resolve("data"))) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException gone) {
      // nothing was written there (PostgreSQL) or it is gone already
    }
  }
}
