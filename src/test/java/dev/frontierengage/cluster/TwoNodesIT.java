package dev.frontierengage.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontierengage.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of the packaged application on one fresh PostgreSQL database (but for a stale
 * Liquibase lock), started at the same moment: the schema is applied once; 100 engagements are driven round-robin across both nodes
 * to the release to trusted partners; the same task completed on both nodes at once succeeds
 * once and gets a clear 409 once; the short consultation timers and the access-window timers
 * fire exactly once each across the cluster (counted in history), and both nodes run jobs.
 * (PostgreSQL only: {@code mvn -Ppostgres verify}.)
 */
@Tag("alone") // nodes as JVMs of their own: with the machine to itself, after the other application tests (pom.xml)
class TwoNodesIT {

  static final int ENGAGEMENTS = 100;
  static final int RACES = 20;
  static final int CLIENTS = 8;

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) // a failed run keeps the nodes' logs
  Path dir;
  final NodeClient client = new NodeClient();

  @Test
  void twoNodesShareTheWorkAndEveryStepHappensExactlyOnce() throws Exception {
    assumeTrue(TestDatabase.postgres(), "a cluster shares a PostgreSQL database");
    Map<String, String> database = TestDatabase.properties("two-nodes");
    leaveAStaleLiquibaseLock(database);
    List<String> arguments = Cluster.arguments(database);
    try (Node first = Node.start(dir.resolve("node-1.log"), arguments, Map.of("NODE_ID", "node-1"));
         Node second = Node.start(dir.resolve("node-2.log"), arguments, Map.of("NODE_ID", "node-2"))) {
      first.awaitHealthy(Duration.ofMinutes(3));
      second.awaitHealthy(Duration.ofMinutes(3));
      assertSchemaAppliedOnce(database);

      List<Node> nodes = List.of(first, second);
      Lifecycle lifecycle = new Lifecycle(client, new LiveNodes(nodes), Duration.ofSeconds(2));
      List<String> ids;
      try (Clients clients = new Clients(CLIENTS)) {
        for (int i = 0; i < ENGAGEMENTS; i++) {
          int number = i;
          clients.drive(() -> {
            String id = lifecycle.open(number);
            if (number < RACES) {
              completeIntakeOnBothNodesAtOnce(nodes, id);
            } else {
              lifecycle.intake(id);
            }
            lifecycle.benchmark(id);
            lifecycle.fromConsultationToRelease(id);
            return id;
          });
        }
        try {
          ids = clients.awaitAll(Duration.ofMinutes(10));
        } catch (Exception | AssertionError failed) {
          Cluster.printErrors(dir);
          throw failed;
        }
      }

      assertThat(ids).hasSize(ENGAGEMENTS).doesNotHaveDuplicates();
      assertThat(client.get(second, "/api/engagements?size=1", "alice").get("total").asInt()).isEqualTo(ENGAGEMENTS);
      for (String id : ids) {
        JsonNode closed = lifecycle.detail(id);
        assertThat(closed.get("stage").asText() + "/" + closed.get("status").asText()).as(id)
            .isEqualTo("CLOSED/RELEASED_TO_PARTNERS");
        assertThat(closed.get("timeline").findValuesAsText("event").stream()
            .filter("INTAKE_REVIEWED"::equals).count()).as("intake of " + id + " reviewed once").isOne();
      }
      // every engagement passed each timer at least once (it reached the end): a total equal to
      // the number of engagements means exactly once each, across both nodes
      assertThat(client.historyCount(first, "activity-instance/count?activityId=BoundaryEvent_ConsultationPeriodEnded"))
          .as("consultation timers fired").isEqualTo(ENGAGEMENTS);
      assertThat(client.historyCount(first, "activity-instance/count?activityId=TimerEvent_AccessWindowOpens&finished=true"))
          .as("access-window timers fired").isEqualTo(ENGAGEMENTS);
      assertThat(client.historyCount(first, "activity-instance/count?activityId=EndEvent_ReleasedToTrustedPartners"))
          .isEqualTo(ENGAGEMENTS);
      assertThat(client.historyCount(first, "process-instance/count?processDefinitionKey=engagement&unfinished=true"))
          .isZero();
      for (String node : List.of("node-1", "node-2")) {
        assertThat(client.historyCount(first, "job-log/count?successLog=true&hostname=" + node))
            .as("jobs run by " + node).isPositive();
      }
      assertThat(client.historyCount(first, "job-log/count?failureLog=true")).as("no job failed").isZero();
    }
  }

  /** The same intake task completed through both nodes at the same moment. */
  private void completeIntakeOnBothNodesAtOnce(List<Node> nodes, String id) throws Exception {
    List<String> open = client.tasks(nodes.get(0), "nsa-intake", id, "UserTask_ReviewIntake");
    assertThat(open).hasSize(1);
    CyclicBarrier together = new CyclicBarrier(nodes.size());
    List<CompletableFuture<HttpResponse<String>>> both = new ArrayList<>();
    for (Node node : nodes) {
      both.add(CompletableFuture.supplyAsync(() -> {
        try {
          together.await(10, TimeUnit.SECONDS);
          return client.send(node, "POST", "/engine-rest/task/" + open.get(0) + "/complete", "nsa-intake",
              "{\"variables\":" + Lifecycle.INTAKE_ACCEPTED + "}");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    List<Integer> statuses = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> answer : both) {
      HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
      statuses.add(response.statusCode());
      bodies.add(response.body());
      if (response.statusCode() == 409) {
        assertThat(response.body()).containsAnyOf("OptimisticLockingException", "completed or cancelled meanwhile");
      }
    }
    assertThat(statuses).as("the same task on both nodes at once: " + bodies).containsExactlyInAnyOrder(204, 409);
  }

  /**
   * What a node killed in the middle of a migration leaves behind: Liquibase's lock set. Liquibase
   * alone would wait five minutes for it and fail; the node holding the start-up turn releases it.
   */
  private static void leaveAStaleLiquibaseLock(Map<String, String> database) throws Exception {
    try (Connection connection = Cluster.connect(database); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE databasechangeloglock (id INTEGER PRIMARY KEY, locked BOOLEAN NOT NULL,"
          + " lockgranted TIMESTAMP, lockedby VARCHAR(255))");
      statement.execute("INSERT INTO databasechangeloglock VALUES (1, TRUE, now(), 'a node killed mid-migration')");
    }
  }

  /** Both nodes started together on the empty database; each change of the changelog ran once. */
  private static void assertSchemaAppliedOnce(Map<String, String> database) throws Exception {
    try (Connection connection = Cluster.connect(database); Statement statement = connection.createStatement()) {
      List<String> applied = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery("SELECT id FROM databasechangelog ORDER BY orderexecuted")) {
        while (rows.next()) {
          applied.add(rows.getString(1));
        }
      }
      assertThat(applied).doesNotHaveDuplicates().contains("7.16.0-baseline", "7.24.0-tag", "fe-1-idempotency-key",
          "fe-2-notification", "fe-3-variable-value-index");
      // the start-up turn (StartupTurn's advisory lock) is passed on once each node is ready
      try (ResultSet locks = statement.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
          + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
        assertThat(locks.next()).isTrue();
        assertThat(locks.getInt(1)).as("advisory locks still held").isZero();
      }
    }
  }
}
