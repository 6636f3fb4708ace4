package dev.frontierengage.cluster;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the cluster tests share: the nodes' arguments and a JDBC look at their database. */
final class Cluster {

  private Cluster() {}

  /**
   * Arguments of a node on {@code database} (from {@code TestDatabase.properties}): the test
   * policy with a two-second consultation round, and a job executor that looks for due jobs at
   * least every second, so that short timers fire within the test.
   */
  static List<String> arguments(Map<String, String> database, String... more) throws URISyntaxException {
    List<String> arguments = new ArrayList<>();
    database.forEach((key, value) -> arguments.add("--" + key + "=" + value));
    Path policy = Path.of(Cluster.class.getResource("/cluster-policy.yaml").toURI());
    arguments.add("--spring.config.additional-location=file:" + policy);
    arguments.add("--camunda.bpm.job-execution.wait-time-in-millis=500");
    arguments.add("--camunda.bpm.job-execution.max-wait=1000");
    arguments.addAll(List.of(more));
    return arguments;
  }

  static Connection connect(Map<String, String> database) throws SQLException {
    return DriverManager.getConnection(database.get("spring.datasource.url"), "postgres", "");
  }

  /** Prints each node log's errors, with the lines that follow them, for a failed run's report. */
  static void printErrors(java.nio.file.Path dir) {
    try (var logs = java.nio.file.Files.list(dir)) {
      for (java.nio.file.Path log : logs.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
        List<String> lines = java.nio.file.Files.readAllLines(log);
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).contains(" ERROR ") && !lines.get(i).contains("Cannot find task with id")) {
            System.err.println(log.getFileName() + ": " + String.join("\n  ", lines.subList(i,
                Math.min(lines.size(), i + 25))));
          }
        }
      }
    } catch (java.io.IOException e) {
      System.err.println("node logs unreadable in " + dir + ": " + e);
    }
  }
}
