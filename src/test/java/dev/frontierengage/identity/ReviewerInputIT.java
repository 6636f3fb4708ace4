package dev.frontierengage.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.TestDatabase;
import dev.frontierengage.WebappLogin;
import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.engagement.IntakeOutcome;
import dev.frontierengage.process.Clause;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a reviewer sends through engine-rest, taken as an adversary's: a value named after one of
 * the beans the models call cannot stand in for it, a task is left or completed but never
 * resolved, deleted or moved by a message by a reviewer, and a value the engine cannot store or
 * read back is a 400 that changes nothing, never a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReviewerInputIT {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.properties("reviewer-input-it").forEach((key, value) -> registry.add(key, () -> value));
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
    registry.add("server.address", () -> "127.0.0.1");
  }

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;

  /**
   * The models call beans by name (`${shareAssessment}`, `${engagementRecord.withdrawn(execution)}`),
   * and the engine looks a name up among the process's variables first: a reviewer's value of that
   * name, sent with its completion, made every later call of the bean fail (the designation could
   * not be decided, the developer could no longer withdraw). The beans come first now.
   */
  @Test
  @Clause("3(c)")
  void aValueNamedAfterABeanStandsInForNothing() {
    EngagementDriver driver = new EngagementDriver(engine);
    String id = startEngagement();
    Task intake = driver.task(id, EngagementProcess.Elements.REVIEW_INTAKE);
    HttpResponse<String> completed = new Http(port).postJson("/engine-rest/task/" + intake.getId() + "/complete",
        "{\"variables\":{\"intakeOutcome\":{\"value\":\"ACCEPTED\"},"
            + "\"engagementRecord\":{\"value\":\"x\"},"
            + "\"shareAssessment\":{\"value\":\"x\"},\"accessOfferListener\":{\"value\":\"x\"},"
            + "\"agencyDeadlines\":{\"value\":\"x\"},\"formContext\":{\"value\":\"x\"}}}",
        "nsa-intake", "demo");
    assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
    driver.recordBenchmark(id, 9);
    // an office's value of the consultation's record bean, sent with its answer, lost every other
    // office's answer (the round's check of who answered called the value)
    Task dow = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(DesignationProcess.Elements.PROVIDE_CONSULTATION).taskCandidateGroup("dow").singleResult();
    HttpResponse<String> answered = new Http(port).postJson("/engine-rest/task/" + dow.getId() + "/complete",
        "{\"variables\":{\"position\":{\"value\":\"CONCUR\"},\"comment\":{\"value\":\"Reviewed by dow\"},"
            + "\"assessmentRecord\":{\"value\":\"x\"},\"partnerRecord\":{\"value\":\"x\"}}}",
        "dow", "demo");
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(204);
    driver.consultAll(id, List.of("national-cyber-director", "apst", "cisa"));
    assertThat(driver.consultations(id)).as("every office's answer recorded").hasSize(4);
    driver.decideDesignation(id, true);
    assertThat(driver.record(id).designated()).isTrue();
    assertThat(driver.record(id).assessmentSharedAt()).as("the assessment shared by its bean").isNotNull();
    driver.withdraw(id);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(id).count())
        .as("withdrawn").isZero();
    assertThat(driver.record(id).withdrawnBy()).isEqualTo(EngagementDriver.DEVELOPER);
  }

  /**
   * Resolving (which writes values without completing: tasks here are never delegated), deleting
   * a task and triggering a message at an execution are for administrators; a reviewer is
   * refused before the engine is asked, so the answer does not tell which waits an engagement is in.
   */
  @Test
  void aReviewerCannotResolveDeleteOrTriggerAMessage() {
    String id = startEngagement();
    Task intake = new EngagementDriver(engine).task(id, EngagementProcess.Elements.REVIEW_INTAKE);
    Http http = new Http(port);
    String instance = intake.getProcessInstanceId();
    List<HttpResponse<String>> refused = new ArrayList<>();
    refused.add(http.postJson("/engine-rest/task/" + intake.getId() + "/resolve",
        "{\"variables\":{\"junk\":{\"value\":\"x\"}}}", "nsa-intake", "demo"));
    refused.add(http.postJson("/engine-rest/engine/default/task/" + intake.getId() + "/resolve/",
        "{\"variables\":{\"junk\":{\"value\":\"x\"}}}", "nsa-intake", "demo"));
    refused.add(http.send("DELETE", "/engine-rest/task/" + intake.getId(), "nsa-intake", "demo"));
    for (String message : List.of(EngagementProcess.Messages.ACCESS_ENDED_EARLY, EngagementProcess.Messages.ENGAGEMENT_WITHDRAWN)) {
      refused.add(http.postJson("/engine-rest/execution/" + instance + "/messageSubscriptions/" + message + "/trigger",
          "{}", "nsa-intake", "demo"));
    }
    for (HttpResponse<String> response : refused) {
      assertThat(response.statusCode()).as(response.request().uri() + ": " + response.body()).isEqualTo(403);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("json");
    }
    WebappLogin tasklist = new WebappLogin(http.base());
    assertThat(tasklist.login("nsa-intake", "demo", "tasklist", true).statusCode()).isEqualTo(200);
    HttpResponse<String> viaTasklist = tasklist.postJson("/camunda/api/engine/engine/default/task/" + intake.getId()
        + "/resolve", "{\"variables\":{\"junk\":{\"value\":\"x\"}}}", true);
    assertThat(viaTasklist.statusCode()).as(viaTasklist.body()).isEqualTo(403);
    assertThat(engine.getRuntimeService().getVariable(instance, "junk")).as("nothing written").isNull();
    assertThat(engine.getTaskService().createTaskQuery().taskId(intake.getId()).count()).isOne();
    // an administrator asking for what is not there is answered as such, not with a fault
    assertThat(http.send("DELETE", "/engine-rest/task/" + intake.getId(), "admin", "admin").statusCode())
        .as("a process's task cannot be deleted").isBetween(400, 499);
    assertThat(http.postJson("/engine-rest/execution/" + instance + "/messageSubscriptions/"
        + EngagementProcess.Messages.ACCESS_ENDED_EARLY + "/trigger", "{}", "admin", "admin").statusCode())
        .as("no such wait").isBetween(400, 499);
    assertThat(engine.getTaskService().createTaskQuery().taskId(intake.getId()).count()).isOne();
  }

  /**
   * A message correlated by name (and a signal or a condition) is for administrators: the
   * engagement's messages are the developer's, through the developer API. A reviewer's correlation
   * was refused (403, naming the process instance) where the engagement waited for the message and
   * failed to match (400) where it did not, so intake, which sees every engagement's id, could tell
   * for any of them whether it was still running, in its access window or awaiting its release
   * report. Now the same 403 whatever the engagement waits for, before the engine is asked.
   */
  @Test
  void aReviewerCannotCorrelateAMessageNorTellWhatAnEngagementWaitsFor() {
    String id = startEngagement();
    String instance = new EngagementDriver(engine).task(id, EngagementProcess.Elements.REVIEW_INTAKE)
        .getProcessInstanceId();
    Http http = new Http(port);
    WebappLogin tasklist = new WebappLogin(http.base());
    assertThat(tasklist.login("nsa-intake", "demo", "tasklist", true).statusCode()).isEqualTo(200);
    List<String> answers = new ArrayList<>();
    for (String message : List.of(EngagementProcess.Messages.ENGAGEMENT_WITHDRAWN, EngagementProcess.Messages.ACCESS_ENDED_EARLY)) {
      for (String body : List.of("{\"messageName\":\"" + message + "\",\"businessKey\":\"" + id + "\"}",
          "{\"messageName\":\"" + message + "\",\"businessKey\":\"" + id + "\",\"all\":true}",
          "{\"messageName\":\"" + message + "\",\"processInstanceId\":\"" + instance + "\"}")) {
        for (HttpResponse<String> refused : List.of(http.postJson("/engine-rest/message", body, "nsa-intake", "demo"),
            http.postJson("/engine-rest/engine/default/message/", body, "nsa-intake", "demo"),
            tasklist.postJson("/camunda/api/engine/engine/default/message", body, true))) {
          assertThat(refused.statusCode()).as(refused.request().uri() + " " + body + ": " + refused.body()).isEqualTo(403);
          assertThat(refused.body()).as("names no instance").doesNotContain(instance);
          answers.add(refused.body().replace(refused.request().uri().getPath(), "<path>"));
        }
      }
    }
    assertThat(answers.stream().distinct()).as("one answer whether the engagement waits for the message or not")
        .hasSize(2); // engine-rest's and Tasklist's
    assertThat(http.postJson("/engine-rest/signal", "{\"name\":\"anything\"}", "nsa-intake", "demo").statusCode())
        .isEqualTo(403);
    assertThat(http.postJson("/engine-rest/condition", "{\"businessKey\":\"" + id + "\"}", "nsa-intake", "demo")
        .statusCode()).isEqualTo(403);
    assertThat(new EngagementDriver(engine).record(id).withdrawnBy()).as("nothing withdrawn").isNull();
  }

  /**
   * The engine grants each user every permission on its own user: a reviewer set its own password
   * to {@code a} (204), and could rename or delete itself. Users are managed by administrators:
   * every write of a user is refused to a reviewer, its own included, over engine-rest and
   * Tasklist's API, and its password and profile stay as they were.
   */
  @Test
  void aReviewerCannotChangeItsOwnUser() {
    Http http = new Http(port);
    WebappLogin tasklist = new WebappLogin(http.base());
    assertThat(tasklist.login("dow", "demo", "tasklist", true).statusCode()).isEqualTo(200);
    String credentials = "{\"password\":\"a\",\"authenticatedUserPassword\":\"demo\"}";
    List<HttpResponse<String>> refused = List.of(
        http.putJson("/engine-rest/user/dow/credentials", credentials, "dow", "demo"),
        http.putJson("/engine-rest/engine/default/user/dow/credentials/", credentials, "dow", "demo"),
        http.putJson("/engine-rest/user/dow/profile", "{\"id\":\"dow\",\"firstName\":\"Mallory\"}", "dow", "demo"),
        http.send("DELETE", "/engine-rest/user/dow", "dow", "demo"),
        http.postJson("/engine-rest/user/create", "{\"profile\":{\"id\":\"mallory\"},\"credentials\":"
            + "{\"password\":\"a\"}}", "dow", "demo"),
        tasklist.putJson("/camunda/api/engine/engine/default/user/dow/credentials", credentials, true));
    for (HttpResponse<String> answer : refused) {
      assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.request().uri()).isEqualTo(403);
    }
    assertThat(engine.getIdentityService().checkPassword("dow", "demo")).as("the password as it was").isTrue();
    assertThat(engine.getIdentityService().createUserQuery().userId("dow").singleResult().getFirstName())
        .isNotEqualTo("Mallory");
    assertThat(engine.getIdentityService().createUserQuery().userId("mallory").count()).isZero();
    assertThat(http.get("/engine-rest/user/dow/profile", "dow", "demo").statusCode()).as("reading stays").isEqualTo(200);
  }

  /**
   * Values engine-rest cannot turn into a variable, or that the engine could not read back (a later
   * form read would fail on them for every group after): 400, nothing written, the task open.
   */
  @Test
  void aValueTheEngineCannotStoreOrReadIsRefusedAndChangesNothing() {
    Http http = new Http(port);
    String accepted = "\"intakeOutcome\":{\"value\":\"ACCEPTED\"},";
    String map = "\"objectTypeName\":\"java.util.HashMap\"";
    List<String> values = List.of(
        "\"zz\":{\"value\":\"<a/>\",\"type\":\"Xml\"}",
        "\"zz\":{\"value\":\"{}\",\"type\":\"Object\",\"valueInfo\":{" + map + "}}",
        "\"zz\":{\"value\":\"{}\",\"type\":\"Object\",\"valueInfo\":{\"serializationDataFormat\":\"application/json\"}}",
        "\"zz\":{\"value\":\"{}\",\"type\":\"Object\",\"valueInfo\":{" + map + ",\"serializationDataFormat\":\"application/xml\"}}",
        "\"zz\":{\"value\":\"{}\",\"type\":\"Object\",\"valueInfo\":{" + map + ",\"serializationDataFormat\":\"text/nothing\"}}",
        "\"zz\":{\"value\":\"{\",\"type\":\"Object\",\"valueInfo\":{" + map + ",\"serializationDataFormat\":\"application/json\"}}",
        "\"zz\":{\"value\":\"\\\"x\\\"\",\"type\":\"Object\",\"valueInfo\":{\"objectTypeName\":\"java.lang.Integer\","
            + "\"serializationDataFormat\":\"application/json\"}}",
        "\"zz\":{\"value\":\"{\",\"type\":\"Json\"}",
        "\"zz\":{\"value\":\"{\",\"type\":\"Json\",\"transient\":true}",
        "\"zz\":{\"type\":\"File\",\"valueInfo\":{\"filename\":\"a.txt\"}}",
        "\"zz\":{\"value\":\"aGk=\",\"type\":\"File\"}",
        "\"zz\":{\"value\":\"aGk=\",\"type\":\"File\",\"valueInfo\":{\"filename\":\"" + "a".repeat(4001) + "\"}}",
        "\"zz\":{\"value\":\"aGk=\",\"type\":\"File\",\"valueInfo\":{\"filename\":\"a.txt\",\"mimeType\":\""
            + "a".repeat(4001) + "\"}}");
    List<String> wrong = new ArrayList<>();
    for (String value : values) {
      Task intake = new EngagementDriver(engine).task(startEngagement(), EngagementProcess.Elements.REVIEW_INTAKE);
      for (String operation : List.of("complete", "submit-form")) {
        HttpResponse<String> refused = http.postJson("/engine-rest/task/" + intake.getId() + "/" + operation,
            "{\"variables\":{" + accepted + value + "}}", "nsa-intake", "demo");
        if (refused.statusCode() != 400) {
          wrong.add(operation + " " + abbreviate(value) + ": " + refused.statusCode() + " " + refused.body());
        }
      }
      if (engine.getTaskService().createTaskQuery().taskId(intake.getId()).count() == 1) {
        assertThat(engine.getRuntimeService().getVariable(intake.getProcessInstanceId(), "zz")).isNull();
        // and the form reads for whoever opens it next
        HttpResponse<String> form = http.get("/engine-rest/task/" + intake.getId() + "/form-variables", "nsa-intake", "demo");
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
      } else {
        wrong.add(abbreviate(value) + ": the task was completed");
      }
    }
    assertThat(wrong).as("answered otherwise than 400").isEmpty();
    // a query by a value no query can compare
    HttpResponse<String> query = http.postJson("/engine-rest/task",
        "{\"processVariables\":[{\"name\":\"f\",\"operator\":\"eq\",\"value\":{\"a\":1}}]}", "nsa-intake", "demo");
    assertThat(query.statusCode()).as(query.body()).isEqualTo(400);
  }

  /**
   * A page that begins or ends before the list's start reached the database as a negative OFFSET or
   * LIMIT, refused there: every list of the engine answered 500. A 400 problem; a page of 0 or more
   * reads as before.
   */
  @Test
  void aNegativePageIsA400() {
    startEngagement();
    Http http = new Http(port);
    String filter = read(http.get("/engine-rest/filter", "nsa-intake", "demo")).path(0).path("id").asText();
    WebappLogin tasklist = new WebappLogin(http.base());
    assertThat(tasklist.login("nsa-intake", "demo", "tasklist", true).statusCode()).isEqualTo(200);
    List<String> wrong = new ArrayList<>();
    for (String list : List.of("/engine-rest/task", "/engine-rest/variable-instance", "/engine-rest/history/task",
        "/engine-rest/process-definition", "/engine-rest/filter/" + filter + "/list", "/engine-rest/task/count",
        "/camunda/api/engine/engine/default/task")) {
      for (String page : List.of("firstResult=-5", "maxResults=-5", "firstResult=1&maxResults=-2", "firstResult=%2D1")) {
        String path = list + "?" + page;
        HttpResponse<String> refused = list.startsWith("/camunda") ? tasklist.get(path)
            : http.get(path, "nsa-intake", "demo");
        if (refused.statusCode() != 400
            || !refused.headers().firstValue("Content-Type").orElse("").contains("application/problem+json")) {
          wrong.add(path + ": " + refused.statusCode() + " " + refused.body());
        }
      }
      HttpResponse<String> read = list.startsWith("/camunda") ? tasklist.get(list + "?firstResult=0&maxResults=0")
          : http.get(list + "?firstResult=0&maxResults=0", "nsa-intake", "demo");
      if (read.statusCode() != 200) {
        wrong.add(list + " read a page of none: " + read.statusCode() + " " + read.body());
      }
    }
    HttpResponse<String> posted = http.postJson("/engine-rest/task?firstResult=-5", "{}", "nsa-intake", "demo");
    if (posted.statusCode() != 400) {
      wrong.add("POST /engine-rest/task?firstResult=-5: " + posted.statusCode() + " " + posted.body());
    }
    assertThat(wrong).as("answered otherwise than a 400 problem").isEmpty();
    assertThat(read(http.get("/engine-rest/task?firstResult=0&maxResults=10", "nsa-intake", "demo")).size())
        .as("a page of the reviewer's tasks").isPositive();
  }

  /** The deployed form of an id that names no task is the 409 of its other form reads, not the engine's NullPointerException (500). */
  @Test
  void theDeployedFormOfNoTaskIsNoServerError() {
    Task intake = new EngagementDriver(engine).task(startEngagement(), EngagementProcess.Elements.REVIEW_INTAKE);
    Http http = new Http(port);
    assertThat(http.get("/engine-rest/task/" + intake.getId() + "/deployed-form", "nsa-intake", "demo").statusCode())
        .isEqualTo(200);
    for (String form : List.of("deployed-form", "form", "rendered-form")) {
      HttpResponse<String> none = http.get("/engine-rest/task/no-such-task/" + form, "nsa-intake", "demo");
      assertThat(none.statusCode()).as(form + ": " + none.body()).isEqualTo(409);
      assertThat(none.body()).as(form).contains("the task is gone").doesNotContain("NullPointerException");
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode read(HttpResponse<String> response) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    } catch (Exception e) {
      throw new IllegalStateException(response.statusCode() + " " + response.body(), e);
    }
  }

  /**
   * An operation of the engine's that a reviewer may not perform, sent without a field it needs or
   * for a job that is not there, was a 500 (engine-rest read the body and failed before the engine's
   * check: a migration without its plan, a restart without instructions, an authorization without
   * its type, retries without the jobs, an external task without its worker; its job resource
   * answers the engine's refusal of a job's retries or due date with a 500 of its own). A 4xx now,
   * to a reviewer and an administrator alike, and nothing changes.
   */
  @Test
  void aRequestLackingWhatTheOperationNeedsIsNoServerError() {
    String id = startEngagement();
    EngagementDriver driver = new EngagementDriver(engine);
    driver.reviewIntake(id, dev.frontierengage.engagement.IntakeOutcome.ACCEPTED);
    Task benchmark = driver.task(id, DesignationProcess.Elements.RECORD_BENCHMARK_RESULTS);
    org.camunda.bpm.engine.runtime.Job timer = driver.timer(id, "BoundaryEvent_BenchmarkOverdue");
    Http http = new Http(port);
    String definition = benchmark.getProcessDefinitionId();
    // method, path, body, and what the administrator (whom no authorization stops) is answered
    List<String[]> requests = List.of(
        new String[] {"PUT", "/engine-rest/job/no-such-job/retries", "{\"retries\":1}", "404"},
        new String[] {"PUT", "/engine-rest/job/no-such-job/duedate", "{\"duedate\":\"2030-01-01T00:00:00.000+0000\"}", "404"},
        new String[] {"PUT", "/engine-rest/job/" + timer.getId() + "/retries", "{\"retries\":-1}", "400"},
        new String[] {"POST", "/engine-rest/job/retries", "{\"retries\":0}", "400"},
        new String[] {"POST", "/engine-rest/process-instance/job-retries", "{\"retries\":0}", "400"},
        new String[] {"POST", "/engine-rest/migration/execute", "{}", "400"},
        new String[] {"POST", "/engine-rest/migration/executeAsync", "{}", "400"},
        new String[] {"POST", "/engine-rest/process-definition/" + definition + "/restart", "{}", "400"},
        new String[] {"POST", "/engine-rest/process-definition/" + definition + "/restart-async", "{}", "400"},
        new String[] {"POST", "/engine-rest/authorization/create", "{}", "400"},
        new String[] {"POST", "/engine-rest/external-task/fetchAndLock", "{}", "400"},
        new String[] {"POST", "/engine-rest/external-task/no-such-task/complete", "{}", "400"});
    List<String> wrong = new ArrayList<>();
    for (String[] request : requests) {
      for (String[] user : List.of(new String[] {"nsa-intake", "demo"}, new String[] {"admin", "admin"})) {
        HttpResponse<String> answered = "PUT".equals(request[0])
            ? http.putJson(request[1], request[2], user[0], user[1])
            : http.postJson(request[1], request[2], user[0], user[1]);
        boolean admin = "admin".equals(user[0]);
        if (admin ? answered.statusCode() != Integer.parseInt(request[3])
            : answered.statusCode() < 400 || answered.statusCode() > 499) {
          wrong.add(user[0] + " " + request[0] + " " + request[1] + " " + request[2] + ": " + answered.statusCode()
              + (admin ? " (not " + request[3] + ") " : " ") + answered.body());
        } else if (answered.body().contains("NullPointerException") || answered.body().contains("Cannot invoke")) {
          wrong.add(user[0] + " " + request[1] + " names engine-rest's internals: " + answered.body());
        }
      }
    }
    assertThat(wrong).as("answered otherwise than the 4xx expected").isEmpty();
    org.camunda.bpm.engine.runtime.Job after = engine.getManagementService().createJobQuery().jobId(timer.getId())
        .singleResult();
    assertThat(after.getRetries()).as("nothing changed").isEqualTo(timer.getRetries());
    assertThat(after.getDuedate()).isEqualTo(timer.getDuedate());
    assertThat(engine.getTaskService().createTaskQuery().taskId(benchmark.getId()).count()).isOne();
  }

  /** A refusal does not repeat an id the reviewer wrote that could not be one (a direction override in it). */
  @Test
  void aRefusalDoesNotRepeatTextTheCallerChose() {
    HttpResponse<String> refused = new Http(port).get("/agency/api/engagements/abc%E2%80%AEfed/documents",
        "nsa-intake", "demo");
    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    // the detail names no id; the problem's instance is the path as sent, percent-encoded
    assertThat(refused.body()).doesNotContain("\u202E").contains("on an engagement (the id sent).");
  }

  /**
   * Tasklist's own engine API (Cockpit's and Admin's calls too) answered the engine's refusals
   * with the webapp's 500: a submission breaking a rule of the form, a value the engine cannot
   * store, a claim of a task someone else holds, and anything done to a task that is gone (or
   * never was). Each is engine-rest's 4xx now, JSON with the message Tasklist shows, and changes
   * nothing.
   */
  @Test
  void tasklistsEngineApiAnswersTheEnginesRefusalsAsEngineRestDoes() {
    EngagementDriver driver = new EngagementDriver(engine);
    Http http = new Http(port);
    WebappLogin tasklist = new WebappLogin(http.base());
    assertThat(tasklist.login("nsa-intake", "demo", "tasklist", true).statusCode()).isEqualTo(200);
    String api = "/camunda/api/engine/engine/default/task/";
    String accepted = "\"intakeOutcome\":{\"value\":\"ACCEPTED\"}";
    String id = startEngagement();
    Task intake = driver.task(id, EngagementProcess.Elements.REVIEW_INTAKE);

    Map<String, HttpResponse<String>> refused = new LinkedHashMap<>();
    refused.put("400 contactEmail is shown on the form", tasklist.postJson(api + intake.getId() + "/submit-form",
        "{\"variables\":{" + accepted + ",\"contactEmail\":{\"value\":\"someone@else.example\"}}}", true));
    refused.put("400 a value of a type or format", tasklist.postJson(api + intake.getId() + "/submit-form",
        "{\"variables\":{" + accepted + ",\"zz\":{\"value\":\"{\",\"type\":\"Json\"}}}", true));
    var identity = engine.getIdentityService();
    String colleague = "intake-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    identity.saveUser(identity.newUser(colleague));
    identity.createMembership(colleague, "nsa-intake");
    engine.getTaskService().claim(intake.getId(), colleague);
    refused.put("409 is already claimed", tasklist.postJson(api + intake.getId() + "/claim",
        "{\"userId\":\"nsa-intake\"}", true));
    assertThat(engine.getTaskService().createTaskQuery().taskId(intake.getId()).singleResult().getAssignee())
        .as("still the colleague's").isEqualTo(colleague);
    assertThat(engine.getTaskService().createTaskQuery().taskId(intake.getId()).count()).as("still open").isOne();
    assertThat(engine.getRuntimeService().getVariables(intake.getProcessInstanceId())).as("nothing written")
        .doesNotContainKeys("zz", EngagementProcess.Vars.INTAKE_OUTCOME);
    engine.getTaskService().setAssignee(intake.getId(), null);

    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
    for (String gone : List.of(intake.getId(), "no-such-task")) {
      for (String operation : List.of("claim", "unclaim", "delegate", "assignee", "complete", "submit-form")) {
        refused.put("409 " + gone + " " + operation, tasklist.postJson(api + gone + "/" + operation,
            operation.equals("unclaim") ? "" : "{\"userId\":\"nsa-intake\",\"variables\":{" + accepted + "}}", true));
      }
      for (String read : List.of("variables", "rendered-form", "deployed-form", "identity-links")) {
        refused.put("409 " + gone + " " + read, tasklist.get(api + gone + "/" + read));
      }
    }
    List<String> wrong = new ArrayList<>();
    refused.forEach((expected, response) -> {
      if (!expected.startsWith(response.statusCode() + " ")
          || !response.headers().firstValue("Content-Type").orElse("").contains("json")
          || expected.startsWith("409 ") && !expected.contains("claimed") && !response.body().contains("the task is gone")) {
        wrong.add(expected + ": " + response.statusCode() + " " + abbreviate(response.body()));
      }
    });
    assertThat(wrong).as("answered otherwise").isEmpty();
    assertThat(refused.get("400 contactEmail is shown on the form").body()).contains("contactEmail is shown on the form");
    assertThat(refused.get("409 is already claimed").body()).contains("already claimed");
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(intake.getId()).singleResult()
        .getAssignee()).as("the task was completed as driven, by nobody over Tasklist").isNull();
  }

  /**
   * What a request leaves out that the engine needs (a sorting by a variable without its name or
   * type, a variable condition without its name or operator in any query, a group or tenant
   * without its id, an external task's topic without its name, telemetry's setting), a null
   * compared by order, an id the identity store does not take, query parameters the engine does
   * not combine, and what names nothing (no process starts on a condition, no process definition
   * of an id): each answered 500, to reviewers too for the queries Tasklist makes. A 400 (or 404) with a JSON body, over engine-rest and
   * the webapps' engine API, and nothing made.
   */
  @Test
  void whatARequestLeavesOutOrCannotCombineIsA4xx() {
    Http http = new Http(port);
    String sorted = "{\"sorting\":[{\"sortBy\":\"processVariable\",\"sortOrder\":\"asc\"";
    Map<String, String> byReviewer = new LinkedHashMap<>();
    byReviewer.put("/task", sorted + "}]}");
    byReviewer.put("/task/count", sorted + ",\"parameters\":{\"variable\":\"x\"}}]}");
    byReviewer.put("/task?firstResult=0", "{\"processVariables\":[{\"operator\":\"eq\",\"value\":1}]}");
    byReviewer.put("/task?maxResults=5", "{\"processVariables\":[{\"name\":\"x\",\"value\":1}]}");
    byReviewer.put("/task?maxResults=6", "{\"processVariables\":[{\"name\":\"x\",\"operator\":\"gt\",\"value\":null}]}");
    byReviewer.put("/process-instance/count", "{\"variables\":[{\"name\":\"x\",\"value\":1}]}");
    byReviewer.put("/history/process-instance", "{\"variables\":[{\"name\":\"x\",\"value\":1}]}");
    byReviewer.put("/variable-instance", "{\"variableValues\":[{\"name\":\"x\",\"value\":1}]}");
    byReviewer.put("/execution", "{\"processVariables\":[{\"name\":\"x\",\"value\":1}]}");
    List<String> wrong = new ArrayList<>();
    WebappLogin tasklist = new WebappLogin(http.base());
    assertThat(tasklist.login("nsa-intake", "demo", "tasklist", true).statusCode()).isEqualTo(200);
    byReviewer.forEach((path, body) -> {
      expect(wrong, 400, "POST " + path, http.postJson("/engine-rest" + path, body, "nsa-intake", "demo"));
      expect(wrong, 400, "Tasklist POST " + path,
          tasklist.postJson("/camunda/api/engine/engine/default" + path, body, true));
    });
    expect(wrong, 400, "candidate user and group", http.get("/engine-rest/task?candidateGroup=nsa-intake"
        + "&candidateUser=nsa-intake", "nsa-intake", "demo"));

    Map<String, String> byAdministrator = new LinkedHashMap<>();
    byAdministrator.put("/user/create", "{\"profile\":{\"id\":\"a b\"},\"credentials\":{\"password\":\"a-password-1\"}}");
    byAdministrator.put("/user/create?empty", "{\"profile\":{\"id\":\"\"},\"credentials\":{\"password\":\"a-password-1\"}}");
    byAdministrator.put("/group/create", "{\"name\":\"no id\"}");
    byAdministrator.put("/group/create?spaced", "{\"id\":\"a b\"}");
    byAdministrator.put("/tenant/create", "{\"name\":\"no id\"}");
    byAdministrator.put("/external-task/fetchAndLock", "{\"workerId\":\"w\",\"maxTasks\":1,\"topics\":[{}]}");
    byAdministrator.put("/telemetry/configuration", "{}");
    byAdministrator.forEach((path, body) ->
        expect(wrong, 400, "admin POST " + path, http.postJson("/engine-rest" + path, body, "admin", "admin")));
    expect(wrong, 404, "no condition", http.postJson("/engine-rest/condition", "{}", "admin", "admin"));
    expect(wrong, 404, "no definition", http.get("/engine-rest/process-definition/no-such-definition/statistics",
        "admin", "admin"));
    assertThat(wrong).as("answered otherwise").isEmpty();
    var identity = engine.getIdentityService();
    assertThat(identity.createUserQuery().userId("a b").count() + identity.createUserQuery().userId("").count()
        + identity.createGroupQuery().groupName("no id").count() + identity.createTenantQuery().tenantName("no id").count())
        .as("nothing made").isZero();
  }

  private static void expect(List<String> wrong, int status, String what, HttpResponse<String> response) {
    if (response.statusCode() != status || !response.headers().firstValue("Content-Type").orElse("").contains("json")) {
      wrong.add(what + ": " + response.statusCode() + " " + abbreviate(response.body()));
    }
  }

  private String startEngagement() {
    return new EngagementDriver(engine).submitInquiry();
  }

  private static String abbreviate(String text) {
    return text.length() > 120 ? text.substring(0, 120) + "..." : text;
  }
}
