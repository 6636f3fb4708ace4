package dev.frontierengage.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontierengage.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of the packaged application on one PostgreSQL database: engagements driven
 * round-robin across both, and the same task completed on both at once, where exactly one
 * succeeds and the other gets a clear 409. (PostgreSQL only: {@code mvn -Ppostgres verify}.)
 */
class TwoNodesIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final int ENGAGEMENTS = 20;

  @TempDir
  Path dir;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void bothNodesServeOneDatabaseAndATaskIsCompletedExactlyOnce() throws Exception {
    assumeTrue(TestDatabase.postgres(), "a cluster shares a PostgreSQL database");
    List<String> database = List.of(TestDatabase.arguments("two-nodes"));
    try (Node first = Node.start(dir.resolve("node-1.log"), database, Map.of()).awaitHealthy(Duration.ofMinutes(2));
         Node second = Node.start(dir.resolve("node-2.log"), database, Map.of()).awaitHealthy(Duration.ofMinutes(2))) {
      List<Node> nodes = List.of(first, second);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < ENGAGEMENTS; i++) {
        Node node = nodes.get(i % 2);
        HttpResponse<String> opened = send(node, "POST", "/api/engagements", "alice",
            "{\"modelName\":\"Cluster " + i + "\",\"modelVersion\":\"1\",\"description\":\"d\","
                + "\"contactEmail\":\"a@acme.invalid\",\"plannedPartnerReleaseDate\":\""
                + LocalDate.now(ZoneOffset.UTC).plusDays(60) + "\"}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        ids.add(JSON.readTree(opened.body()).get("id").asText());
      }
      assertThat(JSON.readTree(send(second, "GET", "/api/engagements?size=100", "alice", null).body())
          .get("total").asInt()).isEqualTo(ENGAGEMENTS);

      for (String id : ids) {
        String task = JSON.readTree(send(first, "GET", "/engine-rest/task?processInstanceBusinessKey=" + id
            + "&taskDefinitionKey=UserTask_ReviewIntake", "nsa-intake", null).body()).get(0).get("id").asText();
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<HttpResponse<String>>> both = new ArrayList<>();
        for (Node node : nodes) {
          both.add(CompletableFuture.supplyAsync(() -> {
            try {
              together.await(10, TimeUnit.SECONDS);
              return send(node, "POST", "/engine-rest/task/" + task + "/complete", "nsa-intake",
                  "{\"variables\":{\"intakeOutcome\":{\"value\":\"ACCEPTED\"}}}");
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
        assertThat(statuses).as("the same task on both nodes at once: " + bodies)
            .containsExactlyInAnyOrder(204, 409);
        JsonNode detail = JSON.readTree(send(first, "GET", "/api/engagements/" + id, "alice", null).body());
        assertThat(detail.get("stage").asText()).isEqualTo("DESIGNATION");
        assertThat(detail.get("timeline").findValuesAsText("event").stream()
            .filter("INTAKE_REVIEWED"::equals).count()).as("completed exactly once").isOne();
      }
    }
  }

  private HttpResponse<String> send(Node node, String method, String path, String user, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(node.base() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
