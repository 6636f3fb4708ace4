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

  private static String show(Statement statement, String setting) throws SQLException {
    try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
      row.next();
      return row.getString(1);
    }
  }
}
