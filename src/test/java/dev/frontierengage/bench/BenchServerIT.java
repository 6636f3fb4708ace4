package dev.frontierengage.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.frontierengage.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's own PostgreSQL server starts with the settings it reports, on 127.0.0.1 only,
 * and is gone, files and all, once closed (on the PostgreSQL test run: the build's PostgreSQL).
 */
class BenchServerIT {

  @TempDir
  Path work;

  /**
   * As the benchmark's work directory under {@code target} is: readable by others (a temporary
   * directory is its owner's alone, and run as root the server runs as {@code postgres}).
   */
  @org.junit.jupiter.api.BeforeEach
  void openToTheServersUser() throws java.io.IOException {
    Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void startsWithItsSettingsAndLeavesNothingBehind() throws Exception {
    assumeTrue(TestDatabase.postgres(), "the benchmark's server is PostgreSQL's own binaries");
    String url;
    try (BenchServer server = BenchServer.start(work)) {
      url = server.url();
      assertThat(url).startsWith("jdbc:postgresql://127.0.0.1:");
      try (Connection connection = DriverManager.getConnection(url + "postgres", "postgres", "");
           Statement statement = connection.createStatement()) {
        assertThat(show(statement, "shared_buffers")).isEqualTo("4GB");
        assertThat(show(statement, "max_wal_size")).isEqualTo("8GB");
        assertThat(show(statement, "autovacuum")).isEqualTo("on");
        assertThat(show(statement, "listen_addresses")).isEqualTo("127.0.0.1");
        assertThat(show(statement, "shared_preload_libraries")).isEqualTo("pg_stat_statements");
        statement.execute("CREATE DATABASE bench_server_check");
      }
      try (Connection connection = DriverManager.getConnection(url + "bench_server_check", "postgres", "")) {
        assertThat(connection.isValid(5)).isTrue();
      }
    }
    assertThat(work.resolve("pg")).doesNotExist();
    assertThatThrownBy(() -> DriverManager.getConnection(url + "postgres", "postgres", "").close())
        .isInstanceOf(SQLException.class);
  }

  @Test
  void stopsAServerAnEarlierRunLeftRunning() throws Exception {
    assumeTrue(TestDatabase.postgres(), "the benchmark's server is PostgreSQL's own binaries");
    BenchServer left = BenchServer.start(work); // as if that run's JVM had been killed
    String leftUrl = left.url();
    try (BenchServer server = BenchServer.start(work)) {
      assertThatThrownBy(() -> DriverManager.getConnection(leftUrl + "postgres", "postgres", "").close())
          .isInstanceOf(SQLException.class);
      try (Connection connection = DriverManager.getConnection(server.url() + "postgres", "postgres", "")) {
        assertThat(connection.isValid(5)).isTrue();
      }
      assertThat(Files.exists(work.resolve("pg/data/postmaster.pid"))).isTrue();
    }
  }

  /**
   * With the server's autovacuum on, the benchmark runs no vacuum of its own while a round runs,
   * and before one it vacuums what autovacuum's thresholds say is due (here a table the server's
   * autovacuum is told to leave alone, so that only the benchmark's vacuum can have been there).
   */
  @Test
  void catchesUpOnDueVacuumsBetweenRoundsWhenTheServerVacuums() throws Exception {
    assumeTrue(TestDatabase.postgres(), "the benchmark's server is PostgreSQL's own binaries");
    try (BenchServer server = BenchServer.start(work)) {
      try (Connection connection = DriverManager.getConnection(server.url() + "postgres", "postgres", "");
           Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE bench_vacuum_check");
      }
      try (Connection connection = DriverManager.getConnection(server.url() + "bench_vacuum_check", "postgres", "");
           Statement statement = connection.createStatement()) {
        assumeTrue(Integer.parseInt(show(statement, "server_version_num")) >= 150000,
            "the server's counts of this session are read at once from PostgreSQL 15 on (pg_stat_force_next_flush)");
        statement.execute("CREATE TABLE churn (id int PRIMARY KEY, note text) WITH (autovacuum_enabled = false)");
        statement.execute("INSERT INTO churn SELECT n, 'row ' || n FROM generate_series(1, 2000) n");
        statement.execute("DELETE FROM churn WHERE id % 2 = 0");
        statement.execute("SELECT pg_stat_force_next_flush()"); // this session's counts, when the statement ends
        statement.execute("SELECT 1");
        assertThat(deadRows(statement)).isEqualTo(1000);

        try (Autovacuum vacuum = Autovacuum.start(server.url(), "bench_vacuum_check")) {
          assertThat(vacuum.onTimer()).as("a timer of the benchmark's beside the server's autovacuum").isFalse();
          vacuum.round();
        }
        assertThat(deadRows(statement)).as("dead rows once the benchmark caught up").isZero();
        try (ResultSet row = statement.executeQuery(
            "SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'churn'")) {
          row.next();
          assertThat(row.getBoolean(1)).as("vacuumed by the benchmark's command").isTrue();
        }
      }
    }
  }

  private static long deadRows(Statement statement) throws SQLException {
    try (ResultSet row = statement.executeQuery("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'churn'")) {
      row.next();
      return row.getLong(1);
    }
  }

  private static String show(Statement statement, String setting) throws SQLException {
    try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
      row.next();
      return row.getString(1);
    }
  }
}
