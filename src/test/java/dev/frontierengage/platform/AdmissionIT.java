package dev.frontierengage.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontierengage.TestApplication;
import dev.frontierengage.TestClock;
import dev.frontierengage.platform.AdmissionQueue.Priority;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The node's admission in place: once its places are taken, an API request that may not wait is
 * answered 503 as a problem and changes nothing, while the health endpoint and Spring Security's
 * refusals answer as ever; a place freed lets the next request run, and every request gives its
 * place back.
 */
class AdmissionIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String OPEN = "{\"modelName\":\"Roadrunner\",\"modelVersion\":\"4.1\",\"description\":\"A model\","
      + "\"contactEmail\":\"security@acme.invalid\",\"plannedPartnerReleaseDate\":\"" + TestClock.TODAY.plusDays(60) + "\"}";

  static ConfigurableApplicationContext app;
  static Admission admission;
  static String base;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  int held;

  @BeforeAll
  static void start() {
    TestClock.start();
    app = TestApplication.start("admission-it",
        "--frontier-engage.admission.concurrent=2", "--frontier-engage.admission.max-wait=0s");
    admission = app.getBean(Admission.class);
    base = "http://127.0.0.1:" + TestApplication.port(app);
  }

  @AfterAll
  static void stop() {
    app.close();
    TestClock.reset();
  }

  @AfterEach
  void giveBack() {
    for (; held > 0; held--) {
      admission.leave();
    }
  }

  @Test
  void aRequestThatFindsNoPlaceIsRefusedAndChangesNothing() throws Exception {
    int before = engagements();
    takeEveryPlace();

    HttpResponse<String> refused = send("alice", HttpRequest.newBuilder(URI.create(base + "/api/engagements"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(OPEN)));
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
        .startsWith("application/problem+json"));
    assertThat(refused.headers().firstValue("Retry-After")).contains("1");
    JsonNode problem = JSON.readTree(refused.body());
    assertThat(problem.get("status").asInt()).isEqualTo(503);
    assertThat(problem.get("detail").asText()).contains("nothing was done");

    // engine-rest and the agency API wait in the same line; the webapps' APIs do not
    assertThat(send("nsa-intake", get("/engine-rest/task")).statusCode()).isEqualTo(503);
    assertThat(send("access-counsel", get("/agency/api/engagements/none/documents")).statusCode()).isEqualTo(503);
    assertThat(send(null, get("/camunda/api/engine/engine/default/user")).statusCode()).isNotEqualTo(503);
    // what is not held answers as ever: health, and Spring Security's refusals come first
    assertThat(send(null, get("/actuator/health")).statusCode()).isEqualTo(200);
    assertThat(send(null, get("/api/engagements")).statusCode()).isEqualTo(401);
    assertThat(send("nsa-intake", get("/api/engagements")).statusCode()).isEqualTo(403);

    admission.leave();
    held--;
    assertThat(engagements()).as("the refused request opened nothing").isEqualTo(before);
    assertThat(send("alice", HttpRequest.newBuilder(URI.create(base + "/api/engagements"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(OPEN))).statusCode())
        .isEqualTo(201);
    assertThat(engagements()).isEqualTo(before + 1);
    assertEventually(() -> admission.running() == held, "every request gave its place back");
  }

  /** The node takes its share per caller from its configuration (config/application.yaml), and uses it. */
  @Test
  void oneCallersShareOfTheLineIsConfigured() throws Exception {
    assertThat(app.getBean(AdmissionSettings.class).maxWaitingPerCaller()).isEqualTo(25);
    takeEveryPlace();
    var threads = java.util.concurrent.Executors.newFixedThreadPool(26);
    try {
      List<java.util.concurrent.Future<Boolean>> waiting = new java.util.ArrayList<>();
      for (int i = 0; i < 25; i++) {
        waiting.add(threads.submit(
            () -> admission.enter(Priority.FIRST, "org-acme", java.util.concurrent.TimeUnit.MINUTES.toNanos(1))));
      }
      assertEventually(() -> admission.waiting() == 25, "acme's share of the line taken");
      var oneMore = threads.submit(
          () -> admission.enter(Priority.FIRST, "org-acme", java.util.concurrent.TimeUnit.MINUTES.toNanos(1)));
      assertEventually(oneMore::isDone, "one more of acme's turned away at once, not after its minute");
      assertThat(oneMore.get()).isFalse();
      assertThat(admission.waiting()).isEqualTo(25);
      for (int i = 0; i < 25; i++) {
        admission.leave(); // each place freed goes to the next of acme's
      }
      for (var admitted : waiting) {
        assertThat(admitted.get(1, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
      }
      for (; held > 0; held--) {
        admission.leave(); // the last two of acme's, which hold the places now
      }
    } finally {
      threads.shutdownNow();
    }
    assertEventually(() -> admission.running() == 0 && admission.waiting() == 0, "every place given back");
  }

  @Test
  void requestsGiveTheirPlaceBackWhateverTheyAnswer() throws Exception {
    assertThat(send("alice", get("/api/engagements/no-such-engagement")).statusCode()).isBetween(400, 404);
    assertThat(send("alice", HttpRequest.newBuilder(URI.create(base + "/api/engagements"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{"))).statusCode())
        .isEqualTo(400);
    assertThat(send("nsa-intake", get("/engine-rest/task/no-such-task/form-variables")).statusCode()).isBetween(400, 404);
    assertEventually(() -> admission.running() == 0 && admission.waiting() == 0, "every request gave its place back");
  }

  /**
   * Bodies the filter reads as bytes before their place is taken (multipart to another path than an
   * upload's, a form of no declared length) still reach what reads them: an administrator's
   * deployment over engine-rest is deployed, and the developer API refuses what it does not take
   * with a problem, never a 500.
   */
  @Test
  void bodiesReadFirstAsBytesStillReachTheirReaders() throws Exception {
    String name = "admission" + java.util.UUID.randomUUID().toString().replace("-", "");
    String bpmn = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"t\">"
        + "<process id=\"" + name + "\" isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\">"
        + "<startEvent id=\"s\"/></process></definitions>";
    String multipart = "--x\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + name
        + "\r\n--x\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + name + ".bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--x--\r\n";
    HttpResponse<String> deployed = send("admin", HttpRequest.newBuilder(URI.create(base + "/engine-rest/deployment/create"))
        .header("Content-Type", "multipart/form-data; boundary=x").POST(HttpRequest.BodyPublishers.ofString(multipart)));
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    assertThat(JSON.readTree(deployed.body()).get("deployedProcessDefinitions").toString()).contains(name);

    HttpResponse<String> notAnUpload = send("alice", HttpRequest.newBuilder(URI.create(base + "/api/engagements"))
        .header("Content-Type", "multipart/form-data; boundary=x").POST(HttpRequest.BodyPublishers.ofString(multipart)));
    assertThat(notAnUpload.statusCode()).as(notAnUpload.body()).isBetween(400, 499);
    assertThat(notAnUpload.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
        .startsWith("application/problem+json"));
    // a stream's body has no declared length: it is sent chunked
    HttpResponse<String> chunkedForm = send("alice", HttpRequest.newBuilder(URI.create(base + "/api/engagements"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream("modelName=Roadrunner".getBytes(StandardCharsets.UTF_8)))));
    assertThat(chunkedForm.statusCode()).as(chunkedForm.body()).isBetween(400, 499);
    assertThat(chunkedForm.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
        .startsWith("application/problem+json"));
    assertEventually(() -> admission.running() == 0 && admission.waiting() == 0, "every request gave its place back");
  }

  /**
   * A request's place is given back as its filter returns, which may be just after the client has
   * the whole answer: asked again until so, for a bounded time.
   */
  private static void assertEventually(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within 10 s (running " + admission.running() + ")");
      }
      Thread.onSpinWait();
    }
  }

  private void takeEveryPlace() {
    while (admission.enter(Priority.REST, "", 0)) {
      held++;
    }
    assertThat(held).isEqualTo(2);
  }

  private int engagements() throws Exception {
    HttpResponse<String> list = send("alice", get("/api/engagements"));
    assertThat(list.statusCode()).isEqualTo(200);
    return JSON.readTree(list.body()).get("total").asInt();
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).GET();
  }

  private HttpResponse<String> send(String user, HttpRequest.Builder request) throws Exception {
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ("admin".equals(user) ? ":admin" : ":demo")).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
