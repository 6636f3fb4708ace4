package dev.frontierengage.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontierengage.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One node, 50 engagements at mixed stages, {@code kill -9} in the middle of a burst of
 * actions, restart: every engagement is there once, every acknowledged action is kept, and no
 * engagement is half-way between two states. On the H2 file database by default; on
 * PostgreSQL with the {@code postgres} Maven profile.
 */
@Tag("alone") // nodes as JVMs of their own: with the machine to itself, after the other application tests (pom.xml)
class CrashDurabilityIT {

  static final int ENGAGEMENTS = 50;
  /** The planned partner release of every inquiry: 60 days after the first node's date (its {@code Date} header). */
  String releaseDate;

  enum Action { WITHDRAW, ASK_CLARIFICATION, RECORD_BENCHMARK }

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) // a failed run keeps the nodes' logs
  Path dir;
  final NodeClient client = new NodeClient();

  @Test
  void acknowledgedActionsSurviveKill9AndNothingIsDuplicated() throws Exception {
    // PostgreSQL: a database of its own; H2: the shipped default URL, in a directory of its own
    List<String> database = TestDatabase.postgres() ? List.of(TestDatabase.arguments("crash-it")) : List.of();
    Map<String, String> environment = Map.of("DATA_DIR", dir.resolve("data").toAbsolutePath().toString());
    List<String> ids = new ArrayList<>();
    Map<String, Action> planned = new ConcurrentHashMap<>();
    Map<String, Action> acknowledged = new ConcurrentHashMap<>();

    try (Node node = Node.start(dir.resolve("node-1.log"), database, environment).awaitHealthy(Duration.ofMinutes(2))) {
      releaseDate = client.today(node).plusDays(60).toString();
      for (int i = 0; i < ENGAGEMENTS; i++) {
        HttpResponse<String> opened = client.send(node, "POST", "/api/engagements", "alice", inquiry(i), "crash-" + i);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String id = NodeClient.json(opened).get("id").asText();
        ids.add(id);
        if (i % 2 == 1) {
          completeTask(node, "nsa-intake", id, "UserTask_ReviewIntake",
              "{\"intakeOutcome\":{\"value\":\"ACCEPTED\"}}");
        }
        planned.put(id, i % 4 < 2 ? Action.WITHDRAW : i % 2 == 0 ? Action.ASK_CLARIFICATION : Action.RECORD_BENCHMARK);
      }

      ExecutorService burst = Executors.newFixedThreadPool(4);
      CountDownLatch halfway = new CountDownLatch(ENGAGEMENTS / 2);
      for (String id : ids) {
        burst.submit(() -> {
          try {
            if (perform(node, id, planned.get(id))) {
              acknowledged.put(id, planned.get(id));
              halfway.countDown();
            }
          } catch (Exception crashed) {
            // the node died under this request: not acknowledged
          }
        });
      }
      assertThat(halfway.await(2, TimeUnit.MINUTES)).as("half the burst acknowledged").isTrue();
      node.kill();
      burst.shutdown();
      assertThat(burst.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }

    try (Node node = Node.start(dir.resolve("node-2.log"), database, environment).awaitHealthy(Duration.ofMinutes(2))) {
      JsonNode list = client.get(node, "/api/engagements?size=100", "alice");
      assertThat(list.get("total").asInt()).as("nothing lost, nothing duplicated").isEqualTo(ENGAGEMENTS);
      for (int i = 0; i < ENGAGEMENTS; i++) {
        String id = ids.get(i);
        HttpResponse<String> again = client.send(node, "POST", "/api/engagements", "alice", inquiry(i), "crash-" + i);
        assertThat(NodeClient.json(again).get("id").asText()).as("idempotent after the crash").isEqualTo(id);

        JsonNode detail = client.get(node, "/api/engagements/" + id, "alice");
        String state = detail.get("stage").asText() + "/" + detail.path("status").asText("");
        List<String> before = List.of(i % 2 == 0 ? "INTAKE/" : "DESIGNATION/");
        String after = switch (planned.get(id)) {
          case WITHDRAW -> "CLOSED/WITHDRAWN";
          case ASK_CLARIFICATION -> "CLARIFICATION/";
          case RECORD_BENCHMARK -> "DESIGNATION/";
        };
        if (acknowledged.containsKey(id)) {
          assertThat(state).as("acknowledged " + planned.get(id) + " of " + id).isEqualTo(after);
        } else {
          assertThat(state).as("unacknowledged " + planned.get(id) + " of " + id).isIn(before.get(0), after);
        }
        if (planned.get(id) == Action.RECORD_BENCHMARK && acknowledged.containsKey(id)) {
          assertThat(client.tasks(node, "nsa-benchmark", id, "UserTask_RecordBenchmarkResults")).isEmpty();
        }
      }
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ENGAGEMENTS / 2);
  }

  private boolean perform(Node node, String id, Action action) throws Exception {
    return switch (action) {
      case WITHDRAW -> client.send(node, "POST", "/api/engagements/" + id + "/withdrawal", "alice",
          "{\"reason\":\"crash test\"}", null).statusCode() == 200;
      case ASK_CLARIFICATION -> completeTask(node, "nsa-intake", id, "UserTask_ReviewIntake",
          "{\"intakeOutcome\":{\"value\":\"CLARIFICATION_NEEDED\"},\"intakeNote\":{\"value\":\"Which base?\"}}");
      case RECORD_BENCHMARK -> completeTask(node, "nsa-benchmark", id, "UserTask_RecordBenchmarkResults",
          "{\"scoreVulnerabilityDiscovery\":{\"value\":70},\"scoreExploitDevelopment\":{\"value\":70},"
              + "\"scoreNetworkOperations\":{\"value\":70},\"scoreCriticalInfrastructure\":{\"value\":70},"
              + "\"scoreAutonomousOperations\":{\"value\":70},\"benchmarkSuiteVersion\":{\"value\":\"b1\"}}");
    };
  }

  private boolean completeTask(Node node, String user, String id, String taskKey, String variables) throws Exception {
    List<String> open = client.tasks(node, user, id, taskKey);
    assertThat(open).as(taskKey + " of " + id).hasSize(1);
    return client.send(node, "POST", "/engine-rest/task/" + open.get(0) + "/complete", user,
        "{\"variables\":" + variables + "}", null).statusCode() == 204;
  }

  private String inquiry(int i) {
    return "{\"modelName\":\"Crash " + i + "\",\"modelVersion\":\"1\",\"description\":\"d\","
        + "\"contactEmail\":\"a@acme.invalid\",\"plannedPartnerReleaseDate\":\"" + releaseDate + "\"}";
  }
}
