package dev.frontierengage.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontierengage.TestClock;
import dev.frontierengage.TestDatabase;
import dev.frontierengage.WebappLogin;
import dev.frontierengage.designation.ConsultationPosition;
import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.engagement.IntakeOutcome;
import dev.frontierengage.partners.PartnerSelectionProcess;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Need to know, one rule for forms and APIs: what a group's form does not show, no endpoint shows
 * that group. {@link #NEED_TO_KNOW} is the matrix of the README (which groups may see each value
 * the engine holds); one engagement is walked through every agency task and, at each, the
 * group's user asks every endpoint family for what it can see. A value the engine holds without
 * a row here fails {@link #everyValueTheEngineHoldsHasARowInTheMatrix()}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NeedToKnowIT {

  static final Set<String> OFFICES = Set.of("national-cyber-director", "apst", "cisa", "dow");
  static final Set<String> AGENCIES = Set.of("nsa-intake", "nsa-benchmark", "nsa-director", "nsa-evaluation",
      "national-cyber-director", "apst", "cisa", "dow", "access-counsel");
  static final Set<String> NOBODY = Set.of();

  /** Value (variable name) -> the agency groups that may see it. Administrators see everything. */
  static final Map<String, Set<String>> NEED_TO_KNOW = matrix();

  private static Map<String, Set<String>> matrix() {
    Map<String, Set<String>> m = new HashMap<>();
    // every form names the engagement (and links its documents by it) and the model
    Stream.of("engagementId", "organization", "modelName", "modelVersion").forEach(v -> m.put(v, AGENCIES));
    // the description also tells the consulted offices what they are asked about
    m.put("description", Set.of("nsa-intake", "national-cyber-director", "apst", "cisa", "dow"));
    Stream.of("contactEmail", "intakeOutcome", "intakeNote", "previousQuestion", "clarificationAnswer")
        .forEach(v -> m.put(v, Set.of("nsa-intake")));
    m.put("plannedPartnerReleaseDate", Set.of("nsa-intake", "access-counsel"));
    DesignationProcess.Vars.SCORES.forEach(v -> m.put(v, Set.of("nsa-benchmark", "nsa-director")));
    m.put("benchmarkSuiteVersion", Set.of("nsa-benchmark", "nsa-director"));
    Set<String> recommendation = new TreeSet<>(OFFICES);
    recommendation.add("nsa-director");
    m.put("recommendation", recommendation);
    // each office sees its own task: its office, its own position and comment, the round's counters
    Stream.of("office", "officeName", "consultationCloses", "position", "comment", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances",
        "loopCounter").forEach(v -> m.put(v, OFFICES));
    Stream.of("consultations", "designated", "decisionRationale", "assessmentSummary")
        .forEach(v -> m.put(v, Set.of("nsa-director")));
    Stream.of("accessStart", "accessDays", "accessCapDays", "accessTermsReference")
        .forEach(v -> m.put(v, Set.of("access-counsel")));
    Stream.of("accessWindowStart", "accessWindowEnd", "evaluationFindings")
        .forEach(v -> m.put(v, Set.of("nsa-evaluation")));
    Stream.of("partnerName", "partnerCategory", "partnerSector", "partnerContact", "partnersAwaiting",
        "partnerApproved", "vettingReason").forEach(v -> m.put(v, Set.of("cisa")));
    // the developer's own answers (developer API only) and the engine's own working values
    Stream.of("clarificationText", "offerAccess", "acceptTerms", "acceptedTermsSha256", "confidentiality", "cybersecurity", "insiderRisk",
        "intellectualProperty", "use", "nondisclosure", "proposedPartners", "releasedAt", "withdrawalReason",
        "withdrawnBy", "overdueTask").forEach(v -> m.put(v, NOBODY));
    return m;
  }

  static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.properties("need-to-know-it").forEach((key, value) -> registry.add(key, () -> value));
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
    registry.add("server.address", () -> "127.0.0.1");
  }

  @BeforeAll
  static void engineClock() {
    TestClock.start();
  }

  /** Each test from {@link TestClock#START} too: a timer fired by an earlier one left the clock standing a day on. */
  @org.junit.jupiter.api.BeforeEach
  void engineClockAgain() {
    TestClock.start();
  }

  @AfterAll
  static void wallClock() {
    TestClock.reset();
  }

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;

  @Test
  void everyGroupSeesThroughEveryEndpointOnlyWhatItsFormShows() {
    EngagementDriver driver = new EngagementDriver(engine);
    List<String> problems = new ArrayList<>();
    String id = driver.submitInquiry(TestClock.TODAY.plusDays(60));
    visit(id, "nsa-intake", EngagementProcess.Elements.REVIEW_INTAKE, problems);
    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
    visit(id, "nsa-benchmark", DesignationProcess.Elements.RECORD_BENCHMARK_RESULTS, problems);
    driver.recordBenchmark(id, 90);
    driver.consult(id, "national-cyber-director", "CONCUR");
    for (String office : List.of("apst", "cisa", "dow")) {
      Map<String, JsonNode> seen = visit(id, office, DesignationProcess.Elements.PROVIDE_CONSULTATION, problems);
      assertThat(seen.get("position").isNull()).as(office + " sees no other office's position").isTrue();
      assertThat(seen.get("office").asText()).isEqualTo(office);
      assertThat(seen.get("description").asText()).as(office + " is told what the model is").isNotBlank();
    }
    driver.consultAll(id, List.of("apst", "cisa", "dow"));
    Map<String, JsonNode> decision = visit(id, "nsa-director", DesignationProcess.Elements.DECIDE_DESIGNATION,
        problems);
    assertThat(decision.get("consultations").toString()).contains("National Cyber Director", "Concur");
    assertThat(decision.get("scoreNetworkOperations").asText()).isEqualTo("90");
    driver.decideDesignation(id, true);
    driver.offerAccess(id, TestClock.TODAY.plusDays(1), 30, TestClock.TODAY.plusDays(60));
    visit(id, "access-counsel", EngagementProcess.Elements.PREPARE_ACCESS_TERMS, problems);
    driver.prepareTerms(id);
    driver.acceptTerms(id, true);
    driver.proposePartners(id, "CISA Lab");
    visit(id, "cisa", PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS, problems);
    driver.vetPartners(id);
    driver.fireTimer(id, EngagementProcess.Elements.ACCESS_WINDOW_OPENS);
    visit(id, "nsa-evaluation", EngagementProcess.Elements.EVALUATE_MODEL, problems);
    assertThat(problems).isEmpty();
  }

  @Test
  void everyValueTheEngineHoldsHasARowInTheMatrix() {
    EngagementDriver driver = new EngagementDriver(engine);
    String id = driver.submitInquiry(TestClock.TODAY.plusDays(60));
    driver.reviewIntake(id, IntakeOutcome.CLARIFICATION_NEEDED);
    driver.provideClarification(id);
    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
    driver.recordBenchmark(id, 90);
    driver.consultAll(id, List.of("national-cyber-director", "apst", "cisa", "dow"));
    driver.decideDesignation(id, true);
    driver.offerAccess(id, TestClock.TODAY.plusDays(1), 30, TestClock.TODAY.plusDays(60));
    driver.prepareTerms(id);
    driver.acceptTerms(id, true);
    driver.proposePartners(id, "CISA Lab", "Hospital Alpha");
    driver.vetPartners(id, "Hospital Alpha");
    driver.revisePartners(id, "Hospital Beta");
    driver.vetPartners(id);
    driver.fireTimer(id, EngagementProcess.Elements.ACCESS_WINDOW_OPENS);
    driver.evaluateModel(id);
    driver.reportRelease(id);

    Set<String> held = new TreeSet<>();
    for (String instance : instances(id)) {
      admin("/engine-rest/history/variable-instance?processInstanceId=" + instance + "&includeDeleted=true")
          .forEach(variable -> held.add(variable.get("name").asText()));
    }
    assertThat(held).as("the engine held values of the engagement").isNotEmpty();
    assertThat(held).as("values without a row in the need-to-know matrix (README)")
        .allMatch(NEED_TO_KNOW::containsKey);
  }

  @Test
  void aConsultationReplayedThroughEngineRestChangesNoOtherOfficesAnswer() {
    EngagementDriver driver = new EngagementDriver(engine);
    String id = driver.submitInquiry(TestClock.TODAY.plusDays(60));
    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
    driver.recordBenchmark(id, 90);
    driver.consult(id, "national-cyber-director", "CONCUR");
    Task cisa = consultation(id, "cisa");
    JsonNode before = get("/engine-rest/task/" + cisa.getId() + "/variables", "cisa");
    driver.consult(id, "apst", "NONCONCUR");

    // CISA sends back what it read before APST answered, plus claims to be APST
    Map<String, Object> replay = new HashMap<>();
    before.fields().forEachRemaining(field -> replay.put(field.getKey(), Map.of("value",
        field.getValue().path("value").isMissingNode() ? "" : field.getValue().path("value"))));
    replay.put("consultations", Map.of("value", "[{\"office\":\"national-cyber-director\",\"position\":\"CONCUR\"}]"));
    replay.put("office", Map.of("value", "apst"));
    replay.put("position", Map.of("value", "CONCUR"));
    HttpResponse<String> answered = new Http(port).postJson("/engine-rest/task/" + cisa.getId() + "/complete",
        json(Map.of("variables", replay)), "cisa", "demo");
    // refused: it sends the list the director's form shows from the record
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(400);
    assertThat(answered.body()).contains("consultations is shown on the form");
    assertThat(driver.consultations(id)).extracting(c -> c.office()).doesNotContain("cisa");
    // the rest of the replay goes through: the answer is CISA's, the office its task was offered to
    replay.remove("consultations");
    HttpResponse<String> replayed = new Http(port).postJson("/engine-rest/task/" + cisa.getId() + "/complete",
        json(Map.of("variables", replay)), "cisa", "demo");
    assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(204);
    driver.consult(id, "dow", "NO_OBJECTION");

    Map<String, ConsultationPosition> recorded = driver.consultations(id).stream()
        .collect(Collectors.toMap(c -> c.office(), c -> c.position()));
    assertThat(recorded).containsEntry("apst", ConsultationPosition.NONCONCUR)
        .containsEntry("national-cyber-director", ConsultationPosition.CONCUR)
        .containsEntry("dow", ConsultationPosition.NO_OBJECTION)
        .containsEntry("cisa", ConsultationPosition.CONCUR)
        .doesNotContainValue(ConsultationPosition.NO_RESPONSE);
    Task decision = driver.task(id, DesignationProcess.Elements.DECIDE_DESIGNATION);
    assertThat(get("/engine-rest/task/" + decision.getId() + "/form-variables", "nsa-director")
        .path("consultations").path("value").toString()).contains("(APST)").contains("Do not concur");
  }

  /**
   * An office's answer ends with its task. The consultations of a round run side by side in one
   * process instance, and a task query's filter by process variables matches a value in any of
   * its executions: an office still answering could test
   * whether another office had not concurred, and read its comment letter by letter, through its
   * own task's query, a filter's or Tasklist's.
   */
  @Test
  void anOfficeCannotTestAnotherOfficesAnswerThroughAQuery() {
    EngagementDriver driver = new EngagementDriver(engine);
    String id = driver.submitInquiry(TestClock.TODAY.plusDays(60));
    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
    driver.recordBenchmark(id, 90);
    driver.complete("apst", consultation(id, "apst"), Map.of("position", "NONCONCUR",
        "comment", "Exploit development is alarming"));
    String business = "processInstanceBusinessKey=" + id;
    String filter = get("/engine-rest/filter?name=Consultation%20queue%20(Department%20of%20War)", "dow")
        .path(0).path("id").asText();
    WebappLogin tasklist = new WebappLogin("http://127.0.0.1:" + port);
    assertThat(tasklist.login("dow", "demo", "tasklist", true).statusCode()).isEqualTo(200);
    assertThat(get("/engine-rest/task/count?" + business, "dow").path("count").asInt()).as("dow's own task").isEqualTo(1);
    for (String test : List.of("position_eq_NONCONCUR", "comment_like_Exploit%25", "comment_like_%25alarm%25")) {
      assertThat(get("/engine-rest/task/count?" + business + "&processVariables=" + test, "dow").path("count").asInt())
          .as("dow tests " + test).isZero();
      assertThat(read(tasklist.get("/camunda/api/engine/engine/default/task/count?" + business
          + "&processVariables=" + test)).path("count").asInt()).as("dow tests " + test + " in Tasklist").isZero();
    }
    String[] name = {"position", "comment"};
    String[] value = {"NONCONCUR", "%alarm%"};
    for (int i = 0; i < 2; i++) {
      String condition = "[{\"name\":\"" + name[i] + "\",\"operator\":\"" + (i == 0 ? "eq" : "like")
          + "\",\"value\":\"" + value[i] + "\"}]";
      HttpResponse<String> counted = new Http(port).postJson("/engine-rest/task/count",
          "{\"processInstanceBusinessKey\":\"" + id + "\",\"processVariables\":" + condition + "}", "dow", "demo");
      assertThat(read(counted).path("count").asInt()).as("dow tests " + name[i] + " in a query's body").isZero();
      HttpResponse<String> listed = new Http(port).postJson("/engine-rest/filter/" + filter + "/count",
          "{\"processInstanceBusinessKey\":\"" + id + "\",\"processVariables\":" + condition + "}", "dow", "demo");
      assertThat(read(listed).path("count").asInt()).as("dow tests " + name[i] + " through its queue").isZero();
    }
    // the answer itself is the record's, and the director's form shows it
    assertThat(driver.consultations(id)).anyMatch(c -> c.office().equals("apst")
        && c.position() == ConsultationPosition.NONCONCUR && "Exploit development is alarming".equals(c.comment()));
  }

  /**
   * The forms' context is read from the record when the form is asked for, never copied onto the
   * task (FormContextReads); a variable that would pass for it is refused (FormContextHistory);
   * what the reviewer submitted keeps its full history.
   */
  @Test
  void theFormsContextComesFromTheRecordAndCannotBeSent() {
    EngagementDriver driver = new EngagementDriver(engine);
    String id = driver.submitInquiry(TestClock.TODAY.plusDays(60));
    Task intake = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(EngagementProcess.Elements.REVIEW_INTAKE).singleResult();
    assertThat(engine.getTaskService().getVariablesLocal(intake.getId())).as("nothing copied onto the task").isEmpty();
    assertThat(engine.getFormService().getTaskFormVariables(intake.getId()))
        .containsKeys("engagementId", "modelName", "description", "contactEmail");
    String shown = driver.record(id).description();
    assertThat(engine.getFormService().getTaskFormVariables(intake.getId()).get("description")).isEqualTo(shown);

    // nothing passes for the record: not a form submission sending a shown field's name, not a
    // variable set by hand on the task or (where a completion's variables land) its process
    Map<String, Object> withCopy = new HashMap<>(Map.of("intakeOutcome", IntakeOutcome.ACCEPTED.name(),
        "description", "rewritten by the reviewer"));
    assertThat(org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> engine.getFormService().submitTaskForm(intake.getId(), withCopy)))
        .isInstanceOf(dev.frontierengage.process.InvalidSubmissionException.class)
        .hasMessageContaining("description is shown on the form");
    assertThat(org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> engine.getTaskService().setVariableLocal(intake.getId(), "modelName", "Other")))
        .isInstanceOf(dev.frontierengage.process.InvalidSubmissionException.class);
    assertThat(org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> engine.getRuntimeService().setVariable(intake.getProcessInstanceId(), "accessStart", "2030-01-01")))
        .as("a name a later form shows").isInstanceOf(dev.frontierengage.process.InvalidSubmissionException.class);
    HttpResponse<String> viaRest = new Http(port).postJson("/engine-rest/task/" + intake.getId() + "/submit-form",
        "{\"variables\":{\"intakeOutcome\":{\"value\":\"ACCEPTED\"},"
            + "\"contactEmail\":{\"value\":\"someone@else.example\"}}}", "nsa-intake", "demo");
    assertThat(viaRest.statusCode()).as(viaRest.body()).isEqualTo(400);
    assertThat(viaRest.body()).contains("contactEmail is shown on the form");
    assertThat(engine.getTaskService().createTaskQuery().taskId(intake.getId()).count()).as("still open").isEqualTo(1);
    assertThat(engine.getFormService().getTaskFormVariables(intake.getId()).get("contactEmail"))
        .isEqualTo(driver.record(id).contactEmail());
    assertThat(engine.getRuntimeService().getVariables(intake.getProcessInstanceId())).as("nothing was written")
        .doesNotContainKeys("description", "contactEmail", "modelName", "accessStart");

    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);

    var history = engine.getHistoryService();
    assertThat(history.createHistoricVariableInstanceQuery().taskIdIn(intake.getId()).includeDeleted().list())
        .as("historic variables of the intake task").isEmpty();
    assertThat(history.createHistoricDetailQuery().taskId(intake.getId()).variableUpdates().list())
        .as("historic details of the intake task")
        .noneMatch(detail -> Set.of("engagementId", "modelName", "description", "contactEmail")
            .contains(((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail).getVariableName()));
    String instance = intake.getProcessInstanceId();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName("intakeOutcome")
        .count()).as("the reviewer's answer keeps its history").isEqualTo(1);
    assertThat(history.createHistoricDetailQuery().processInstanceId(instance).variableUpdates().list())
        .as("the reviewer's answer keeps its details")
        .anyMatch(d -> "intakeOutcome".equals(((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName()));
  }


  /** What the group sees of the engagement at {@code taskKey}, through every endpoint family. */
  private Map<String, JsonNode> visit(String id, String group, String taskKey, List<String> problems) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(taskKey).taskCandidateGroup(group).singleResult();
    assertThat(task).as(taskKey + " offered to " + group).isNotNull();
    Map<String, JsonNode> seen = new HashMap<>();
    for (String path : List.of("/engine-rest/task/" + task.getId() + "/variables",
        "/engine-rest/task/" + task.getId() + "/form-variables")) {
      JsonNode variables = get(path, group);
      for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> variable = it.next();
        seen.put(variable.getKey(), variable.getValue().path("value"));
        if (!NEED_TO_KNOW.getOrDefault(variable.getKey(), NOBODY).contains(group)) {
          problems.add(group + " reads " + variable.getKey() + " at " + path);
        }
      }
    }
    // Tasklist's own API (the webapp's session) answers as engine-rest does
    WebappLogin tasklist = new WebappLogin("http://127.0.0.1:" + port);
    assertThat(tasklist.login(group, "demo", "tasklist", true).statusCode()).isEqualTo(200);
    JsonNode viaTasklist = read(tasklist.get("/camunda/api/engine/engine/default/task/" + task.getId()
        + "/form-variables"));
    viaTasklist.fieldNames().forEachRemaining(name -> {
      if (!NEED_TO_KNOW.getOrDefault(name, NOBODY).contains(group)) {
        problems.add(group + " reads " + name + " through Tasklist's API");
      }
    });
    int cockpit = tasklist.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics")
        .statusCode();
    if (cockpit != 401 && cockpit != 403) {
      problems.add(group + " reaches Cockpit's API: " + cockpit);
    }
    // whole instances, their variables and history: nothing, whatever the group's tasks; the
    // variable list holds the variables of the group's own task only
    for (String instance : instances(id)) {
      HttpResponse<String> variables = new Http(port).get("/engine-rest/variable-instance?processInstanceIdIn="
          + instance, group, "demo");
      if (variables.statusCode() == 200) {
        for (JsonNode variable : read(variables)) {
          if (!NEED_TO_KNOW.getOrDefault(variable.get("name").asText(), NOBODY).contains(group)
              || !task.getId().equals(variable.path("taskId").asText(task.getId()))) {
            problems.add(group + " reads " + variable.get("name").asText() + " of task "
                + variable.path("taskId").asText() + " at /engine-rest/variable-instance");
          }
        }
      }
      for (String path : List.of("/engine-rest/process-instance?processInstanceIds=" + instance,
          "/engine-rest/execution?processInstanceId=" + instance,
          "/engine-rest/history/process-instance?processInstanceId=" + instance,
          "/engine-rest/history/activity-instance?processInstanceId=" + instance,
          "/engine-rest/history/variable-instance?processInstanceId=" + instance,
          "/engine-rest/history/detail?processInstanceId=" + instance,
          "/engine-rest/history/task?processInstanceId=" + instance,
          "/engine-rest/history/decision-instance?processInstanceId=" + instance,
          "/engine-rest/history/user-operation?processInstanceId=" + instance,
          "/engine-rest/process-instance/" + instance + "/variables")) {
        HttpResponse<String> response = new Http(port).get(path, group, "demo");
        boolean nothing = response.statusCode() == 403 || response.statusCode() == 404
            || (response.statusCode() == 200 && read(response).isArray() && read(response).isEmpty());
        if (!nothing) {
          problems.add(group + " reads " + path + ": " + response.statusCode() + " "
              + response.body().substring(0, Math.min(200, response.body().length())));
        }
      }
    }
    // the group's task list holds its own tasks only
    for (JsonNode listed : get("/engine-rest/task?processInstanceBusinessKey=" + id, group)) {
      if (!listed.get("taskDefinitionKey").asText().equals(taskKey)) {
        problems.add(group + " lists another group's task " + listed.get("taskDefinitionKey").asText());
      }
    }
    return seen;
  }

  private Task consultation(String id, String office) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(DesignationProcess.Elements.PROVIDE_CONSULTATION).taskCandidateGroup(office)
        .singleResult();
  }

  private List<String> instances(String id) {
    List<String> ids = new ArrayList<>();
    engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(id).list()
        .forEach(instance -> ids.add(instance.getId()));
    return ids;
  }

  private JsonNode get(String path, String user) {
    HttpResponse<String> response = new Http(port).get(path, user, "demo");
    assertThat(response.statusCode()).as(path + " as " + user + ": " + response.body()).isEqualTo(200);
    return read(response);
  }

  private JsonNode admin(String path) {
    HttpResponse<String> response = new Http(port).get(path, "admin", "admin");
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return read(response);
  }

  private static JsonNode read(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new IllegalStateException(response.statusCode() + " " + response.body(), e);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
