package dev.frontierengage.bench;

import dev.frontierengage.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What PostgreSQL's autovacuum does for a database with its default settings, done by the
 * benchmark for one of its databases when the server's own is off (this machine's server has
 * {@code autovacuum = off}; a production server has it on). Without it every row the engine
 * deletes or updates stays dead in its table and its indexes: the engine's runtime tables, a few
 * thousand live rows, hold tens of thousands of dead ones after a few minutes, every query on them
 * reads those, and a database's cost per lifecycle grows with the lifecycles it has been through.
 *
 * <p>Every {@link #NAP_SECONDS} (autovacuum's {@code autovacuum_naptime}, 1 min) each table of
 * the database whose dead rows exceed 50 + 20 % of its rows, or whose rows inserted since its last
 * vacuum exceed 1,000 + 20 %, is vacuumed, and analysed when the rows changed since its last
 * analysis exceed 50 + 10 % (autovacuum's default thresholds and scale factors). Each runs at
 * autovacuum's pace: a command's own {@code VACUUM} or {@code ANALYZE} runs unthrottled
 * ({@code vacuum_cost_delay} 0), while autovacuum sleeps {@code autovacuum_vacuum_cost_delay}
 * (2 ms) after each {@code vacuum_cost_limit} (200) of page costs, so that the queries running
 * beside it are not starved; an unthrottled vacuum reads and dirties pages as fast as the two
 * processors allow and slows every call that meets it. The vacuums run in the server's
 * processes, so their CPU is counted with PostgreSQL's.
 *
 * <p>When the server's autovacuum is on (the benchmark's own server), this runs no timer: the
 * server vacuums while a round runs, and this only catches up between rounds ({@link #round},
 * unthrottled, for every database), so that each round starts with no vacuum due anywhere. Else
 * the server's autovacuum does, whenever it comes to it, what the last rounds' variants left,
 * in whichever variant's round that falls: the rounds of the run of 18:51 on 2026-12-03 started
 * with 47,000 to 156,000 dead rows, and those of one variant met the vacuums of another's
 * database.
 */
final class Autovacuum implements AutoCloseable {

  static final int NAP_SECONDS = Integer.getInteger("bench.vacuumNap", 60);

  /** Autovacuum's cost-based delay with PostgreSQL's defaults, for this session's vacuums and analyses. */
  private static final List<String> AUTOVACUUM_PACE = List.of("SET vacuum_cost_delay = '2ms'", "SET vacuum_cost_limit = 200");

  private static final String DUE = "SELECT quote_ident(t.schemaname) || '.' || quote_ident(t.relname),"
      + " t.n_dead_tup > 50 + 0.2 * GREATEST(c.reltuples, 0)"
      + "   OR t.n_ins_since_vacuum > 1000 + 0.2 * GREATEST(c.reltuples, 0),"
      + " t.n_mod_since_analyze > 50 + 0.1 * GREATEST(c.reltuples, 0)"
      + " FROM pg_stat_user_tables t JOIN pg_class c ON c.oid = t.relid";

  private final String url;
  /** Null when the server vacuums while the rounds run and this only catches up between them. */
  private final ScheduledExecutorService timer;
  /** Each vacuum or analysis this ran, when it ended and how long it took ({@link #ran}). */
  private final List<Pauses.Span> ran = new java.util.concurrent.CopyOnWriteArrayList<>();

  private Autovacuum(String url, String database, boolean onTimer) {
    this.url = url;
    if (!onTimer) {
      this.timer = null;
      return;
    }
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "bench-autovacuum-" + database);
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleWithFixedDelay(this::round, NAP_SECONDS, NAP_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Vacuums {@code database} as autovacuum would if the server does not, and between rounds if it
   * does ({@code bench.vacuum}: {@code auto}, the default; {@code off}: never, to measure the
   * server as it is, in which case this returns null).
   */
  static Autovacuum start(String database) {
    return start(TestDatabase.SERVER, database);
  }

  /** As {@link #start(String)}, on the server at {@code server} ({@code jdbc:postgresql://host:port/}). */
  static Autovacuum start(String server, String database) {
    return turnedOff() ? null : new Autovacuum(server + database, database, !serverRunsIt(server));
  }

  /** Whether this vacuums on a timer of its own, as the server's autovacuum would (else only when asked). */
  boolean onTimer() {
    return timer != null;
  }

  /** Who vacuums the benchmark's PostgreSQL databases, for the report. */
  static String who() {
    boolean server = serverRunsIt(TestDatabase.SERVER);
    return server && turnedOff() ? "the server's autovacuum (bench.vacuum=off: the benchmark does not catch up between rounds)"
        : server ? "the server's autovacuum while a round runs; the benchmark, before each round, what is due in every database"
        : turnedOff() ? "none: the server's autovacuum is off (bench.vacuum=off)"
        : "the benchmark, as autovacuum's defaults would (the server's autovacuum is off; every " + NAP_SECONDS + " s)";
  }

  private static boolean turnedOff() {
    return "off".equals(System.getProperty("bench.vacuum", "auto"));
  }

  /** Whether the server's own autovacuum is on. */
  private static boolean serverRunsIt(String server) {
    try (Connection connection = DriverManager.getConnection(server + "postgres", "postgres", "");
         ResultSet row = connection.createStatement().executeQuery("SHOW autovacuum")) {
      return row.next() && "on".equals(row.getString(1));
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + server + ": " + e.getMessage(), e);
    }
  }

  /**
   * One round, on the timer or now in the caller's thread: the benchmark calls it for every
   * database between two measured rounds, so that a round's vacuums are of the database measured
   * in it (the others are vacuumed by then, and idle).
   */
  synchronized void round() {
    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
         Statement statement = connection.createStatement()) {
      List<String> commands = new ArrayList<>();
      try (ResultSet due = statement.executeQuery(DUE)) {
        while (due.next()) {
          boolean vacuum = due.getBoolean(2);
          boolean analyze = due.getBoolean(3);
          if (vacuum || analyze) {
            commands.add((vacuum && analyze ? "VACUUM (ANALYZE) " : vacuum ? "VACUUM " : "ANALYZE ") + due.getString(1));
          }
        }
      }
      if (!commands.isEmpty() && timer != null) { // between rounds with the server's on: nothing measured waits
        for (String pace : AUTOVACUUM_PACE) {
          statement.execute(pace);
        }
      }
      for (String command : commands) {
        long started = System.nanoTime();
        statement.execute(command);
        ran.add(new Pauses.Span(java.time.Instant.now(), (System.nanoTime() - started) / 1e6));
      }
    } catch (SQLException | RuntimeException e) {
      // the database is being dropped, or the server is busy: the next round tries again
      System.out.println("BENCH-VACUUM " + url + ": " + e.getMessage());
    }
  }

  /** The vacuums and analyses that overlap [from, to]. */
  Pauses.Summary ran(java.time.Instant from, java.time.Instant to) {
    return Pauses.within(ran, from, to);
  }

  @Override
  public void close() {
    if (timer == null) {
      return;
    }
    timer.shutdownNow();
    try {
      timer.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
