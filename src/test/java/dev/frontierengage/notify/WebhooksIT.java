package dev.frontierengage.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import dev.frontierengage.TestClock;
import dev.frontierengage.TestDatabase;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.engagement.IntakeOutcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An organization registers a webhook through the developer API and receives its engagements'
 * events, signed, on a real HTTP server (the JDK's, on 127.0.0.1), verified with the Standard
 * Webhooks library; a receiver killed mid-run gets the delivery again, with the same id, after
 * the backoff; 410 disables the webhook; a rotated secret signs at once; a deleted webhook gets
 * nothing; another organization's webhooks are not there for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhooksIT {

  static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.properties("webhooks-it").forEach((key, value) -> registry.add(key, () -> value));
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("frontier-engage.notify.scheduling", () -> "false");
  }

  /** One request the receiver got. */
  record Delivery(Map<String, List<String>> headers, String body) {}

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  OutboxWorker worker;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  Webhooks webhooks;

  final List<Delivery> received = new CopyOnWriteArrayList<>();
  final AtomicInteger answer = new AtomicInteger(204);
  HttpServer receiver;
  int receiverPort;
  EngagementDriver driver;

  @BeforeEach
  void start() throws Exception {
    TestClock.start();
    startReceiver(0);
    driver = new EngagementDriver(engine);
    worker.deliverDue();
    received.clear();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  @AfterAll
  static void wallClock() {
    TestClock.reset();
  }

  @Test
  void eventsArriveSignedAndAreDeliveredAgainWithTheSameIdAfterTheReceiverWasDown() throws Exception {
    JsonNode made = register("alice", "{\"url\":\"http://127.0.0.1:" + receiverPort + "/hook\","
        + "\"events\":[\"action.opened\",\"engagement.closed\"]}", 201);
    String secret = made.get("secret").asText();
    assertThat(secret).startsWith("whsec_");
    String id = made.get("id").asText();
    assertThat(api("GET", "/api/webhooks", null, "alice").body()).contains(id).doesNotContain(secret);
    assertThat(api("GET", "/api/webhooks/" + id, null, "bob").statusCode()).as("another organization's").isEqualTo(404);
    assertThat(api("DELETE", "/api/webhooks/" + id, null, "bob").statusCode()).isEqualTo(404);
    assertThat(api("POST", "/api/webhooks/" + id + "/rotate", null, "bob").statusCode()).isEqualTo(404);
    // a rotation takes no values: one that names any is refused and rotates nothing (the delivery below
    // is still signed with the first secret)
    for (String body : List.of("{\"url\":\"http://127.0.0.1:1/elsewhere\"}", "{\"secret\":\"mine\"}", "[]", "null")) {
      Answer refused = api("POST", "/api/webhooks/" + id + "/rotate", body, "alice");
      assertThat(refused.statusCode()).as(body).isEqualTo(400);
      assertThat(refused.contentType()).as(body).startsWith("application/problem+json");
    }

    String engagement = driver.submitInquiry(TestClock.TODAY.plusDays(60));
    driver.reviewIntake(engagement, IntakeOutcome.CLARIFICATION_NEEDED);
    worker.deliverDue();
    Delivery first = single();
    assertThatCode(() -> new Webhook(secret).verify(first.body(), first.headers())).doesNotThrowAnyException();
    JsonNode payload = JSON.readTree(first.body());
    assertThat(payload.get("type").asText()).isEqualTo("action.opened");
    assertThat(payload.get("data").get("engagementId").asText()).isEqualTo(engagement);
    assertThat(payload.get("data").get("action").asText()).isEqualTo("clarification");
    assertThat(payload.get("data").get("stage").asText()).isEqualTo("CLARIFICATION");
    assertThat(first.body()).as("thin: the client reads the rest through the API").doesNotContain("Roadrunner", "acme");
    received.clear();

    // the receiver is killed: the close is not delivered, then delivered again after the backoff
    receiver.stop(0);
    driver.provideClarification(engagement);
    driver.reviewIntake(engagement, IntakeOutcome.OUT_OF_SCOPE);
    worker.deliverDue();
    Map<String, Object> row = jdbc.queryForMap("SELECT id, status, attempts, next_attempt_at FROM fe_outbox"
        + " WHERE engagement_id = ? AND channel = 'WEBHOOK' AND event_type = 'engagement.closed'", engagement);
    assertThat(row).containsEntry("STATUS", "PENDING").containsEntry("ATTEMPTS", 1);
    startReceiver(receiverPort);
    ClockUtil.setCurrentTime(Date.from(((java.sql.Timestamp) row.get("NEXT_ATTEMPT_AT")).toInstant().plusSeconds(1)));
    worker.deliverDue();
    Delivery again = single();
    assertThat(again.headers().get("webhook-id")).containsExactly((String) row.get("ID"));
    assertThatCode(() -> new Webhook(secret).verify(again.body(), again.headers())).doesNotThrowAnyException();
    assertThat(JSON.readTree(again.body()).get("data").get("status").asText()).isEqualTo("OUT_OF_SCOPE");
    received.clear();

    // a rotated secret signs at once; the old one no longer verifies
    String rotated = api("POST", "/api/webhooks/" + id + "/rotate", null, "alice").json().get("secret").asText();
    assertThat(rotated).isNotEqualTo(secret);
    String next = driver.submitInquiry(TestClock.TODAY.plusDays(60));
    driver.reviewIntake(next, IntakeOutcome.CLARIFICATION_NEEDED);
    worker.deliverDue();
    Delivery signed = single();
    assertThatCode(() -> new Webhook(rotated).verify(signed.body(), signed.headers())).doesNotThrowAnyException();
    assertThatThrownBy(() -> new Webhook(secret).verify(signed.body(), signed.headers()))
        .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
    received.clear();

    // another organization's engagement never reaches alice's webhook
    Answer opened = api("POST", "/api/engagements", "{\"modelName\":\"Coyote\",\"modelVersion\":\"1\","
        + "\"description\":\"Globex's model\",\"contactEmail\":\"security@globex.invalid\"}", "bob");
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    String globex = opened.json().get("id").asText();
    driver.reviewIntake(globex, IntakeOutcome.CLARIFICATION_NEEDED);
    worker.deliverDue();
    assertThat(received).as("globex's events are not posted to acme's webhook").isEmpty();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fe_outbox WHERE engagement_id = ? AND channel = 'WEBHOOK'",
        Integer.class, globex)).isZero();

    // deleted: nothing more
    assertThat(api("DELETE", "/api/webhooks/" + id, null, "alice").statusCode()).isEqualTo(204);
    String last = driver.submitInquiry(TestClock.TODAY.plusDays(60));
    driver.reviewIntake(last, IntakeOutcome.CLARIFICATION_NEEDED);
    worker.deliverDue();
    assertThat(received).isEmpty();
  }

  @Test
  void aReceiverWhoseAnswerHoldsANulCountsAFailedAttemptWithAnErrorThatCanBeStored() throws Exception {
    // a receiver that answers a status line holding a NUL: the HTTP client's refusal quotes it,
    // and PostgreSQL refuses a NUL in last_error (the row stayed claimed, uncounted, for ever)
    try (java.net.ServerSocket malicious = new java.net.ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread answering = new Thread(() -> {
        while (!malicious.isClosed()) {
          try (java.net.Socket socket = malicious.accept()) {
            socket.getInputStream().read(new byte[65_536]);
            socket.getOutputStream().write("HTTP/1.1 2\u000000 OK\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
          } catch (java.io.IOException closed) {
            return;
          }
        }
      });
      answering.setDaemon(true);
      answering.start();
      register("alice", "{\"url\":\"http://127.0.0.1:" + malicious.getLocalPort() + "/nul\","
          + "\"events\":[\"action.opened\"]}", 201);
      String engagement = driver.submitInquiry(TestClock.TODAY.plusDays(60));
      driver.reviewIntake(engagement, IntakeOutcome.CLARIFICATION_NEEDED);
      worker.deliverDue();
      Map<String, Object> row = jdbc.queryForMap("SELECT status, attempts, locked_by, last_error FROM fe_outbox"
          + " WHERE engagement_id = ? AND channel = 'WEBHOOK'", engagement);
      assertThat(row).containsEntry("STATUS", "PENDING").containsEntry("ATTEMPTS", 1);
      assertThat(row.get("LOCKED_BY")).as("given back, to be tried after its backoff").isNull();
      assertThat((String) row.get("LAST_ERROR")).contains("Invalid status line").doesNotContain("\u0000");
    }
  }

  @Test
  void registrationsAtTheSameMomentCannotTakeAnOrganizationPastItsLimit() throws Exception {
    String organization = "limit-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    long made = dev.frontierengage.SameMoment.taken(16, i -> () -> {
      try {
        webhooks.register(organization, "https://hooks.example/" + i, List.of("action.opened"));
        return true;
      } catch (Webhooks.LimitReached full) {
        return false;
      }
    });
    assertThat(made).isEqualTo(Webhooks.MAX_PER_ORGANIZATION);
    assertThat(webhooks.count(organization)).isEqualTo(Webhooks.MAX_PER_ORGANIZATION);
  }

  @Test
  void aReceiverThatAnswers410IsDisabledAndBadRegistrationsAreRefused() throws Exception {
    String id = register("alice", "{\"url\":\"http://127.0.0.1:" + receiverPort + "/gone\","
        + "\"events\":[\"action.opened\"]}", 201).get("id").asText();
    answer.set(410);
    String engagement = driver.submitInquiry(TestClock.TODAY.plusDays(60));
    driver.reviewIntake(engagement, IntakeOutcome.CLARIFICATION_NEEDED);
    worker.deliverDue();
    assertThat(received).hasSize(1);
    assertThat(jdbc.queryForObject("SELECT status FROM fe_outbox WHERE engagement_id = ? AND channel = 'WEBHOOK'",
        String.class, engagement)).isEqualTo("DEAD");
    JsonNode disabled = api("GET", "/api/webhooks/" + id, null, "alice").json();
    assertThat(disabled.get("disabledAt").isNull()).isFalse();
    assertThat(disabled.get("disabledReason").asText()).contains("410");
    String later = driver.submitInquiry(TestClock.TODAY.plusDays(60));
    driver.reviewIntake(later, IntakeOutcome.CLARIFICATION_NEEDED);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fe_outbox WHERE engagement_id = ? AND channel = 'WEBHOOK'",
        Integer.class, later)).as("a disabled webhook gets nothing").isZero();

    long before = jdbc.queryForObject("SELECT COUNT(*) FROM fe_webhook", Long.class);
    for (String bad : List.of("{\"url\":\"ftp://127.0.0.1/x\",\"events\":[\"action.opened\"]}",
        "{\"url\":\"not a url\",\"events\":[\"action.opened\"]}",
        "{\"url\":\"http://u:p@127.0.0.1/x\",\"events\":[\"action.opened\"]}",
        "{\"url\":\"http://127.0.0.1/x\",\"events\":[\"task.escalated\"]}",
        "{\"url\":\"http://127.0.0.1:99999/x\",\"events\":[\"action.opened\"]}",
        "{\"url\":\"http://127.0.0.1/x\",\"events\":[]}",
        "{\"url\":\"http://127.0.0.1/x\"}",
        "{\"url\":\"http://127.0.0.1/x\",\"events\":[\"action.opened\"],\"secret\":\"mine\"}",
        // not ASCII: a zero-width space, a name not in its xn-- form, a path of other letters
        "{\"url\":\"http://127.0.0.1/x\\u200b\",\"events\":[\"action.opened\"]}",
        "{\"url\":\"http://b\u00fccher.example/x\",\"events\":[\"action.opened\"]}",
        "{\"url\":\"http://127.0.0.1/\u0444\",\"events\":[\"action.opened\"]}",
        "[]")) {
      Answer refused = api("POST", "/api/webhooks", bad, "alice");
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(refused.contentType()).as(bad).startsWith("application/problem+json");
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fe_webhook", Long.class)).as("nothing registered").isEqualTo(before);
    assertThat(api("GET", "/api/webhooks", null, "nsa-intake").statusCode()).as("not a developer").isEqualTo(403);
    assertThat(api("GET", "/api/webhooks", null, null).statusCode()).isEqualTo(401);
  }

  // -----

  record Answer(int statusCode, String body, String contentType) {
    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }
  }

  private JsonNode register(String user, String body, int expected) throws Exception {
    Answer answer = api("POST", "/api/webhooks", body, user);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(expected);
    return answer.json();
  }

  private Answer api(String method, String path, String body, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo")
          .getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""));
  }

  private Delivery single() {
    assertThat(received).hasSize(1);
    return received.get(0);
  }

  private void startReceiver(int at) throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), at), 0);
    receiver.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, List<String>> headers = new java.util.HashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
      received.add(new Delivery(headers, body));
      exchange.sendResponseHeaders(answer.get(), -1);
      exchange.close();
    });
    receiver.start();
    receiverPort = receiver.getAddress().getPort();
  }
}
