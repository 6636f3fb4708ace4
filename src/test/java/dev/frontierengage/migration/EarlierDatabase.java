package dev.frontierengage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipInputStream;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An H2 database an earlier version left ({@code src/test/resources/migration/<name>.zip}),
 * unpacked under {@code target/migration-it/} for one application test to start on, with the job
 * executor off and the server on 127.0.0.1.
 */
final class EarlierDatabase {

  private EarlierDatabase() {}

  static void properties(String name, DynamicPropertyRegistry registry) {
    use(copy(name, name), registry);
  }

  /**
   * The database {@code name} unpacked as {@code as} (a test that changes it before the start
   * takes a copy of its own: another test's context may still hold the database under its own
   * name open in this JVM); its JDBC URL, without settings.
   */
  static String copy(String name, String as) {
    Path database = Path.of("target", "migration-it", as);
    unzip(name, database);
    return "jdbc:h2:file:" + database.toAbsolutePath();
  }

  /** A change made to a copy before the application starts on it. */
  interface Change {
    void apply(java.sql.Statement statement) throws java.sql.SQLException;
  }

  /** {@link #copy(String, String)}, changed by {@code change} (committed) before anything starts on it. */
  static String copy(String name, String as, Change change) {
    String url = copy(name, as);
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, "sa", "");
         java.sql.Statement statement = connection.createStatement()) {
      change.apply(statement);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return url;
  }

  /** Starts the application on the database at {@code url}: the job executor off, the server on 127.0.0.1. */
  static void use(String url, DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> url + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
    registry.add("server.address", () -> "127.0.0.1");
  }

  private static void unzip(String name, Path database) {
    try {
      Files.createDirectories(database.getParent());
      try (InputStream zip = EarlierDatabase.class.getResourceAsStream("/migration/" + name + ".zip");
           ZipInputStream entries = new ZipInputStream(zip)) {
        assertThat(entries.getNextEntry()).isNotNull();
        Files.copy(entries, Path.of(database + ".mv.db"), StandardCopyOption.REPLACE_EXISTING);
      }
      Files.deleteIfExists(Path.of(database + ".trace.db"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
