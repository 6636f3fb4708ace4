package dev.frontierengage.identity;

import dev.frontierengage.designation.AssessmentRecord;
import dev.frontierengage.process.ProcessWiring;
import dev.frontierengage.TestDatabase;
import dev.frontierengage.process.Clause;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.WebappLogin;
import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.engagement.IntakeOutcome;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may use what, over real HTTP: the authorization matrix, cross-group completion,
 * separation of duties through engine-rest, Tasklist queues, and the audit lines they leave.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityIT {

  /** Collects audit lines from before the application starts (start-up configuration lines). */
  static final AuditCapture AUDIT = new AuditCapture();

  /**
   * The expected outcome of each user on each family of endpoints: a status, or {@code ok} for
   * "let through" (any status but 401, 403, 429 and 5xx).
   */
  static final String MATRIX = """
      row            api-read api-act task-query task-complete task-create start deploy authz health actuator openapi webapp agency-docs
      anonymous      401      401     401        401           401         401   401    401   200    401      401     401    401
      alice          ok       ok      403        403           403         403   403    403   200    403      ok      403    403
      bob            ok       ok      403        403           403         403   403    403   200    403      ok      403    403
      nsa-intake     403      403     200        204           403         403   403    403   200    403      ok      200    ok
      nsa-benchmark  403      403     200        403           403         403   403    403   200    403      ok      200    ok
      nsa-director   403      403     200        403           403         403   403    403   200    403      ok      200    ok
      cisa           403      403     200        403           403         403   403    403   200    403      ok      200    ok
      access-counsel 403      403     200        403           403         403   403    403   200    403      ok      200    ok
      admin          403      403     200        204           204         ok    200    200   200    ok       ok      200    403
      """;

  /** Every endpoint family, by the path prefixes it covers. */
  static final Map<String, List<String>> FAMILIES = Map.of(
      "api", List.of("/api/"),
      "engine-rest", List.of("/engine-rest/"),
      "actuator", List.of("/actuator"),
      "openapi", List.of("/v3/api-docs", "/swagger-ui"),
      "webapp", List.of("/camunda/"),
      "agency", List.of("/agency/"));

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.properties("security-it").forEach((key, value) -> registry.add(key, () -> value));
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("management.endpoints.web.exposure.include", () -> "health,info");
  }

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  EngineAuthorizations engineAuthorizations;
  @Autowired
  dev.frontierengage.audit.AuditLog audit;
  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mvc;
  @Autowired
  PathMappedEndpoints actuator;

  @Test
  void everyUserGetsExactlyWhatTheMatrixSays() {
    Http http = new Http(port);
    Map<String, Function<String[], HttpResponse<String>>> columns = columns(http);
    List<String> lines = MATRIX.strip().lines().toList();
    List<String> header = Arrays.asList(lines.get(0).trim().split("\\s+"));
    assertThat(header.subList(1, header.size())).containsExactlyElementsOf(columns.keySet());

    List<String> mismatches = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.trim().split("\\s+");
      String[] credentials = credentials(cells[0]);
      for (int c = 1; c < cells.length; c++) {
        HttpResponse<String> response = columns.get(header.get(c)).apply(credentials);
        if (!matches(cells[c], response.statusCode())) {
          mismatches.add(cells[0] + " on " + header.get(c) + ": expected " + cells[c] + ", got "
              + response.statusCode() + " " + abbreviate(response.body()));
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void thePortalPageIsPublicStaticAndReadOnly() {
    Http http = new Http(port);
    HttpResponse<String> page = http.get("/", null, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Frontier Engage", "/portal/app.js");
    assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
        .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'");
    assertThat(http.get("/portal/app.js", null, null).statusCode()).isEqualTo(200);
    assertThat(http.postJson("/portal/app.js", "{}", null, null).statusCode()).as("read only").isIn(401, 403);
    assertThat(http.postJson("/", "{}", "alice", "demo").statusCode()).as("read only, whoever asks").isIn(401, 403);
    // a path that is not normalized never reaches a chain: the public portal's is no way into engine-rest
    for (String around : List.of("/portal/../engine-rest/task", "/portal/%2e%2e/engine-rest/task", "/portal/..%2fengine-rest/task",
        "/portal//../api/engagements", "/%61pi/engagements", "/engine-r%65st/task", "/api/engagement%53",
        "/api/engagements/%7Eid")) {
      HttpResponse<String> refused = http.get(around, null, null);
      assertThat(refused.statusCode()).as(around).isEqualTo(400);
      assertThat(refused.body()).as(around).doesNotContain("\"id\"");
    }
    // what the firewall rejects (a semicolon, an encoded line break) is a 400 problem too
    // (a semicolon on engine-rest's own segment failed in Spring's path parsing with a 500)
    for (String rejected : List.of("/api/engagements/';%20drop%20table%20x;--", "/api/engagements/x%0a",
        "/engine-rest;x/task", "/engine-rest;/task", "/camunda;x/api/engine/engine/default/task")) {
      HttpResponse<String> refused = http.get(rejected, "alice", "demo");
      assertThat(refused.statusCode()).as(rejected).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type")).as(rejected).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/problem+json"));
    }
  }

  /**
   * The portal's chain refuses every method but GET with a 403 problem, as every other chain
   * refuses (it was Spring Boot's error JSON), whoever asks.
   */
  @Test
  void thePortalRefusesEveryMethodButGetWithAProblem() {
    Http http = new Http(port);
    for (String[] request : List.of(new String[] {"POST", "/"}, new String[] {"PUT", "/index.html"},
        new String[] {"POST", "/portal/app.js"}, new String[] {"OPTIONS", "/"}, new String[] {"HEAD", "/portal/x"},
        new String[] {"DELETE", "/portal/app.js"}, new String[] {"PATCH", "/index.html"})) {
      for (String user : new String[] {null, "alice"}) {
        HttpResponse<String> refused = http.send(request[0], request[1], user, "demo");
        String what = request[0] + " " + request[1] + " as " + user;
        assertThat(refused.statusCode()).as(what).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/problem+json"));
        if (!"HEAD".equals(request[0])) {
          assertThat(refused.body()).as(what).contains("\"status\":403").doesNotContain("timestamp");
        }
      }
    }
  }

  /**
   * What Tomcat refuses itself, before any filter or servlet: a problem as well, never its HTML
   * page, and nothing of the request or the server repeated in it.
   */
  @Test
  void whatTomcatRefusesBeforeTheApplicationIsAProblemToo() throws Exception {
    Map<String, String> requests = new LinkedHashMap<>();
    requests.put("an encoded NUL", "GET /api/engagements/%00x HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    requests.put("an encoded slash", "GET /api/engagements/a%2fb HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    requests.put("a character no path may hold", "GET /api/engagements/a{b HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    requests.put("headers too large", "GET /api/engagements HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: <script>"
        + "a".repeat(20_000) + "\r\n");
    requests.put("no host", "GET /api/engagements HTTP/1.1\r\n");
    for (Map.Entry<String, String> request : requests.entrySet()) {
      String answer = raw(request.getValue() + "Connection: close\r\n\r\n");
      String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
      String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
      assertThat(head).as(request.getKey()).startsWith("HTTP/1.1 400");
      assertThat(head.toLowerCase(java.util.Locale.ROOT)).as(request.getKey())
          .contains("content-type: application/problem+json");
      assertThat(body).as(request.getKey()).contains("\"status\":400", "\"title\":\"Bad Request\"")
          .doesNotContain("<html", "<script>", "Tomcat", "%00", "a%2fb");
    }
    // an expectation Tomcat does not know, which it refuses itself with a 417: a problem whose
    // detail is not the 400's
    String expectation = raw("GET /api/engagements HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: a-teapot\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(expectation).startsWith("HTTP/1.1 417").containsIgnoringCase("content-type: application/problem+json")
        .contains("\"status\":417", "The server refused this request").doesNotContain("<html", "malformed");
    // a version of HTTP Tomcat does not speak, which it answers itself with a 505: a problem that
    // says nothing of a malformed request
    String version = raw("GET /api/engagements HTTP/1.2\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertThat(version).startsWith("HTTP/1.1 505").containsIgnoringCase("content-type: application/problem+json")
        .contains("\"status\":505", "The server could not answer this request").doesNotContain("<html", "malformed");
    // the application's own answers are still its own: an unknown engagement is its 404 problem,
    // and a request without credentials Spring Security's 401
    HttpResponse<String> unknown = new Http(port).get("/api/engagements/" + UUID.randomUUID(), "alice", "demo");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).doesNotContain("Refused by the server", "The server refused this request");
    HttpResponse<String> anonymous = new Http(port).get("/api/engagements", null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).doesNotContain("Refused by the server", "The server refused this request");
    // and a static file that is not there is Spring's own 404 problem, naming the file
    HttpResponse<String> missing = new Http(port).get("/portal/no-such-file.js", null, null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("No static resource portal/no-such-file.js")
        .doesNotContain("Refused by the server", "The server refused this request");
  }

  /** One HTTP/1.1 exchange as the bytes go, for what a client library would not send. */
  private String raw(String request) throws java.io.IOException {
    return dev.frontierengage.RawHttp.exchange(port, request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  @Test
  void everyEndpointBelongsToAFamilyOfTheMatrix() {
    Set<String> paths = new TreeSet<>();
    mvc.getHandlerMethods().keySet().forEach(info -> paths.addAll(info.getPatternValues()));
    actuator.getAllPaths().forEach(paths::add);
    paths.remove("/error");
    List<String> orphans = paths.stream()
        .filter(path -> FAMILIES.values().stream().flatMap(List::stream).noneMatch(path::startsWith))
        .toList();
    assertThat(orphans).as("endpoints without a column in the authorization matrix").isEmpty();
  }

  @Test
  void aGroupCannotCompleteAnotherGroupsTaskAndNothingChanges() {
    String id = startEngagement();
    Task intake = task(id, EngagementProcess.Elements.REVIEW_INTAKE);

    HttpResponse<String> refused = new Http(port).postJson("/engine-rest/task/" + intake.getId()
        + "/complete", "{\"variables\":{\"intakeOutcome\":{\"value\":\"ACCEPTED\"}}}", "cisa", "demo");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(engine.getTaskService().createTaskQuery().taskId(intake.getId()).count()).isOne();
    assertThat(new EngagementDriver(engine).record(id).intakeOutcome()).as("nothing reviewed").isNull();
  }

  /**
   * A BPMN error or escalation thrown at a task moves past every listener (the engine would end
   * the instance without a decision): a reviewer may not, through engine-rest or Tasklist's API.
   */
  @Test
  void aReviewerCannotThrowABpmnErrorAtItsTaskNorReadTheEngineMetrics() {
    String id = startEngagement();
    Task intake = task(id, EngagementProcess.Elements.REVIEW_INTAKE);
    Http http = new Http(port);
    // however the path is written: a trailing slash, the engine's name, a letter percent-encoded
    for (String signal : List.of("bpmnError", "bpmnEscalation")) {
      for (String path : List.of("/task/" + intake.getId() + "/" + signal, "/task/" + intake.getId() + "/" + signal + "/",
          "/engine/default/task/" + intake.getId() + "/" + signal, "/engine/default/task/" + intake.getId() + "/" + signal + "/",
          "/task/" + intake.getId() + "/%62" + signal.substring(1))) {
        HttpResponse<String> refused = http.postJson("/engine-rest" + path,
            "{\"errorCode\":\"x\",\"escalationCode\":\"x\"}", "nsa-intake", "demo");
        assertThat(refused.statusCode()).as(path + ": " + refused.body()).isIn(400, 403);
      }
    }
    WebappLogin tasklist = new WebappLogin(http.base());
    assertThat(tasklist.login("nsa-intake", "demo", "tasklist", true).statusCode()).isEqualTo(200);
    for (String path : List.of("/task/" + intake.getId() + "/bpmnError", "/task/" + intake.getId() + "/bpmnError/",
        "/task/" + intake.getId() + "/%62pmnError", "/task/" + intake.getId() + "/bpmnEscalation/")) {
      HttpResponse<String> refused = tasklist.postJson("/camunda/api/engine/engine/default" + path,
          "{\"errorCode\":\"x\",\"escalationCode\":\"x\"}", true);
      assertThat(refused.statusCode()).as(path + ": " + refused.body()).isIn(400, 403);
    }
    for (String cockpit : List.of("/camunda/api/cockpit/plugin/base/default/process-definition/statistics",
        "/camunda/api/%63ockpit/plugin/base/default/process-definition/statistics")) {
      assertThat(tasklist.get(cockpit).statusCode()).as(cockpit).isIn(400, 403);
    }
    // Admin's own API (its dashboard's metrics count every organization's engagements): administrators only
    String yearly = "/plugin/adminPlugins/default/metrics/aggregated?subscriptionStartDate=2026-01-01T00:00:00.000%2B0000"
        + "&groupBy=year";
    for (String admin : List.of("/camunda/api/admin" + yearly, "/camunda/api/%61dmin" + yearly)) {
      assertThat(tasklist.get(admin).statusCode()).as(admin).isIn(400, 403);
      assertThat(new WebappLogin(http.base()).get(admin).statusCode()).as("anonymous " + admin).isIn(400, 401);
    }
    // the engine's metrics count every organization's engagements: for administrators only
    for (String metrics : List.of("/metrics/root-process-instance-start/sum", "/metrics/executed-decision-instances/sum",
        "/engine/default/metrics", "/metrics", "/process-definition/statistics", "/process-definition/statistics/")) {
      assertThat(http.get("/engine-rest" + metrics, "nsa-intake", "demo").statusCode()).as(metrics).isEqualTo(403);
      assertThat(tasklist.get("/camunda/api/engine/engine/default" + metrics.replace("/engine/default", ""))
          .statusCode()).as("Tasklist's " + metrics).isEqualTo(403);
    }
    assertThat(http.get("/engine-rest/metrics/root-process-instance-start/sum", "admin", "admin").statusCode())
        .as("an administrator").isEqualTo(200);
    // a report over every task is refused as such, not as a task that is gone (a 409 said so)
    HttpResponse<String> report = http.get("/engine-rest/task/report/candidate-group-count", "nsa-intake", "demo");
    assertThat(report.statusCode()).as(report.body()).isEqualTo(403);
    assertThat(engine.getTaskService().createTaskQuery().taskId(intake.getId()).count()).as("still open").isOne();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isOne();
  }

  @Test
  void aCompletionThatSkipsTheFormIsRefusedAsTheFormWouldAndNothingChanges() {
    String id = startEngagement();
    new EngagementDriver(engine).reviewIntake(id, IntakeOutcome.ACCEPTED);
    Task benchmark = task(id, DesignationProcess.Elements.RECORD_BENCHMARK_RESULTS);

    // the form requires every score from 0 to 100 and the suite version
    HttpResponse<String> refused = new Http(port).postJson("/engine-rest/task/" + benchmark.getId() + "/complete",
        "{\"variables\":{\"scoreVulnerabilityDiscovery\":{\"value\":101}}}", "nsa-benchmark", "demo");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("scoreVulnerabilityDiscovery").contains("scoreExploitDevelopment")
        .contains("benchmarkSuiteVersion");
    assertThat(engine.getTaskService().createTaskQuery().taskId(benchmark.getId()).count()).isOne();
    assertThat(new AssessmentRecord(ProcessWiring.dataSource(engine)).find(id)).as("nothing recorded").isEmpty();
  }

  @Test
  void aCompletionWithAValueNoColumnCanHoldIsA400AndNothingChanges() {
    String id = startEngagement();
    Task intake = task(id, EngagementProcess.Elements.REVIEW_INTAKE);
    String complete = "/engine-rest/task/" + intake.getId() + "/complete";
    String accepted = "\"intakeOutcome\":{\"value\":\"ACCEPTED\"}";
    Map<String, String> refused = Map.of(
        // an extra text longer than the engine's column: the database would refuse it
        "a text of 4,001 characters", "{\"variables\":{" + accepted + ",\"extra\":{\"value\":\"" + "a".repeat(4_001) + "\"}}}",
        // H2 would keep a NUL, PostgreSQL refuses it
        "a NUL", "{\"variables\":{" + accepted + ",\"intakeNote\":{\"value\":\"a\\u0000b\"}}}",
        "half of a surrogate pair", "{\"variables\":{" + accepted + ",\"intakeNote\":{\"value\":\"a\\ud800\"}}}",
        "a name of 256 characters", "{\"variables\":{" + accepted + ",\"" + "n".repeat(256) + "\":{\"value\":1}}}",
        "a NUL in a name", "{\"variables\":{" + accepted + ",\"a\\u0000b\":{\"value\":1}}}",
        // the task declares intakeNote as its own variable: ENGINE-17006, a 500 until then
        "a transient value of a name the task holds", "{\"variables\":{" + accepted
            + ",\"intakeNote\":{\"value\":\"x\",\"valueInfo\":{\"transient\":true}}}}",
        "a value in Java serialization", "{\"variables\":{\"intakeOutcome\":{\"value\":\"rO0AB\",\"type\":\"Object\","
            + "\"valueInfo\":{\"serializationDataFormat\":\"application/x-java-serialized-object\","
            + "\"objectTypeName\":\"java.lang.String\"}}}}");
    refused.forEach((what, body) -> {
      HttpResponse<String> answer = new Http(port).postJson(complete, body, "nsa-intake", "demo");
      assertThat(answer.statusCode()).as(what + ": " + answer.body()).isEqualTo(400);
    });
    assertThat(engine.getTaskService().createTaskQuery().taskId(intake.getId()).count()).as("still open").isOne();
    assertThat(new Http(port).postJson(complete, "{\"variables\":{" + accepted + ",\"extra\":{\"value\":\""
        + "a".repeat(4_000) + "\"}}}", "nsa-intake", "demo").statusCode()).as("4,000 characters fit").isEqualTo(204);
    // a transient value is never written: whatever its length, nothing refuses it
    Task another = task(startEngagement(), EngagementProcess.Elements.REVIEW_INTAKE);
    assertThat(new Http(port).postJson("/engine-rest/task/" + another.getId() + "/complete", "{\"variables\":{" + accepted
        + ",\"extra\":{\"value\":\"" + "a".repeat(5_000) + "\",\"valueInfo\":{\"transient\":true}}}}", "nsa-intake", "demo")
        .statusCode()).as("transient").isEqualTo(204);
  }

  /**
   * A reviewer who claimed its office's task and then moved to another office kept, through the
   * engine's grant to the task's assignee, the task's form and its completion: an APST reviewer
   * answered as the Department of War. Its office's grant is the only one: once it leaves the
   * office, the task is neither read nor completed by it, and the office answers for itself.
   */
  @Test
  void aReviewerWhoLeftItsOfficeCannotAnswerForItOnATaskItClaimed() {
    EngagementDriver driver = new EngagementDriver(engine);
    String id = driver.submitInquiry();
    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
    driver.recordBenchmark(id, 90);
    Task dow = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(DesignationProcess.Elements.PROVIDE_CONSULTATION).taskCandidateGroup("dow").singleResult();
    var identity = engine.getIdentityService();
    String mover = member("office-mover-", "dow");
    Http http = new Http(port);
    String password = password(mover);
    try {
      assertThat(http.postJson("/engine-rest/task/" + dow.getId() + "/claim", "{\"userId\":\"" + mover + "\"}", mover,
          password).statusCode()).isEqualTo(204);
      identity.deleteMembership(mover, "dow");
      identity.createMembership(mover, "apst");

      HttpResponse<String> form = http.get("/engine-rest/task/" + dow.getId() + "/form-variables", mover, password);
      assertThat(form.statusCode()).as(form.body()).isIn(403, 404);
      assertThat(http.get("/engine-rest/task?assignee=" + mover, mover, password).body()).as("its tasks").isEqualTo("[]");
      HttpResponse<String> answered = http.postJson("/engine-rest/task/" + dow.getId() + "/complete",
          "{\"variables\":{\"position\":{\"value\":\"NONCONCUR\"}}}", mover, password);
      assertThat(answered.statusCode()).as(answered.body()).isEqualTo(403);
      assertThat(driver.consultations(id)).as("no answer for the DoW").isEmpty();
      // the office still answers, through its own members
      assertThat(http.postJson("/engine-rest/task/" + dow.getId() + "/complete",
          "{\"variables\":{\"position\":{\"value\":\"CONCUR\"}}}", "dow", "demo").statusCode()).isEqualTo(204);
      assertThat(driver.consultations(id)).singleElement().satisfies(c -> assertThat(c.respondedBy()).isEqualTo("dow"));
    } finally {
      identity.deleteUser(mover);
    }
  }

  /**
   * A grant of a task to its assignee that an earlier version let the engine make (and that
   * outlived the person's office) is revoked at start-up, whichever page of users the person is
   * on; the task's office keeps its own, a refusal and an authorization of every task or of every
   * user stay, and the engine makes no new grant to a person when the task is claimed again or
   * given a candidate user.
   */
  @Test
  void aTaskGrantToAPersonFromAnEarlierVersionIsRevokedAtStartUp() {
    EngagementDriver driver = new EngagementDriver(engine);
    String id = driver.submitInquiry();
    Task intake = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(dev.frontierengage.engagement.EngagementProcess.Elements.REVIEW_INTAKE).singleResult();
    var grants = engine.getAuthorizationService();
    int grant = Authorization.AUTH_TYPE_GRANT;
    String any = Authorization.ANY;
    var earlier = authorization(grant, "nsa-intake", intake.getId()); // as the engine granted an assignee before
    var refusal = authorization(Authorization.AUTH_TYPE_REVOKE, "nsa-benchmark",
        intake.getId());
    var everyTask = authorization(grant, "nsa-benchmark", any);
    var everyUser = authorization(Authorization.AUTH_TYPE_GLOBAL, any,
        intake.getId());
    try {
      engineAuthorizations.afterPropertiesSet(); // as at a start

      assertThat(grants.createAuthorizationQuery().authorizationId(earlier.getId()).count()).as("the person's goes")
          .isZero();
      assertThat(grants.createAuthorizationQuery().resourceType(Resources.TASK)
          .resourceId(intake.getId()).groupIdIn("nsa-intake").count()).as("the office's stays").isOne();
      for (var stays : List.of(refusal, everyTask, everyUser)) {
        assertThat(grants.createAuthorizationQuery().authorizationId(stays.getId()).count())
            .as("a refusal, an authorization of every task, of every user").isOne();
      }

      // the person on a later page of users (pages of two, ordered by id)
      var again = authorization(grant, "nsa-intake", intake.getId());
      engineAuthorizations.revokePersonalTaskGrants(2);
      assertThat(grants.createAuthorizationQuery().authorizationId(again.getId()).count()).isZero();

      engine.getTaskService().claim(intake.getId(), "nsa-intake");
      engine.getTaskService().addCandidateUser(intake.getId(), "nsa-intake");
      assertThat(grants.createAuthorizationQuery().resourceType(Resources.TASK)
          .resourceId(intake.getId()).authorizationType(grant).list())
          .as("claimed, and a candidate user: still no grant to a person")
          .allSatisfy(kept -> assertThat(kept.getUserId()).isNull());
    } finally {
      for (var made : List.of(refusal, everyTask, everyUser)) {
        if (grants.createAuthorizationQuery().authorizationId(made.getId()).count() > 0) {
          grants.deleteAuthorization(made.getId());
        }
      }
    }
  }

  /** A new user of one office (named {@code prefix} and a random suffix, password {@link #password}): its id. */
  private String member(String prefix, String group) {
    var identity = engine.getIdentityService();
    String id = prefix + UUID.randomUUID().toString().substring(0, 8);
    User user = identity.newUser(id);
    user.setPassword(password(id));
    identity.saveUser(user);
    identity.createMembership(id, group);
    return id;
  }

  private static String password(String user) {
    return "a-password-of-" + user;
  }

  private Authorization authorization(int type, String user, String task) {
    var grants = engine.getAuthorizationService();
    var authorization = grants.createNewAuthorization(type);
    authorization.setUserId(user);
    authorization.setResource(Resources.TASK);
    authorization.setResourceId(task);
    if (type == Authorization.AUTH_TYPE_REVOKE) {
      authorization.removePermission(TaskPermissions.TASK_WORK);
    } else {
      authorization.addPermission(Permissions.READ);
      authorization.addPermission(TaskPermissions.TASK_WORK);
    }
    return grants.saveAuthorization(authorization);
  }

  /**
   * A reviewer could claim its task for a user of another office (the engine lets a candidate
   * claim for anyone), who could then read the form and complete it. An assignment to a user of
   * none of the task's groups is refused, whoever makes it; a colleague of the same office may be
   * given it; a second claim of a claimed task is a 409 (it was a 500).
   */
  @Test
  void aTaskIsAssignedOnlyToAMemberOfAGroupItIsOfferedTo() {
    String id = startEngagement();
    Task intake = task(id, EngagementProcess.Elements.REVIEW_INTAKE);
    Http http = new Http(port);
    String claim = "/engine-rest/task/" + intake.getId() + "/claim";
    HttpResponse<String> handedOver = http.postJson(claim, "{\"userId\":\"nsa-director\"}", "nsa-intake", "demo");
    assertThat(handedOver.statusCode()).as(handedOver.body()).isEqualTo(403);
    assertThat(handedOver.body()).contains("only to a member");
    HttpResponse<String> byAdmin = http.postJson("/engine-rest/task/" + intake.getId() + "/assignee", "{\"userId\":\"cisa\"}",
        "admin", "admin");
    assertThat(byAdmin.statusCode()).as("an administrator neither: " + byAdmin.body()).isEqualTo(403);
    assertThat(engine.getTaskService().createTaskQuery().taskId(intake.getId()).singleResult().getAssignee()).isNull();
    assertThat(http.get("/engine-rest/task/" + intake.getId() + "/form-variables", "nsa-director", "demo").statusCode())
        .as("the director reads nothing of it").isIn(403, 404);

    WebappLogin tasklist = new WebappLogin(http.base());
    assertThat(tasklist.login("nsa-intake", "demo", "tasklist", true).statusCode()).isEqualTo(200);
    HttpResponse<String> viaTasklist = tasklist.postJson("/camunda/api/engine/engine/default/task/" + intake.getId()
        + "/claim", "{\"userId\":\"apst\"}", true);
    // the engine's refusal, answered in Tasklist's API as in engine-rest (the webapp's own mappers made it a 500)
    assertThat(viaTasklist.statusCode()).as("through Tasklist's API: " + viaTasklist.body()).isEqualTo(403);
    assertThat(viaTasklist.body()).contains("only to a member");
    assertThat(AUDIT.lines("access.denied")).as("in the audit log, as engine-rest's").anySatisfy(line -> assertThat(line)
        .contains("\"actor\":\"nsa-intake\"", intake.getId(), "not to 'apst'"));
    for (String step : List.of("assignee", "delegate")) {
      assertThat(tasklist.postJson("/camunda/api/engine/engine/default/task/" + intake.getId() + "/" + step,
          "{\"userId\":\"dow\"}", true).statusCode()).as("Tasklist's " + step).isEqualTo(403);
    }
    assertThat(tasklist.postJson("/camunda/api/engine/engine/default/task/" + intake.getId() + "/claim",
        "{\"userId\":\"nsa-intake\"}", true).statusCode()).as("a claim for oneself").isEqualTo(204);
    assertThat(engine.getTaskService().createTaskQuery().taskId(intake.getId()).singleResult().getAssignee())
        .isEqualTo("nsa-intake");
    engine.getTaskService().setAssignee(intake.getId(), null);
    assertThat(engine.getTaskService().createTaskQuery().taskId(intake.getId()).singleResult().getAssignee()).isNull();

    User colleague = engine.getIdentityService().newUser("intake-" + UUID.randomUUID().toString().substring(0, 8));
    colleague.setPassword("colleague-password-1");
    engine.getIdentityService().saveUser(colleague);
    engine.getIdentityService().createMembership(colleague.getId(), "nsa-intake");
    assertThat(http.postJson(claim, "{\"userId\":\"" + colleague.getId() + "\"}", "nsa-intake", "demo").statusCode())
        .as("a colleague of the same office").isEqualTo(204);
    HttpResponse<String> again = http.postJson(claim, "{\"userId\":\"nsa-intake\"}", "nsa-intake", "demo");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
  }

  /**
   * A claim is released by whoever holds it (Tasklist's "Unclaim", engine-rest's unclaim, or a
   * claim for nobody), by an administrator, or by a member of the office once the holder has left
   * it. A colleague cannot take a task out of another's hands (the engine's claim for nobody needed
   * only the right to work the task), and a refused release changes nothing.
   */
  @Test
  void aClaimIsReleasedByItsHolderAnAdministratorOrTheOfficeOnceTheHolderLeft() {
    String id = startEngagement();
    String task = task(id, EngagementProcess.Elements.REVIEW_INTAKE).getId();
    Http http = new Http(port);
    String rest = "/engine-rest/task/" + task;
    String tasklistApi = "/camunda/api/engine/engine/default/task/" + task;
    String holder = member("intake-holder-", "nsa-intake");
    Runnable claimedByHolder = () -> {
      HttpResponse<String> claimed = http.postJson(rest + "/claim", "{\"userId\":\"" + holder + "\"}", holder,
          password(holder));
      assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
      assertThat(assignee(task)).isEqualTo(holder);
    };
    claimedByHolder.run();

    WebappLogin colleague = new WebappLogin(http.base());
    assertThat(colleague.login("nsa-intake", "demo", "tasklist", true).statusCode()).isEqualTo(200);
    Map<String, java.util.function.Supplier<HttpResponse<String>>> byOthers = new LinkedHashMap<>();
    byOthers.put("a colleague's claim for nobody", () -> http.postJson(rest + "/claim", "{}", "nsa-intake", "demo"));
    byOthers.put("a colleague's claim for a null user",
        () -> http.postJson(rest + "/claim", "{\"userId\":null}", "nsa-intake", "demo"));
    byOthers.put("a colleague's unclaim", () -> http.postJson(rest + "/unclaim", "", "nsa-intake", "demo"));
    byOthers.put("a colleague's claim for nobody in Tasklist", () -> colleague.postJson(tasklistApi + "/claim", "{}", true));
    byOthers.put("a colleague's unclaim in Tasklist", () -> colleague.postJson(tasklistApi + "/unclaim", "", true));
    byOthers.put("another office's unclaim", () -> http.postJson(rest + "/unclaim", "", "cisa", "demo"));
    byOthers.put("another office's claim for nobody", () -> http.postJson(rest + "/claim", "{}", "cisa", "demo"));
    byOthers.forEach((what, request) -> {
      HttpResponse<String> refused = request.get();
      assertThat(refused.statusCode()).as(what + ": " + refused.body()).isEqualTo(403);
      assertThat(refused.headers().firstValue("Content-Type")).as(what).get().asString().contains("json");
      assertThat(assignee(task)).as(what + " changed nothing").isEqualTo(holder);
    });

    // the holder, with Tasklist's "Unclaim": a cross-site request (no CSRF token) changes nothing
    WebappLogin ridden = new WebappLogin(http.base());
    assertThat(ridden.login(holder, password(holder), "tasklist", true).statusCode()).isEqualTo(200);
    assertThat(ridden.postJson(tasklistApi + "/unclaim", "", false).statusCode()).as("no CSRF token").isEqualTo(403);
    assertThat(assignee(task)).isEqualTo(holder);
    WebappLogin tasklist = new WebappLogin(http.base());
    assertThat(tasklist.login(holder, password(holder), "tasklist", true).statusCode()).isEqualTo(200);
    HttpResponse<String> released = tasklist.postJson(tasklistApi + "/unclaim", "", true);
    assertThat(released.statusCode()).as(released.body()).isEqualTo(204);
    assertThat(assignee(task)).isNull();
    // ... over engine-rest, by unclaim and by a claim for nobody
    for (String release : List.of("/unclaim", "/claim")) {
      claimedByHolder.run();
      HttpResponse<String> byHolder = http.postJson(rest + release, release.equals("/claim") ? "{}" : "", holder,
          password(holder));
      assertThat(byHolder.statusCode()).as(release + ": " + byHolder.body()).isEqualTo(204);
      assertThat(assignee(task)).as(release).isNull();
    }
    // an administrator
    claimedByHolder.run();
    assertThat(http.postJson(rest + "/unclaim", "", "admin", "admin").statusCode()).isEqualTo(204);
    assertThat(assignee(task)).isNull();
    // the office, once the holder has left it: the task is not stuck in the hands of someone gone
    claimedByHolder.run();
    engine.getIdentityService().deleteMembership(holder, "nsa-intake");
    HttpResponse<String> leftBehind = colleague.postJson(tasklistApi + "/claim", "{}", true);
    assertThat(leftBehind.statusCode()).as(leftBehind.body()).isEqualTo(204);
    assertThat(assignee(task)).isNull();
    assertThat(engine.getTaskService().createTaskQuery().taskId(task).count()).as("still open").isOne();
  }

  private String assignee(String task) {
    return engine.getTaskService().createTaskQuery().taskId(task).singleResult().getAssignee();
  }

  /**
   * The prod profile refuses demo passwords in the configuration, but a user an earlier start
   * without it made keeps the password it was made with (a restart never overwrites one): on a
   * database first tried on a laptop, admin/admin opened the production node. A production start
   * gives such a user its configured password; a password changed since (not a demo value) stays,
   * and nobody is locked out by the check.
   */
  @Test
  void aProductionStartReplacesDemoPasswordsLeftInTheStore() {
    var identity = engine.getIdentityService();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String leftOver = "seeded-" + suffix;
    String changed = "changed-" + suffix;
    for (String id : List.of(leftOver, changed)) {
      User user = identity.newUser(id);
      user.setPassword(id.equals(leftOver) ? "admin" : "an-administrators-own-choice");
      identity.saveUser(user);
    }
    var configured = new IdentityProperties(List.of(), List.of(
        new IdentityProperties.UserSpec(leftOver, "S", "S", null, "the-configured-secret-1", List.of()),
        new IdentityProperties.UserSpec(changed, "C", "C", null, "the-configured-secret-2", List.of())));
    var production = new org.springframework.mock.env.MockEnvironment();
    production.setActiveProfiles("prod");
    new IdentityInitializer(identity, configured, audit, production,
        engine).afterPropertiesSet();

    assertThat(identity.checkPassword(leftOver, "the-configured-secret-1")).as("the configured password").isTrue();
    assertThat(identity.checkPassword(leftOver, "admin")).as("the demo password").isFalse();
    assertThat(identity.checkPassword(changed, "an-administrators-own-choice")).as("a password changed since").isTrue();
    // without the profile nothing is replaced
    User another = identity.newUser("laptop-" + suffix);
    another.setPassword("demo");
    identity.saveUser(another);
    new IdentityInitializer(identity, new IdentityProperties(List.of(), List.of(new IdentityProperties.UserSpec(
        another.getId(), "L", "L", null, "the-configured-secret-3", List.of()))),
        audit, new org.springframework.mock.env.MockEnvironment(), engine)
        .afterPropertiesSet();
    assertThat(identity.checkPassword(another.getId(), "demo")).isTrue();
  }

  /**
   * Credentials verified a moment ago pass without a bcrypt check: an administrator's change of
   * the identity store still takes effect at the next request. A password changed (say, leaked),
   * a user deleted, a membership ended: the old password, the deleted user and the lost group were
   * let through for up to a minute, long enough for an organization's former administrator to
   * make an API client that outlives its removal.
   */
  @Test
  void aChangeToTheIdentityStoreTakesEffectAtTheNextRequestDespiteTheCredentialCache() {
    var identity = engine.getIdentityService();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String organization = "org-cache-" + suffix;
    identity.saveGroup(identity.newGroup(organization));
    String administrator = "cache-admin-" + suffix;
    String reviewer = "cache-reviewer-" + suffix;
    String leaving = "cache-leaving-" + suffix;
    for (String id : List.of(administrator, reviewer, leaving)) {
      User user = identity.newUser(id);
      user.setPassword("the-old-password-" + suffix);
      identity.saveUser(user);
    }
    identity.createMembership(administrator, SecurityConfiguration.DEVELOPERS);
    identity.createMembership(administrator, SecurityConfiguration.ORGANIZATION_ADMINS);
    identity.createMembership(administrator, organization);
    identity.createMembership(reviewer, "cisa");
    identity.createMembership(leaving, "cisa");
    String password = "the-old-password-" + suffix;
    Http http = new Http(port);
    // each verified once, so the next request finds it remembered
    assertThat(http.get("/api/clients", administrator, password).statusCode()).isEqualTo(200);
    assertThat(http.get("/engine-rest/task", reviewer, password).statusCode()).isEqualTo(200);
    assertThat(http.get("/engine-rest/task", leaving, password).statusCode()).isEqualTo(200);

    // an administrator ends a membership, changes a password, deletes a user (over engine-rest)
    assertThat(http.send("DELETE", "/engine-rest/group/" + SecurityConfiguration.ORGANIZATION_ADMINS + "/members/"
        + administrator, "admin", "admin").statusCode()).isEqualTo(204);
    assertThat(http.putJson("/engine-rest/user/" + reviewer + "/credentials",
        "{\"password\":\"a-new-password-" + suffix + "\",\"authenticatedUserPassword\":\"admin\"}", "admin", "admin")
        .statusCode()).isEqualTo(204);
    assertThat(http.send("DELETE", "/engine-rest/user/" + leaving, "admin", "admin").statusCode()).isEqualTo(204);

    assertThat(http.postJson("/api/clients", "{\"name\":\"outlives me\"}", administrator, password).statusCode())
        .as("a former administrator of the organization makes a client").isEqualTo(403);
    assertThat(http.get("/api/clients", administrator, password).statusCode()).isEqualTo(403);
    assertThat(http.get("/engine-rest/task", reviewer, "a-new-password-" + suffix).statusCode()).isEqualTo(200);
    // (after the new one: the engine holds a user back for seconds after a wrong password)
    assertThat(http.get("/engine-rest/task", reviewer, password).statusCode()).as("the old password").isEqualTo(401);
    assertThat(http.get("/engine-rest/task", leaving, password).statusCode()).as("a deleted user").isEqualTo(401);
    assertThat(engine.getIdentityService().createUserQuery().userId(leaving).count()).isZero();
  }

  /**
   * The webapps keep what they read of a signed-in user (its groups, the apps it may use) in its
   * session and read it again only when that has aged: five minutes by Camunda's default, for which
   * a reviewer removed from its office went on seeing and working the office's tasks in Tasklist.
   * At most 15 s now (the engine's clock moved, not waited for).
   */
  @Test
  void aReviewerRemovedFromItsOfficeLosesItsTasksInTasklistWithinFifteenSeconds() {
    String id = startEngagement();
    var identity = engine.getIdentityService();
    String leaver = member("tasklist-leaver-", "nsa-intake");
    String tasks = "/camunda/api/engine/engine/default/task?processInstanceBusinessKey=" + id;
    WebappLogin tasklist = new WebappLogin(new Http(port).base());
    try {
      assertThat(tasklist.login(leaver, password(leaver), "tasklist", true).statusCode()).isEqualTo(200);
      HttpResponse<String> before = tasklist.get(tasks);
      assertThat(before.statusCode()).isEqualTo(200);
      assertThat(before.body()).as("the office's intake task").contains(EngagementProcess.Elements.REVIEW_INTAKE);

      identity.deleteMembership(leaver, "nsa-intake");
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(
          dev.frontierengage.process.EngineClock.instant().plusSeconds(16)));
      HttpResponse<String> after = tasklist.get(tasks);
      assertThat(after.statusCode() == 200 ? after.body() : "refused " + after.statusCode())
          .as("what Tasklist shows the former reviewer 16 s later")
          .doesNotContain(EngagementProcess.Elements.REVIEW_INTAKE);
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
      identity.deleteUser(leaver);
    }
  }

  /**
   * A user name no user can have (a NUL, which PostgreSQL refuses in a text; longer than the
   * store's ids) is a failed login like any other, wherever a password is taken: HTTP Basic on
   * every chain and the webapps' login form. Nothing is a 500.
   */
  @Test
  void aUserNameTheStoreCannotHoldIsAFailedLoginNotAServerError() {
    Http http = new Http(port);
    for (String user : List.of("ali\u0000ce", "x".repeat(300))) {
      for (String path : List.of("/api/engagements", "/engine-rest/task", "/agency/api/tasks", "/v3/api-docs")) {
        assertThat(http.get(path, user, "demo").statusCode()).as(path).isEqualTo(401);
      }
      HttpResponse<String> webapps = new WebappLogin(http.base()).login(user, "demo", "tasklist", true);
      assertThat(webapps.statusCode()).as("the webapps' login: " + webapps.body()).isIn(401, 403);
      HttpResponse<String> inQuery = new WebappLogin(http.base()).loginRequest("login/tasklist?username="
          + java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8) + "&password=demo",
          "application/x-www-form-urlencoded", "");
      assertThat(inQuery.statusCode()).as("the name in the query: " + inQuery.body()).isIn(401, 403);
    }
  }

  /**
   * A completion names the Java type of an object's value itself: the engine made any class on
   * the class path from it when a listener read the value (a reviewer emptied a file of the
   * server's by naming commons-io's LockableFileWriter with the file's path). Only java.lang types
   * and the plain collections are taken, in a value written or transient; nothing else is made,
   * and the completion is a 400 that changes nothing.
   */
  @Test
  void aCompletionCannotMakeTheEngineBuildAnyClass(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path victim = dir.resolve("victim.txt");
    java.nio.file.Files.writeString(victim, "important data");
    String id = startEngagement();
    Task intake = task(id, EngagementProcess.Elements.REVIEW_INTAKE);
    String complete = "/engine-rest/task/" + intake.getId() + "/complete";
    String path = victim.toString().replace("\\", "\\\\");
    java.util.function.BiFunction<String, String, String> object = (type, extra) -> "{\"type\":\"Object\",\"value\":\"\\\""
        + path + "\\\"\",\"valueInfo\":{\"objectTypeName\":\"" + type + "\",\"serializationDataFormat\":\"application/json\"" + extra + "}}";
    Map<String, String> refused = Map.of(
        "read by the intake listener", "{\"variables\":{\"intakeOutcome\":{\"value\":\"CLARIFICATION_NEEDED\"},"
            + "\"intakeNote\":" + object.apply("org.apache.commons.io.output.LockableFileWriter", "") + "}}",
        "transient", "{\"variables\":{\"intakeOutcome\":{\"value\":\"ACCEPTED\"},"
            + "\"extra\":" + object.apply("org.apache.commons.io.output.LockableFileWriter", ",\"transient\":true") + "}}",
        "an extra value", "{\"variables\":{\"intakeOutcome\":{\"value\":\"ACCEPTED\"},"
            + "\"extra\":" + object.apply("org.springframework.core.io.FileSystemResource", "") + "}}",
        "of java.lang, not a plain value", "{\"variables\":{\"intakeOutcome\":{\"value\":\"ACCEPTED\"},"
            + "\"extra\":" + object.apply("java.lang.ProcessBuilder", "") + "}}",
        "inside a collection's type", "{\"variables\":{\"intakeOutcome\":{\"value\":\"ACCEPTED\"},"
            + "\"extra\":" + object.apply("java.util.ArrayList<org.apache.commons.io.output.LockableFileWriter>", "") + "}}");
    refused.forEach((what, body) -> {
      HttpResponse<String> answer = new Http(port).postJson(complete, body, "nsa-intake", "demo");
      assertThat(answer.statusCode()).as(what + ": " + answer.body()).isEqualTo(400);
      assertThat(answer.body()).as(what).contains("is not accepted");
    });
    assertThat(java.nio.file.Files.readString(victim)).isEqualTo("important data");
    assertThat(((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .isDeserializationTypeValidationEnabled()).as("and the engine reads no other type either").isTrue();
    assertThat(java.nio.file.Files.exists(dir.resolve("victim.txt.lck"))).isFalse();
    assertThat(engine.getTaskService().createTaskQuery().taskId(intake.getId()).count()).as("still open").isOne();
    // a plain collection as JSON is taken
    assertThat(new Http(port).postJson(complete, "{\"variables\":{\"intakeOutcome\":{\"value\":\"ACCEPTED\"},"
        + "\"extra\":{\"type\":\"Object\",\"value\":\"[1,2]\",\"valueInfo\":{\"objectTypeName\":\"java.util.ArrayList\","
        + "\"serializationDataFormat\":\"application/json\"}}}}", "nsa-intake", "demo").statusCode()).isEqualTo(204);
  }

  @Clause("3(a) determination")
  @Test
  void whoRecordedTheBenchmarkCannotDecideTheDesignationThroughEngineRest() {
    User dual = engine.getIdentityService().newUser("dual-" + UUID.randomUUID().toString().substring(0, 8));
    dual.setPassword("dual-password-1");
    engine.getIdentityService().saveUser(dual);
    engine.getIdentityService().createMembership(dual.getId(), "nsa-benchmark");
    engine.getIdentityService().createMembership(dual.getId(), "nsa-director");
    EngagementDriver driver = new EngagementDriver(engine);
    String id = startEngagement();
    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
    Http http = new Http(port);

    Task benchmark = task(id, DesignationProcess.Elements.RECORD_BENCHMARK_RESULTS);
    String scores = "{\"variables\":{" + String.join(",", DesignationProcess.Vars.SCORES.stream()
        .map(s -> "\"" + s + "\":{\"value\":90}").toList())
        + ",\"benchmarkSuiteVersion\":{\"value\":\"cyber-bench 2026.3\"}}}";
    assertThat(http.postJson("/engine-rest/task/" + benchmark.getId() + "/complete", scores,
        dual.getId(), "dual-password-1").statusCode()).isEqualTo(204);
    driver.consultAll(id, List.of("national-cyber-director", "apst", "cisa", "dow"));

    Task decision = task(id, DesignationProcess.Elements.DECIDE_DESIGNATION);
    String decide = "{\"variables\":{\"designated\":{\"value\":true},"
        + "\"decisionRationale\":{\"value\":\"internal\"},\"assessmentSummary\":{\"value\":\"covered\"}}}";
    HttpResponse<String> refused = http.postJson("/engine-rest/task/" + decision.getId() + "/complete",
        decide, dual.getId(), "dual-password-1");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("Separation of duties");
    assertThat(engine.getTaskService().createTaskQuery().taskId(decision.getId()).count()).isOne();
    assertThat(new EngagementDriver(engine).assessment(id).decidedBy()).as("nothing decided").isNull();

    assertThat(http.postJson("/engine-rest/task/" + decision.getId() + "/complete", decide,
        "nsa-director", "demo").statusCode()).isEqualTo(204);
    assertThat(AUDIT.lines("decision")).anySatisfy(line -> assertThat(line)
        .contains("\"actor\":\"nsa-director\"", "\"engagement\":\"" + id + "\"",
            "\"task\":\"" + DesignationProcess.Elements.DECIDE_DESIGNATION + "\"",
            "\"designated\":true")
        .doesNotContain("internal"));
  }

  @Test
  void eachAgencyGroupSeesItsOwnQueue() {
    HttpResponse<String> filters = new Http(port).get("/engine-rest/filter", "nsa-intake", "demo");
    assertThat(filters.statusCode()).isEqualTo(200);
    assertThat(filters.body()).contains("\"name\":\"Intake queue\"")
        .doesNotContain("Benchmark queue", "CISA queue");
    assertThat(new Http(port).get("/engine-rest/filter", "cisa", "demo").body())
        .contains("\"name\":\"CISA queue\"").doesNotContain("Intake queue");
  }

  @Test
  void refusalsFailuresCompletionsWithdrawalsAndConfigurationAreAudited() {
    Http http = new Http(port);
    http.get("/engine-rest/task", "dow", "wrong-password");
    http.get("/engine-rest/task", "alice", "demo");
    String id = startEngagement();
    Task intake = task(id, EngagementProcess.Elements.REVIEW_INTAKE);
    http.postJson("/engine-rest/task/" + intake.getId() + "/complete",
        "{\"variables\":{\"intakeOutcome\":{\"value\":\"OUT_OF_SCOPE\"},\"intakeNote\":{\"value\":\"Not a frontier model\"}}}",
        "nsa-intake", "demo");
    String withdrawn = startEngagement();
    new EngagementDriver(engine).withdraw(withdrawn);

    assertThat(AUDIT.lines("login.failed")).anySatisfy(line -> assertThat(line)
        .contains("\"actor\":\"dow\"", "\"from\":\"127.0.0.1\"").doesNotContain("wrong-password"));
    assertThat(AUDIT.lines("access.denied")).anySatisfy(line -> assertThat(line)
        .contains("\"actor\":\"alice\"", "/engine-rest/task"));
    assertThat(AUDIT.lines("decision")).anySatisfy(line -> assertThat(line)
        .contains("\"actor\":\"nsa-intake\"", "\"engagement\":\"" + id + "\"", "OUT_OF_SCOPE"));
    assertThat(AUDIT.lines("engagement.withdrawn")).anySatisfy(line -> assertThat(line)
        .contains("\"actor\":\"alice\"", "\"engagement\":\"" + withdrawn + "\""));
    assertThat(AUDIT.lines("config.user.created")).isNotEmpty();
    assertThat(AUDIT.lines("config.authorization.granted")).isNotEmpty();
    assertThat(AUDIT.lines("config.models.deployed")).isNotEmpty();
    assertThat(AUDIT.lines()).noneSatisfy(line -> assertThat(line).containsAnyOf("\"demo\"", "password"));
  }

  private Map<String, Function<String[], HttpResponse<String>>> columns(Http http) {
    Map<String, Function<String[], HttpResponse<String>>> columns = new LinkedHashMap<>();
    columns.put("api-read", c -> http.get("/api/engagements", c[0], c[1]));
    columns.put("api-act", c -> http.postJson("/api/engagements", "{}", c[0], c[1]));
    columns.put("task-query", c -> http.get("/engine-rest/task?candidateGroup=nsa-intake", c[0], c[1]));
    columns.put("task-complete", c -> {
      Task intake = task(startEngagement(), EngagementProcess.Elements.REVIEW_INTAKE);
      return http.postJson("/engine-rest/task/" + intake.getId() + "/complete",
          "{\"variables\":{\"intakeOutcome\":{\"value\":\"ACCEPTED\"}}}", c[0], c[1]);
    });
    // reviewers neither make tasks of their own nor start processes (Tasklist hides both: README)
    columns.put("task-create", c -> http.postJson("/engine-rest/task/create", "{\"id\":\"" + UUID.randomUUID()
        + "\",\"name\":\"Made by hand\"}", c[0], c[1]));
    columns.put("start", c -> http.postJson("/engine-rest/process-definition/key/" + EngagementProcess.PROCESS_ID
        + "/start", "{\"businessKey\":\"" + UUID.randomUUID() + "\"}", c[0], c[1]));
    columns.put("deploy", c -> http.postMultipart("/engine-rest/deployment/create", "matrix.bpmn",
        MATRIX_PROCESS.formatted(UUID.randomUUID().toString().replace("-", "")), c[0], c[1]));
    columns.put("authz", c -> http.postJson("/engine-rest/authorization/create",
        "{\"type\":1,\"permissions\":[\"ACCESS\"],\"userId\":\"bob\",\"resourceType\":0,"
            + "\"resourceId\":\"cockpit\"}", c[0], c[1]));
    columns.put("health", c -> http.get("/actuator/health", c[0], c[1]));
    columns.put("actuator", c -> http.get("/actuator/info", c[0], c[1]));
    columns.put("openapi", c -> http.get("/v3/api-docs", c[0], c[1]));
    columns.put("webapp", c -> {
      return new WebappLogin(http.base()).login(c[0] == null ? "nobody" : c[0],
          c[0] == null ? "nothing" : c[1], "tasklist", true);
    });
    // an engagement's documents, to the offices with an open task on it (others: 404, need to know)
    columns.put("agency-docs", c -> http.get("/agency/api/engagements/" + UUID.randomUUID() + "/documents", c[0], c[1]));
    return columns;
  }

  static final String MATRIX_PROCESS = """
      <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <process id="matrix%s" isExecutable="true" camunda:historyTimeToLive="P1D"><startEvent id="s"/></process>
      </definitions>""";

  private static String[] credentials(String row) {
    return switch (row) {
      case "anonymous" -> new String[] {null, null};
      case "admin" -> new String[] {"admin", "admin"};
      default -> new String[] {row, "demo"};
    };
  }

  private static boolean matches(String expected, int status) {
    if (expected.equals("ok")) {
      return status != 401 && status != 403 && status != 429 && status < 500;
    }
    return Integer.parseInt(expected) == status;
  }

  private String startEngagement() {
    String id = UUID.randomUUID().toString();
    engine.getRuntimeService().startProcessInstanceByKey(EngagementProcess.PROCESS_ID, id, Map.of(
        EngagementProcess.Vars.ORGANIZATION, EngagementDriver.ORGANIZATION,
        EngagementProcess.Vars.MODEL_NAME, "Roadrunner",
        EngagementProcess.Vars.MODEL_VERSION, "4.1",
        EngagementProcess.Vars.DESCRIPTION, "A frontier model",
        EngagementProcess.Vars.CONTACT_EMAIL, "security@acme.invalid"));
    return id;
  }

  private Task task(String id, String activityId) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(activityId).singleResult();
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 200 ? body.substring(0, 200) : body;
  }
}
