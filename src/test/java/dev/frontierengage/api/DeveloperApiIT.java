package dev.frontierengage.api;

import dev.frontierengage.view.Stage;
import dev.frontierengage.TestClock;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.engagement.IntakeOutcome;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.TestDatabase;
import dev.frontierengage.process.Clause;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontierengage.api.ApiClient.Reply;
import dev.frontierengage.engagement.EngagementProcess.Elements;
import dev.frontierengage.engagement.EngagementProcess.Vars;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The developer API over real HTTP: whole lifecycles with the government's steps done by
 * reviewers of the right groups, isolation between organizations, and nothing classified in
 * any response.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeveloperApiIT {

  /** What must never reach a developer: classified or internal names and values. */
  static final List<String> CLASSIFIED = List.of("scoreVulnerabilityDiscovery",
      "scoreExploitDevelopment", "scoreNetworkOperations", "scoreCriticalInfrastructure",
      "scoreAutonomousOperations", "benchmarkSuiteVersion", "cyber-bench", "benchmarkRecordedBy",
      "recommendation", "BORDERLINE", "consultations", "CONCUR", "Reviewed by",
      "decisionRationale", "CLASSIFIED-RATIONALE", "decidedBy", "evaluationFindings",
      "CLASSIFIED-FINDINGS", "Seal\"");

  static final LocalDate TODAY = TestClock.TODAY;
  static final String BASE = "/api/engagements";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.properties("developer-api-it").forEach((key, value) -> registry.add(key, () -> value));
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
    registry.add("server.address", () -> "127.0.0.1");
  }

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  javax.sql.DataSource dataSource;
  @Autowired
  org.springframework.context.ApplicationContext context;
  ApiClient alice;
  ApiClient bob;
  EngagementDriver government;

  @BeforeAll
  static void engineClock() {
    TestClock.start();
  }

  @AfterAll
  static void wallClock() {
    TestClock.reset();
  }

  @BeforeEach
  void setUp() {
    alice = new ApiClient(port, "alice", "demo");
    bob = new ApiClient(port, "bob", "demo");
    government = new EngagementDriver(engine);
  }

  /**
   * A transaction that changes nothing the developer sees (the benchmark, the consultations)
   * does not write the developer's view again; the next that does (the designation decision)
   * does. (Whether such a transaction skips the projection altogether, by
   * {@code EngagementProjection.SHOWN}, or projects and finds the view unchanged, this does not
   * tell: {@code EngagementProjectionTest.onlyATransactionThatMovesAShownActivityProjectsTheEngagement} does.)
   */
  @Test
  void stepsTheDeveloperDoesNotSeeLeaveTheViewAsItWas() {
    String id = alice.post(BASE, inquiry("Wile")).json().get("id").asText();
    government.reviewIntake(id, IntakeOutcome.ACCEPTED);
    java.sql.Timestamp projected = changedAt(id);
    java.time.Instant now = org.camunda.bpm.engine.impl.util.ClockUtil.now().toInstant();
    try {
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(now.plusSeconds(60)));
      government.recordBenchmark(id, 90);
      government.consultAll(id, List.of("national-cyber-director", "apst", "cisa", "dow"));
      assertThat(changedAt(id)).as("projected again by steps the developer does not see").isEqualTo(projected);
      expect(id, "DESIGNATION", "withdrawal");
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(now.plusSeconds(120)));
      government.decideDesignation(id, true);
      assertThat(changedAt(id).toInstant()).isEqualTo(now.plusSeconds(120));
      expect(id, "ACCESS_DECISION", "access-offer", "withdrawal");
    } finally {
      // running on from the last moment set, never back
      org.camunda.bpm.engine.impl.util.ClockUtil.offset(now.plusSeconds(120).toEpochMilli() - System.currentTimeMillis());
    }
  }

  /**
   * Steps the developer's view shows, but that leave it showing the same (each vetting of a
   * partner, the access window's opening: the same stage, the same actions open, lapsing when
   * they did), do not write the view again; the next that changes it (the evaluation, after
   * which the release is open) does.
   */
  @Test
  void stepsThatShowTheSameLeaveTheViewAsItWas() {
    String id = alice.post(BASE, inquiry("Hare")).json().get("id").asText();
    government.reviewIntake(id, IntakeOutcome.ACCEPTED);
    designate(id, true);
    alice.post(BASE + "/" + id + "/access-offer", offer(1, 30, 60));
    government.prepareTerms(id);
    alice.post(BASE + "/" + id + "/access-terms", terms(true));
    assertThat(alice.post(BASE + "/" + id + "/trusted-partners", partners("CISA Lab", "Hospital Alpha")).status())
        .isEqualTo(200);
    JsonNode proposed = expect(id, "ACCESS_WINDOW", "access-window/end", "withdrawal");
    java.sql.Timestamp projected = changedAt(id);
    java.time.Instant now = org.camunda.bpm.engine.impl.util.ClockUtil.now().toInstant();
    try {
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(now.plusSeconds(60)));
      government.vetPartner(id, true, "Vetted");
      assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
          .taskDefinitionKey(dev.frontierengage.partners.PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS)
          .count()).as("the second partner's vetting is open").isOne();
      government.vetPartner(id, true, "Vetted");
      assertThat(changedAt(id)).as("written again by steps that show the same").isEqualTo(projected);
      JsonNode vetted = expect(id, "ACCESS_WINDOW", "access-window/end", "withdrawal");
      assertThat(vetted.get("openActions")).isEqualTo(proposed.get("openActions"));
      assertThat(vetted.get("trustedPartners")).extracting(p -> p.get("status").asText())
          .containsExactly("APPROVED", "APPROVED");
      fire(id, Elements.ACCESS_WINDOW_OPENS);
      assertThat(changedAt(id)).as("written again when the window opens").isEqualTo(projected);
      expect(id, "ACCESS_WINDOW", "access-window/end", "withdrawal");
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(now.plusSeconds(120)));
      government.evaluateModel(id);
      assertThat(changedAt(id).toInstant()).isEqualTo(now.plusSeconds(120));
      expect(id, "AWAITING_RELEASE", "release", "withdrawal");
    } finally {
      // running on from the last moment set, never back
      org.camunda.bpm.engine.impl.util.ClockUtil.offset(now.plusSeconds(120).toEpochMilli() - System.currentTimeMillis());
    }
  }

  /** An engagement deleted by an administrator mid-designation (every open step cancelled) is closed in the view. */
  @Test
  void anEngagementDeletedWhereverItStoodIsClosed() {
    String id = alice.post(BASE, inquiry("Coyote")).json().get("id").asText();
    government.reviewIntake(id, IntakeOutcome.ACCEPTED);
    government.recordBenchmark(id, 90);
    expect(id, "DESIGNATION", "withdrawal");
    String main = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(id)
        .processDefinitionKey("engagement").singleResult().getId();
    engine.getRuntimeService().deleteProcessInstance(main, "deleted by an administrator");
    assertThat(detail(id).get("stage").asText()).isEqualTo("CLOSED");
    assertThat(detail(id).get("openActions")).isEmpty();
  }

  private java.sql.Timestamp changedAt(String id) {
    return new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject(
        "SELECT changed_at FROM fe_engagement WHERE engagement_id = ?", java.sql.Timestamp.class, id);
  }

  /**
   * The inquiry an engagement opens with is in its record, and the engine keeps none of it: the
   * API starts the process with transient values, which the start event's check reads into the
   * record, so neither the engine's variables nor its history ever hold the developer's contact
   * or the model's description.
   */
  @Clause("3(b)(i)")
  @Test
  void theInquiryIsInTheRecordAndNowhereInTheEngine() {
    String id = opened("Quail");
    JsonNode detail = detail(id);
    assertThat(detail.get("modelName").asText()).isEqualTo("Quail");
    assertThat(detail.get("contactEmail").asText()).isEqualTo("security@acme.invalid");
    assertThat(detail.get("plannedPartnerReleaseDate").asText()).isEqualTo(TODAY.plusDays(60).toString());
    String main = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(id)
        .singleResult().getId();
    List<String> inquiry = List.of(Vars.ORGANIZATION, Vars.MODEL_NAME, Vars.MODEL_VERSION, Vars.DESCRIPTION,
        Vars.CONTACT_EMAIL, Vars.PLANNED_PARTNER_RELEASE_DATE);
    assertThat(engine.getRuntimeService().getVariables(main)).isEmpty();
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(main)
        .includeDeleted().list())
        .as("no variable of the inquiry was ever written").extracting(HistoricVariableInstance::getName)
        .doesNotContainAnyElementsOf(inquiry).isNotEmpty(); // the intake task's own are
    assertThat(engine.getHistoryService().createHistoricDetailQuery().variableUpdates().processInstanceId(main).list())
        .as("nor any change of one").extracting(change -> ((HistoricVariableUpdate) change).getVariableName())
        .doesNotContainAnyElementsOf(inquiry);
  }

  @Clause({"3(a) sharing", "3(b)(i)", "3(b)(ii) period", "3(b)(ii) terms", "3(b)(iii)", "3(c)"})
  @Test
  void designatedModelGoesThroughAccessAndPartnersToRelease() {
    Reply opened = alice.post(BASE, inquiry("Roadrunner"));
    assertThat(opened.status()).isEqualTo(201);
    String id = opened.json().get("id").asText();
    assertThat(opened.raw().headers().firstValue("Location")).hasValue(BASE + "/" + id);
    assertThat(opened.json().get("organization").asText()).isEqualTo("acme");
    expect(id, "INTAKE", "withdrawal");
    readAsTheEngine(id, true);
    assertThat(detail(id).get("policyId").asText()).isEqualTo("eo-14409");

    government.reviewIntake(id, IntakeOutcome.ACCEPTED);
    expect(id, "DESIGNATION", "withdrawal");
    assertThat(detail(id).has("assessment")).isFalse();
    designate(id, true);
    JsonNode decided = expect(id, "ACCESS_DECISION", "access-offer", "withdrawal");
    readAsTheEngine(id, true);
    assertThat(decided.get("assessment").get("designated").asBoolean()).isTrue();
    assertThat(decided.get("assessment").get("summary").asText()).contains("meets the covered");
    assertThat(decided.get("assessment").get("sharedAt").asText()).isNotBlank();

    assertThat(alice.post(BASE + "/" + id + "/access-offer", offer(1, 30, 60)).status()).isEqualTo(200);
    expect(id, "ACCESS_TERMS", "withdrawal");
    government.prepareTerms(id);
    expect(id, "ACCESS_TERMS", "access-terms", "withdrawal");
    readAsTheEngine(id, true);
    assertThat(alice.post(BASE + "/" + id + "/access-terms", terms(true)).status()).isEqualTo(200);
    JsonNode window = expect(id, "ACCESS_WINDOW", "trusted-partners", "access-window/end", "withdrawal");
    readAsTheEngine(id, true);
    assertThat(window.get("accessWindow").get("start").asText()).startsWith(TODAY.plusDays(1).toString());
    assertThat(window.get("accessWindow").get("end").asText()).startsWith(TODAY.plusDays(31).toString());

    assertThat(alice.post(BASE + "/" + id + "/trusted-partners", partners("CISA Lab", "Hospital Alpha")).status())
        .isEqualTo(200);
    JsonNode proposed = expect(id, "ACCESS_WINDOW", "access-window/end", "withdrawal");
    assertThat(proposed.get("trustedPartners")).extracting(p -> p.get("status").asText())
        .containsExactly("PROPOSED", "PROPOSED");
    readAsTheEngine(id, true);
    government.vetPartners(id);
    fire(id, Elements.ACCESS_WINDOW_OPENS);
    government.evaluateModel(id);
    expect(id, "AWAITING_RELEASE", "release", "withdrawal");
    readAsTheEngine(id, true);

    // a release dated before the engagement opened (10:00 on TODAY) cannot be its release: refused, nothing changes
    Reply early = alice.post(BASE + "/" + id + "/release", "{\"releasedAt\":\"" + TODAY + "T08:00:00Z\"}");
    assertThat(early.status()).isEqualTo(400);
    assertThat(early.body()).contains("releasedAt is before this engagement was opened");
    expect(id, "AWAITING_RELEASE", "release", "withdrawal");
    Instant releasedAt = org.camunda.bpm.engine.impl.util.ClockUtil.now().toInstant(); // the engine's clock
    assertThat(alice.post(BASE + "/" + id + "/release", "{\"releasedAt\":\"" + releasedAt + "\"}").status())
        .isEqualTo(200);
    JsonNode closed = detail(id);
    readAsTheEngine(id, false);
    assertThat(closed.get("stage").asText()).isEqualTo("CLOSED");
    assertThat(closed.get("status").asText()).isEqualTo("RELEASED_TO_PARTNERS");
    assertThat(Instant.parse(closed.get("releasedAt").asText())).as("as the report said")
        .isEqualTo(releasedAt);
    assertThat(closed.get("openActions")).isEmpty();
    assertThat(closed.get("trustedPartners")).extracting(p -> p.get("name").asText() + ":" + p.get("status").asText())
        .containsExactly("CISA Lab:APPROVED", "Hospital Alpha:APPROVED");
    assertThat(events(closed)).as("each milestone once").filteredOn(event -> event.equals("INQUIRY_SUBMITTED")
        || event.startsWith("RELEASED")).hasSize(2);
    assertThat(events(closed)).containsSubsequence("INQUIRY_SUBMITTED", "INTAKE_REVIEWED",
        "ASSESSMENT_STARTED", "ASSESSMENT_SHARED", "ACCESS_DECISION_MADE", "ACCESS_TERMS_PREPARED",
        "ACCESS_TERMS_ANSWERED", "RELEASE_REPORTED", "RELEASED_TO_PARTNERS");
    assertThat(events(closed)).contains("PARTNERS_PROPOSED", "PARTNERS_VETTED", "PARTNERS_AGREED",
        "ACCESS_WINDOW_OPENED", "ACCESS_WINDOW_CLOSED");
    assertNothingClassifiedLeaked(alice);
  }

  /**
   * The developer view's read of the engagement's processes and timers gives what the engine's
   * own API gives ({@code view.EngineStates}).
   */
  private void readAsTheEngine(String id, boolean running) {
    dev.frontierengage.view.EngineStates.assertReadAsTheEngine(context, engine, id, running);
  }

  @Test
  void modelNotDesignatedIsClosedNotCovered() {
    String id = opened("Small");
    government.reviewIntake(id, IntakeOutcome.ACCEPTED);
    designate(id, false);
    JsonNode closed = detail(id);
    assertThat(closed.get("status").asText()).isEqualTo("NOT_COVERED");
    assertThat(closed.get("assessment").get("designated").asBoolean()).isFalse();
    assertNothingClassifiedLeaked(alice);
  }

  @Test
  void inquiryOutOfScopeIsClosedWithTheReason() {
    String id = opened("Tiny");
    government.reviewIntake(id, IntakeOutcome.OUT_OF_SCOPE);
    JsonNode closed = detail(id);
    assertThat(closed.get("status").asText()).isEqualTo("OUT_OF_SCOPE");
    assertThat(closed.get("intakeNote").asText()).isEqualTo("Which base model?");
  }

  @Test
  void clarificationRoundGoesBackToIntake() {
    String id = opened("Unclear");
    government.reviewIntake(id, IntakeOutcome.CLARIFICATION_NEEDED);
    JsonNode asked = expect(id, "CLARIFICATION", "clarification", "withdrawal");
    assertThat(asked.get("intakeNote").asText()).isEqualTo("Which base model?");
    assertThat(alice.post(BASE + "/" + id + "/clarification", "{\"text\":\"Built on Roadrunner 4.0\"}").status())
        .isEqualTo(200);
    JsonNode back = expect(id, "INTAKE", "withdrawal");
    assertThat(events(back)).containsSubsequence("CLARIFICATION_REQUESTED", "CLARIFICATION_PROVIDED");
  }

  @Test
  void declinedAccessClosesTheEngagement() {
    String id = designatedEngagement();
    assertThat(alice.post(BASE + "/" + id + "/access-offer", "{\"offerAccess\":false}").status()).isEqualTo(200);
    assertThat(detail(id).get("status").asText()).isEqualTo("ACCESS_NOT_OFFERED");
  }

  @Clause("3(b)(iii)")
  @Test
  void rejectedPartnerIsRevisedUntilBothSidesAgree() {
    String id = inAccessWindow();
    alice.post(BASE + "/" + id + "/trusted-partners", partners("CISA Lab", "Hospital Alpha"));
    government.vetPartners(id, "Hospital Alpha");
    JsonNode revise = expect(id, "ACCESS_WINDOW", "trusted-partners", "access-window/end", "withdrawal");
    assertThat(revise.get("trustedPartners")).extracting(p -> p.get("name").asText() + ":"
        + p.get("status").asText() + ":" + p.path("reason").asText())
        .containsExactly("CISA Lab:APPROVED:Vetted", "Hospital Alpha:REJECTED:No vetted contact");
    assertThat(alice.post(BASE + "/" + id + "/trusted-partners", partners("Hospital Beta")).status()).isEqualTo(200);
    government.vetPartners(id);
    assertThat(detail(id).get("trustedPartners")).extracting(p -> p.get("name").asText() + ":" + p.get("status").asText())
        .contains("CISA Lab:APPROVED", "Hospital Beta:APPROVED");
  }

  @Test
  void partnersWhoseNamesLookTheSameOrShowNothingAreRefused() {
    String id = inAccessWindow();
    String path = BASE + "/" + id + "/trusted-partners";
    Reply invisible = check(alice.post(path, "{\"partners\":[{\"name\":\"\\u200b\",\"category\":\"FEDERAL_AGENCY\","
        + "\"contactEmail\":\"a@b.invalid\"}]}"), 400);
    assertThat(invisible.body()).contains("visible");
    Reply lookAlike = check(alice.post(path, partners("Caf\u00e9 Lab", "Cafe\u0301 Lab")), 400);
    assertThat(lookAlike.body()).contains("already proposed");
    check(alice.post(path, partners("Acme Lab", "Acme\u00a0Lab")), 400);
    Reply override = check(alice.post(path, "{\"partners\":[{\"name\":\"Acme\\u202eLab\",\"category\":\"FEDERAL_AGENCY\","
        + "\"contactEmail\":\"a@b.invalid\"}]}"), 400);
    check(alice.post(path, "{\"partners\":[{\"name\":\"Grid\",\"category\":\"CRITICAL_INFRASTRUCTURE\","
        + "\"sector\":\"energy\\u200b\",\"contactEmail\":\"a@b.invalid\"}]}"), 400);
    assertThat(override.body()).as("a direction override").containsAnyOf("invisible formatting", "direction override");
    assertThat(detail(id).get("trustedPartners")).as("nothing proposed").isEmpty();
    assertThat(alice.post(path, partners("Caf\u00e9 Lab", "Acme Lab")).status()).isEqualTo(200);
  }

  @Test
  void developerEndsGovernmentAccessEarly() {
    String id = inAccessWindow();
    fire(id, Elements.ACCESS_WINDOW_OPENS);
    JsonNode open = detail(id).get("accessWindow");
    assertThat(open.has("closedAt") || open.has("closedBy")).as("open: not closed").isFalse();
    // an empty body or {}: the JSON value null is neither (Jackson read it as no body)
    for (String body : List.of("null", " null\n", "[]", "\"x\"")) {
      Reply refused = check(alice.post(BASE + "/" + id + "/access-window/end", body), 400);
      assertThat(refused.body()).as(body).doesNotContain("Exception");
    }
    assertThat(check(alice.post(BASE + "/" + id + "/access-window/end", "null"), 400).json().get("detail").asText())
        .contains("JSON value null");
    JsonNode stillOpen = expect(id, "ACCESS_WINDOW", "trusted-partners", "access-window/end", "withdrawal");
    assertThat(stillOpen.get("accessWindow").has("closedAt")).as("not ended by a refused request").isFalse();
    assertThat(alice.post(BASE + "/" + id + "/access-window/end", "").status()).isEqualTo(200);
    JsonNode after = expect(id, "ACCESS_WINDOW", "trusted-partners", "withdrawal");
    assertThat(events(after)).contains("ACCESS_WINDOW_CLOSED");
    JsonNode closed = after.get("accessWindow");
    assertThat(closed.get("closedBy").asText()).isEqualTo("DEVELOPER");
    assertThat(Instant.parse(closed.get("closedAt").asText())).as("ended before the agreed end")
        .isBefore(Instant.parse(closed.get("end").asText()));
    assertThat(closed.get("end")).as("the agreed end is kept").isEqualTo(open.get("end"));
  }

  /**
   * An engagement an administrator suspended in Cockpit: the developer's steps wait, with a 409
   * that says so (it said the step was not open, naming it among the open ones), and change
   * nothing; withdrawing is open at any stage (Sec. 3(c)), so it resumes the engagement, and a
   * running partner selection with it, to withdraw.
   */
  @Clause("3(c)")
  @Test
  void aSuspendedEngagementCanBeWithdrawnAndTakesNoOtherStep() {
    String designated = designatedEngagement();
    suspend(designated);
    Reply offer = check(alice.post(BASE + "/" + designated + "/access-offer", offer(1, 30, 60)), 409);
    assertThat(offer.json().get("title").asText()).isEqualTo("On hold");
    assertThat(offer.json().get("detail").asText()).contains("on hold", "withdraw");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(designated)
        .suspended().count()).as("still suspended").isOne();
    expect(designated, "ACCESS_DECISION", "access-offer", "withdrawal");
    Reply withdrawn = alice.post(BASE + "/" + designated + "/withdrawal", "{\"reason\":\"Keeping the model internal\"}");
    assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
    assertThat(withdrawn.json().get("status").asText()).isEqualTo("WITHDRAWN");

    String inWindow = inAccessWindow();
    assertThat(suspend(inWindow)).as("the engagement and its partner selection").isEqualTo(2);
    assertThat(check(alice.post(BASE + "/" + inWindow + "/access-window/end", ""), 409).json().get("title").asText())
        .isEqualTo("On hold");
    assertThat(alice.post(BASE + "/" + inWindow + "/withdrawal", "{\"reason\":\"Keeping the model internal\"}")
        .status()).isEqualTo(200);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(inWindow).count())
        .as("nothing left running").isZero();
    assertThat(detail(inWindow).get("status").asText()).isEqualTo("WITHDRAWN");
  }

  /** With the engagement process suspended by an administrator, opening one is a 503 that opens nothing (it was a 500). */
  @Test
  void noEngagementOpensWhileTheProcessIsSuspended() {
    long before = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("engagement").count();
    engine.getRepositoryService().suspendProcessDefinitionByKey("engagement");
    try {
      Reply refused = check(alice.post(BASE, inquiry("Wile"), "application/json", "suspended-" + before), 503);
      assertThat(refused.json().get("title").asText()).isEqualTo("Not accepting engagements");
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("engagement").count())
          .isEqualTo(before);
    } finally {
      engine.getRepositoryService().activateProcessDefinitionByKey("engagement");
    }
    assertThat(alice.post(BASE, inquiry("Wile"), "application/json", "suspended-" + before).status())
        .as("the key was not kept").isEqualTo(201);
  }

  /** A reviewer's step on a suspended engagement, over engine-rest: a 409 that says so (completing was a 500, claiming a 400). */
  @Test
  void aReviewersStepOnASuspendedEngagementIsAConflict() {
    String id = alice.post(BASE, inquiry("Wile")).json().get("id").asText();
    suspend(id);
    var task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id).singleResult();
    ApiClient intake = new ApiClient(port, "nsa-intake", "demo");
    Reply completed = intake.post("/engine-rest/task/" + task.getId() + "/complete",
        "{\"variables\":{\"intakeOutcome\":{\"value\":\"ACCEPTED\"}}}");
    Reply claimed = intake.post("/engine-rest/task/" + task.getId() + "/claim", "{\"userId\":\"nsa-intake\"}");
    for (Reply reply : List.of(completed, claimed)) {
      assertThat(reply.status()).as(reply.body()).isEqualTo(409);
      assertThat(reply.body()).contains("suspended by an administrator");
    }
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
  }

  /**
   * An administrator deleted an engagement's process with "skip custom listeners": no listener
   * closed its view, which still showed its actions open, and every action (withdrawal included)
   * was a 409 "Changed meanwhile" for good. The first action that finds no process makes the view
   * again from the engine: closed, nothing open.
   */
  @Test
  void anEngagementDeletedWithoutItsListenersClosesAtTheNextAction() {
    String id = designatedEngagement();
    String instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(id)
        .singleResult().getId();
    engine.getRuntimeService().deleteProcessInstance(instance, "by hand", true);
    expect(id, "ACCESS_DECISION", "access-offer", "withdrawal");
    Reply withdrawn = check(alice.post(BASE + "/" + id + "/withdrawal", "{\"reason\":\"Keeping the model internal\"}"), 409);
    assertThat(withdrawn.json().get("title").asText()).isEqualTo("Action not open");
    assertThat(withdrawn.json().get("openActions")).isEmpty();
    JsonNode closed = expect(id, "CLOSED");
    assertThat(closed.get("status").asText()).isEqualTo("CLOSED");

    // moved on by hand without its listeners: the view showed the access offer while the process
    // waited for counsel's terms
    String moved = designatedEngagement();
    String running = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(moved)
        .singleResult().getId();
    engine.getRuntimeService().createProcessInstanceModification(running).cancelAllForActivity(Elements.DECIDE_ACCESS_OFFER)
        .startBeforeActivity(Elements.PREPARE_ACCESS_TERMS).execute(true, true);
    expect(moved, "ACCESS_DECISION", "access-offer", "withdrawal");
    Reply offered = check(alice.post(BASE + "/" + moved + "/access-offer", offer(1, 30, 60)), 409);
    assertThat(offered.json().get("title").asText()).isEqualTo("Action not open");
    expect(moved, "ACCESS_TERMS", "withdrawal");
  }

  /** Suspends every process instance of the engagement, as an administrator does in Cockpit; how many. */
  private int suspend(String id) {
    var instances = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(id).list();
    instances.forEach(instance -> engine.getRuntimeService().suspendProcessInstanceById(instance.getId()));
    return instances.size();
  }

  /**
   * The same step sent many times at once: one takes it, and each other is a 409 that never names
   * it among the steps still open (a request that read the view before the first committed found
   * the task gone, and said the step was not open while listing it as open).
   */
  @Test
  void theSameStepAtTheSameMomentIsTakenOnceAndTheOthersSayWhy() throws Exception {
    for (int round = 0; round < 3; round++) {
      String id = designatedEngagement();
      java.util.Queue<Reply> refused = new java.util.concurrent.ConcurrentLinkedQueue<>();
      long taken = dev.frontierengage.SameMoment.taken(8, i -> () -> {
        Reply reply = alice.post(BASE + "/" + id + "/access-offer", offer(1, 30, 60));
        if (reply.status() != 200) {
          refused.add(reply);
        }
        return reply.status() == 200;
      });
      assertThat(taken).isOne();
      assertThat(refused).hasSize(7).allSatisfy(reply -> {
        assertThat(reply.status()).as(reply.body()).isEqualTo(409);
        assertThat(reply.json().path("openActions")).extracting(JsonNode::asText).as(reply.body())
            .doesNotContain("access-offer");
      });
    }
  }

  /**
   * A developer's step and a reviewer's at the same moment on one engagement (withdrawing while
   * CISA vets a partner; the evaluation's findings while CISA vets): each is taken or a 409, never
   * a 500, and the view is what the engine says. On PostgreSQL the two transactions took the
   * engagement's row and the engine's rows in opposite orders (a listener's update of the record
   * before the engine's flush, the view's lock of the record after it), and the server broke the
   * deadlock by failing one of them: a 500 to the developer and to engine-rest, whose answer
   * quoted the SQL statement and the server's process ids.
   */
  @Test
  void aDevelopersStepAndAReviewersAtTheSameMomentAreEachTakenOrAConflict() throws Exception {
    for (int round = 0; round < 16; round++) {
      String id = inAccessWindow();
      fire(id, Elements.ACCESS_WINDOW_OPENS);
      assertThat(alice.post(BASE + "/" + id + "/trusted-partners", partners("CISA Lab")).status()).isEqualTo(200);
      List<java.util.function.Supplier<Reply>> sides = round % 2 == 0
          ? List.of(() -> new ApiClient(port, "alice", "demo").post(BASE + "/" + id + "/withdrawal",
              "{\"reason\":\"Keeping the model internal\"}"), () -> vetOverEngineRest(id))
          : List.of(() -> evaluateOverEngineRest(id), () -> vetOverEngineRest(id));
      java.util.Queue<Reply> replies = new java.util.concurrent.ConcurrentLinkedQueue<>();
      long taken = dev.frontierengage.SameMoment.taken(2, i -> () -> {
        Reply reply = sides.get(i).get();
        replies.add(reply);
        return reply.status() < 300;
      });
      assertThat(taken).as("round %d: %s", round, replies).isPositive();
      assertThat(replies).allSatisfy(reply -> {
        assertThat(reply.status()).as(reply.body()).isIn(200, 204, 409);
        assertThat(reply.body()).doesNotContain("SQL", "deadlock", "Exception:");
      });
      JsonNode seen = detail(id);
      new org.springframework.transaction.support.TransactionTemplate(
          context.getBean(org.springframework.transaction.PlatformTransactionManager.class))
          .executeWithoutResult(status -> context.getBean(dev.frontierengage.view.EngagementProjection.class)
              .refresh(id, null));
      JsonNode fromTheEngine = detail(id);
      assertThat(List.of(seen.get("stage"), seen.path("status"), seen.get("openActions")))
          .as("the view after the race, and made again from the engine")
          .isEqualTo(List.of(fromTheEngine.get("stage"), fromTheEngine.path("status"), fromTheEngine.get("openActions")));
    }
  }

  /**
   * The audit tells of a reviewer's completion once its transaction has committed: a completion
   * whose transaction rolled back (here the caller's, marked for rollback after the completion had
   * run its listeners, as a conflict or a failed flush would roll it back) left a "decision" line
   * for an intake review that never happened. It leaves none now, and the same review committed
   * leaves one.
   */
  @Test
  void aReviewersCompletionThatRollsBackLeavesNoAuditLine() {
    String id = alice.post(BASE, inquiry("Audited")).json().get("id").asText();
    String taskId = government.task(id, Elements.REVIEW_INTAKE).getId();
    var audit = new dev.frontierengage.identity.AuditCapture();
    new org.springframework.transaction.support.TransactionTemplate(
        context.getBean(org.springframework.transaction.PlatformTransactionManager.class))
        .executeWithoutResult(status -> {
          government.reviewIntake(id, IntakeOutcome.ACCEPTED);
          status.setRollbackOnly();
        });
    assertThat(government.task(id, Elements.REVIEW_INTAKE).getId()).as("rolled back: the review still open")
        .isEqualTo(taskId);
    assertThat(audit.lines()).noneMatch(line -> line.contains(taskId));

    government.reviewIntake(id, IntakeOutcome.ACCEPTED);
    assertThat(audit.lines("decision")).filteredOn(line -> line.contains(taskId)).singleElement()
        .satisfies(line -> assertThat(line).contains("\"actor\":\"nsa-intake\"", "\"engagement\":\"" + id + "\"",
            "\"intakeOutcome\":\"ACCEPTED\""));
  }

  /**
   * A timer's job that the database rolls back for a lock another transaction holds keeps its
   * retries and fires once that transaction has ended ({@code process/LockConflictRetries}):
   * counted as failures, three such losses used up the timer's retries and raised an incident,
   * which left the wait without its bound. A real conflict, as a reviewer's step whose listener
   * updates the engagement's row before the engine flushes would meet the timer: this test's
   * transaction holds the engagement's row, which the timer's transaction, having flushed (its
   * job's row deleted), waits for as its view locks it before commit; on PostgreSQL this
   * transaction then asks for the job's row, and the server breaks the deadlock by rolling the
   * timer's transaction back (this transaction waits longer before it looks for deadlocks, so it
   * is not the one); on H2 the timer's wait times out.
   */
  @Test
  void aTimersJobThatLosesToAnotherTransactionsLockKeepsItsRetriesAndFiresOnceTheLockIsGone() throws Exception {
    String id = inAccessWindow();
    Job timer = government.timer(id, Elements.ACCESS_WINDOW_OPENS);
    int retries = timer.getRetries();
    assertThat(retries).isPositive();
    var runner = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      for (int loss = 1; loss <= retries; loss++) {
        Throwable failure = loseTheRowTo(timer.getId(), id, runner);
        assertThat(failure).as("loss %d: the timer's transaction rolled back", loss).isNotNull();
        assertThat(dev.frontierengage.process.EngineRefusal.lockConflict(failure)).as("loss %d: %s", loss, failure)
            .isTrue();
        Job after = engine.getManagementService().createJobQuery().jobId(timer.getId()).singleResult();
        assertThat(after).as("loss %d: the timer's job is still there", loss).isNotNull();
        assertThat(after.getRetries()).as("loss %d: retries", loss).isEqualTo(retries);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(timer.getProcessInstanceId())
            .count()).as("loss %d: incidents", loss).isZero();
      }
    } finally {
      runner.shutdownNow();
    }
    engine.getManagementService().executeJob(timer.getId());
    assertThat(engine.getManagementService().createJobQuery().jobId(timer.getId()).count()).isZero();
    assertThat(government.task(id, Elements.EVALUATE_MODEL)).as("the window opened: evaluation").isNotNull();
  }

  /**
   * Runs the timer's job while another transaction holds the engagement's row (and, on
   * PostgreSQL, asks for the job's row once the job waits for the engagement's): what the job's
   * run threw, or null if it went through.
   */
  private Throwable loseTheRowTo(String jobId, String id, java.util.concurrent.ExecutorService runner)
      throws Exception {
    // the server's activity is read on a connection of its own: within a transaction,
    // PostgreSQL shows the same snapshot of it each time
    try (java.sql.Connection other = dataSource.getConnection(); java.sql.Connection observer = dataSource.getConnection()) {
      other.setAutoCommit(false);
      try (java.sql.Statement statement = other.createStatement(); java.sql.Statement watch = observer.createStatement()) {
        if (TestDatabase.postgres()) {
          statement.execute("SET LOCAL deadlock_timeout = '60s'");
        }
        try (var locked = statement.executeQuery(
            "SELECT engagement_id FROM fe_engagement WHERE engagement_id = '" + id + "' FOR UPDATE")) {
          assertThat(locked.next()).as("the engagement's row").isTrue();
        }
        var fired = runner.submit(() -> {
          try {
            engine.getManagementService().executeJob(jobId);
            return (Throwable) null;
          } catch (RuntimeException failure) {
            return failure;
          }
        });
        if (TestDatabase.postgres()) {
          Instant deadline = Instant.now().plusSeconds(30);
          while (!waitsOnALock(watch)) {
            assertThat(fired.isDone()).as("the timer's job waits for the engagement's row").isFalse();
            assertThat(Instant.now()).as("the timer's job waiting for the row, within 30 s").isBefore(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000); // polls the server, bounded
          }
          try (var job = statement.executeQuery("SELECT id_ FROM act_ru_job WHERE id_ = '" + jobId + "' FOR UPDATE")) {
            assertThat(job.next()).as("the job's row, once the timer's transaction is rolled back").isTrue();
          }
        }
        // on H2 once the timer's wait has timed out; ended before the job's failure is recorded,
        // which on PostgreSQL waits for the job's row this transaction now holds
        if (!TestDatabase.postgres()) {
          fired.get(1, java.util.concurrent.TimeUnit.MINUTES);
        }
        other.rollback();
        return fired.get(1, java.util.concurrent.TimeUnit.MINUTES);
      }
    }
  }

  /** Whether another session of this test's database waits for a lock. */
  private static boolean waitsOnALock(java.sql.Statement statement) throws java.sql.SQLException {
    try (var rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        + " AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query LIKE '%fe_engagement%'")) {
      rows.next();
      return rows.getInt(1) > 0;
    }
  }

  private Reply vetOverEngineRest(String id) {
    var task = government.task(id, dev.frontierengage.partners.PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS);
    return new ApiClient(port, "cisa", "demo").post("/engine-rest/task/" + task.getId() + "/complete",
        "{\"variables\":{\"partnerApproved\":{\"value\":true},\"vettingReason\":{\"value\":\"Vetted\"}}}");
  }

  private Reply evaluateOverEngineRest(String id) {
    var task = government.task(id, Elements.EVALUATE_MODEL);
    return new ApiClient(port, "nsa-evaluation", "demo").post("/engine-rest/task/" + task.getId() + "/complete",
        "{\"variables\":{\"evaluationFindings\":{\"value\":\"CLASSIFIED-FINDINGS\"}}}");
  }

  @Clause("3(c)")
  @ParameterizedTest(name = "withdrawn at {0}")
  @EnumSource(value = Stage.class, names = "CLOSED", mode = EnumSource.Mode.EXCLUDE)
  void developerWithdrawsAtEveryStage(Stage stage) {
    String id = driveTo(stage);
    assertThat(detail(id).get("stage").asText()).isEqualTo(stage.name());
    Reply withdrawn = alice.post(BASE + "/" + id + "/withdrawal", "{\"reason\":\"Keeping the model internal\"}");
    assertThat(withdrawn.status()).isEqualTo(200);
    assertThat(withdrawn.json().get("status").asText()).isEqualTo("WITHDRAWN");
    if (stage == Stage.ACCESS_WINDOW) {
      JsonNode window = withdrawn.json().get("accessWindow");
      assertThat(window.get("closedBy").asText()).as("withdrawing ends government access").isEqualTo("WITHDRAWN");
      assertThat(Instant.parse(window.get("closedAt").asText())).as("not yet begun: closed at its start")
          .isEqualTo(Instant.parse(window.get("start").asText()));
    }
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
    Reply again = alice.post(BASE + "/" + id + "/withdrawal", "{\"reason\":\"again\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("openActions")).isEmpty();
  }

  @Test
  void anotherOrganizationSeesNothingAndCanDoNothing() {
    String id = opened("Secret");
    Reply unknown = bob.get(BASE + "/" + UUID.randomUUID());
    Reply foreign = bob.get(BASE + "/" + id);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(foreign.json().get("title")).isEqualTo(unknown.json().get("title"));
    assertThat(foreign.body()).doesNotContain("Secret", "acme");
    for (String action : List.of("clarification", "access-offer", "access-terms", "trusted-partners",
        "access-window/end", "release", "withdrawal")) {
      assertThat(bob.post(BASE + "/" + id + "/" + action, "{}").status()).as(action).isIn(400, 404);
    }
    assertThat(bob.post(BASE + "/" + id + "/withdrawal", "{\"reason\":\"x\"}").status()).isEqualTo(404);
    assertThat(bob.post(BASE + "/" + id + "/access-window/end", "").status()).isEqualTo(404);
    assertThat(detail(id).get("stage").asText()).isEqualTo("INTAKE");
    JsonNode bobsList = bob.get(BASE).json();
    assertThat(bobsList.get("items")).noneMatch(item -> item.get("id").asText().equals(id));
    assertThat(alice.get(BASE + "?size=100").json().get("items"))
        .anyMatch(item -> item.get("id").asText().equals(id));
  }

  @Test
  void listIsNewestFirstAndPaged() {
    String first = opened("First");
    String second = opened("Second");
    JsonNode page = alice.get(BASE + "?page=0&size=2").json();
    assertThat(page.get("items")).extracting(item -> item.get("id").asText()).containsExactly(second, first);
    assertThat(page.get("size").asInt()).isEqualTo(2);
    assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(alice.get(BASE + "?size=1000").status()).isEqualTo(400);
    assertThat(alice.get(BASE + "?page=-1").status()).isEqualTo(400);
    // read as strictly as a body: decimal numbers, a stage by its name
    for (String query : List.of("?page=0x10", "?size=%2310", "?size=1e1", "?stage=", "?stage=intake", "?page=",
        "?size=", "?page=&size=2", "?size=%20")) {
      Reply refused = check(alice.get(BASE + query), 400);
      assertThat(refused.body()).as(query).contains("cannot take the value");
    }
    // a number past any bound is refused by the bound, not as "not a number"; a parameter given
    // twice is named as such (the answer named a Java array)
    for (String query : List.of("?page=2147483647", "?page=99999999999999999999", "?size=-99999999999")) {
      Reply refused = check(alice.get(BASE + query), 400);
      assertThat(refused.body()).as(query).doesNotContain("cannot take the value").containsAnyOf("must be");
    }
    // a parameter the container cannot decode was dropped, and the list went out unfiltered
    for (String query : List.of("?stage=%zz", "?stage=INTAKE&size=%", "?page=%4")) {
      String refused = raw("GET", BASE + query, "Accept", "application/json".getBytes(StandardCharsets.US_ASCII), null);
      assertThat(refused).as(query).startsWith("HTTP/1.1 400").contains("application/problem+json")
          .contains("not followed by two hexadecimal digits");
    }
    Reply twice = check(alice.get(BASE + "?stage=INTAKE&stage=CLOSED"), 400);
    assertThat(twice.body()).contains("given 2 times").doesNotContain("[Ljava");
  }

  /**
   * The list finds engagements through fe_engagement: one started by any client (here the
   * engine directly, as Tasklist's start form does) is in it; one opened before the index existed
   * is brought in by the backfill changeset, run again here.
   */
  @Test
  void listIncludesEngagementsEveryClientStarted() {
    String id = "tasklist-" + UUID.randomUUID();
    engine.getRuntimeService().startProcessInstanceByKey(EngagementProcess.PROCESS_ID, id,
        Map.of(Vars.ORGANIZATION, "acme", Vars.MODEL_NAME, "Started in Tasklist", Vars.MODEL_VERSION, "1",
            Vars.DESCRIPTION, "A frontier model", Vars.CONTACT_EMAIL, "security@acme.invalid"));
    assertThat(alice.get(BASE + "?size=100").json().get("items")).anyMatch(item -> item.get("id").asText().equals(id));
    assertThat(bob.get(BASE + "?size=100").json().get("items")).noneMatch(item -> item.get("id").asText().equals(id));
    assertThat(detail(id).get("stage").asText()).isEqualTo("INTAKE");
  }

  /**
   * The list shows what each engagement waits for from the developer and by when, and filters by
   * stage; the detail's timeline carries the outcomes. All of it is kept on write.
   */
  @Test
  void theListShowsOpenActionsWithTheirDeadlinesAndFiltersByStage() {
    String asked = opened("Asked");
    government.reviewIntake(asked, IntakeOutcome.CLARIFICATION_NEEDED);
    String waiting = opened("Waiting");

    JsonNode clarifying = alice.get(BASE + "?stage=CLARIFICATION&size=100").json();
    assertThat(clarifying.get("items")).extracting(item -> item.get("id").asText()).contains(asked)
        .doesNotContain(waiting);
    assertThat(clarifying.get("items")).allMatch(item -> item.get("stage").asText().equals("CLARIFICATION"));
    assertThat(clarifying.get("total").asLong()).isEqualTo(clarifying.get("items").size());
    JsonNode item = StreamSupport.stream(clarifying.get("items").spliterator(), false)
        .filter(entry -> entry.get("id").asText().equals(asked)).findFirst().orElseThrow();
    assertThat(item.get("openActions")).extracting(JsonNode::asText).containsExactly("clarification", "withdrawal");
    // the clarification lapses after the policy's 30 days, from the moment intake asked
    assertThat(java.time.Instant.parse(item.get("deadlines").get("clarification").asText()))
        .isBetween(TestClock.START.plus(java.time.Duration.ofDays(30)),
            TestClock.START.plus(java.time.Duration.ofDays(31)));
    assertThat(detail(asked).get("deadlines").get("clarification").asText())
        .isEqualTo(item.get("deadlines").get("clarification").asText());
    assertThat(alice.get(BASE + "?stage=INTAKE&size=100").json().get("items"))
        .extracting(entry -> entry.get("id").asText()).contains(waiting).doesNotContain(asked);

    Reply unknown = alice.get(BASE + "?stage=SOMEWHERE");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(unknown.raw().body()).contains("stage", "INTAKE", "CLARIFICATION");
  }

  @Test
  void theTimelineRecordsOutcomesWithTheirReasons() {
    String declined = designatedEngagement();
    alice.post(BASE + "/" + declined + "/access-offer", "{\"offerAccess\":false}");
    assertThat(events(detail(declined))).containsSubsequence("ACCESS_DECLINED", "ACCESS_DECISION_MADE",
        "ACCESS_NOT_OFFERED");

    String id = inAccessWindow();
    JsonNode offered = StreamSupport.stream(detail(id).get("timeline").spliterator(), false)
        .filter(event -> event.get("event").asText().equals("ACCESS_OFFERED")).findFirst().orElseThrow();
    assertThat(offered.get("detail").asText()).contains("30 days from " + TODAY.plusDays(1));
    assertThat(detail(id).get("accessTermsReference").asText()).isEqualTo("TERMS-2026-0042");
    assertThat(events(detail(id))).contains("ACCESS_TERMS_ACCEPTED");
    alice.post(BASE + "/" + id + "/trusted-partners", partners("CISA Lab", "Hospital Alpha"));
    government.vetPartners(id, "Hospital Alpha");
    assertThat(detail(id).get("timeline")).anySatisfy(event -> {
      assertThat(event.get("event").asText()).isEqualTo("PARTNER_REJECTED");
      assertThat(event.path("detail").asText()).isEqualTo("Hospital Alpha: No vetted contact");
    });
    assertThat(detail(id).get("timeline")).anySatisfy(event -> assertThat(event.get("event").asText() + " "
        + event.path("detail").asText()).isEqualTo("PARTNER_APPROVED CISA Lab: Vetted"));
  }

  @Test
  void sameIdempotencyKeyAndBodyReturnTheSameEngagement() {
    String key = UUID.randomUUID().toString();
    String body = inquiry("Idempotent");
    Reply first = alice.post(BASE, body, "application/json", key);
    Reply again = alice.post(BASE, body, "application/json", key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    String id = first.json().get("id").asText();
    assertThat(again.json().get("id").asText()).isEqualTo(id);
    assertThat(new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject(
        "SELECT COUNT(*) FROM fe_engagement WHERE model_name = 'Idempotent'", Long.class)).isOne();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(EngagementProcess.PROCESS_ID).processInstanceBusinessKey(id).count()).isOne();
    Reply other = alice.post(BASE, inquiry("Different"), "application/json", key);
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.json().get("detail").asText()).contains("Idempotency-Key");
  }

  /** Two Idempotency-Key headers are refused, not joined into one key "a,b" (a key may hold a comma). */
  @Test
  void twoIdempotencyKeysAreRefused() {
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    Reply twice = check(alice.postWithKeys(BASE, inquiry("TwoKeys"), List.of(a, b)), 400);
    assertThat(twice.json().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
    assertThat(twice.json().get("detail").asText()).contains("given 2 times");
    assertThat(new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject(
        "SELECT COUNT(*) FROM fe_engagement WHERE model_name = 'TwoKeys'", Long.class)).as("nothing opened").isZero();
    assertThat(new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject(
        "SELECT COUNT(*) FROM fe_idempotency_key WHERE idem_key IN (?, ?, ?)", Long.class, a, b, a + "," + b))
        .as("no key kept").isZero();
    Reply comma = alice.post(BASE, inquiry("TwoKeys"), "application/json", a + "," + b);
    assertThat(comma.status()).as("one key with a comma: " + comma.body()).isEqualTo(201);
  }

  @Test
  void actionsThatAreNotOpenAreRefusedNamingWhatIsOpen() {
    String id = opened("Early");
    Reply early = alice.post(BASE + "/" + id + "/access-offer", offer(1, 10, 60));
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.contentType()).startsWith("application/problem+json");
    assertThat(early.json().get("openActions")).extracting(JsonNode::asText).containsExactly("withdrawal");
  }

  @Clause("3(b)(ii) period")
  @Test
  void accessOfferBreakingTheRulesIs422WithTheRuleAndChangesNothing() {
    String id = designatedEngagement();
    Reply overCap = alice.post(BASE + "/" + id + "/access-offer", offer(1, 31, 90));
    assertThat(overCap.status()).isEqualTo(422);
    assertThat(overCap.json().get("detail").asText()).contains("exceeds the cap of 30 calendar days");
    Reply afterRelease = alice.post(BASE + "/" + id + "/access-offer", offer(10, 30, 20));
    assertThat(afterRelease.status()).isEqualTo(422);
    assertThat(afterRelease.json().get("violations").get(0).asText()).contains("after the planned partner release");
    Reply past = alice.post(BASE + "/" + id + "/access-offer", offer(-1, 10, 60));
    assertThat(past.status()).isEqualTo(422);
    assertThat(past.json().get("detail").asText()).contains("in the past");
    expect(id, "ACCESS_DECISION", "access-offer", "withdrawal");
  }

  /**
   * A model's name and version are read inside other texts (a reviewer's task name, an e-mail's
   * subject, a log line): one line each, nothing invisible. A line break in the name started a
   * forged line of the log; a direction override showed reviewers another name than the stored
   * one. The description may run over lines, but takes no control character and no direction
   * override either. Each is a 400 that opens nothing.
   */
  @Test
  void theInquirysTextsReadAsTheyAreStored() {
    String marker = "Texts-" + System.nanoTime();
    String tail = "\",\"contactEmail\":\"a@b.invalid\",\"plannedPartnerReleaseDate\":\"" + TODAY.plusDays(60) + "\"}";
    Map<String, String> refused = Map.of(
        "a line break in the name", "{\"modelName\":\"" + marker + "\\n2026-12-06 INFO forged\",\"modelVersion\":\"1\",\"description\":\"d" + tail,
        "a direction override in the name", "{\"modelName\":\"" + marker + "\\u202e1.4\",\"modelVersion\":\"1\",\"description\":\"d" + tail,
        "a zero-width space in the version", "{\"modelName\":\"" + marker + "\",\"modelVersion\":\"4\\u200b1\",\"description\":\"d" + tail,
        "a tab in the version", "{\"modelName\":\"" + marker + "\",\"modelVersion\":\"4\\t1\",\"description\":\"d" + tail,
        "a direction isolate in the description", "{\"modelName\":\"" + marker + "\",\"modelVersion\":\"1\",\"description\":\"a\\u2066b" + tail,
        "a bell in the description", "{\"modelName\":\"" + marker + "\",\"modelVersion\":\"1\",\"description\":\"a\\u0007b" + tail);
    refused.forEach((what, body) -> {
      Reply reply = check(alice.post(BASE, body), 400);
      assertThat(reply.body()).as(what).containsAnyOf("one line", "control character");
    });
    assertThat(alice.get(BASE + "?size=100").json().get("items")).extracting(e -> e.get("modelName").asText())
        .as("nothing opened").noneMatch(name -> name.startsWith(marker));
    // a line separator in the name; a direction override in any other text of a request
    check(alice.post(BASE, "{\"modelName\":\"" + marker + "\\u2028x\",\"modelVersion\":\"1\",\"description\":\"d" + tail), 400);
    String designated = designatedEngagement();
    Reply reason = check(alice.post(BASE + "/" + designated + "/withdrawal", "{\"reason\":\"we \\u202eleave\"}"), 400);
    assertThat(reason.body()).contains("direction override");
    expect(designated, "ACCESS_DECISION", "access-offer", "withdrawal");
    Reply lines = alice.post(BASE, "{\"modelName\":\"" + marker + "\",\"modelVersion\":\"1\",\"description\":"
        + "\"First line.\\nSecond line,\\ttabbed.\\r\\nThird, \u05e2\u05d1\u05e8\u05d9\u05ea." + tail);
    assertThat(lines.status()).as("lines, a tab and right-to-left text: " + lines.body()).isEqualTo(201);
  }

  /**
   * A required text must show at least one visible character: a name, version, description,
   * answer, reason or partner of nothing but invisible or blank characters (a Hangul filler, a
   * blank Braille pattern, a zero-width space; a model so named and versioned gave reviewers the
   * task "Review intake:   (acme)") is a 400 naming the field, and changes nothing; text in other
   * scripts, with accents or emoji, passes.
   */
  @Test
  void textsThatShowNothingAreRefusedAndChangeNothing() {
    String tail = "\"contactEmail\":\"a@b.invalid\",\"plannedPartnerReleaseDate\":\"" + TODAY.plusDays(60) + "\"}";
    long opened = alice.get(BASE).json().get("total").asLong();
    Reply inquiry = check(alice.post(BASE, "{\"modelName\":\"\\u3164\",\"modelVersion\":\"\\u2800\","
        + "\"description\":\"\\u200b\"," + tail), 400);
    assertThat(inquiry.json().get("errors")).extracting(e -> e.get("field").asText())
        .containsExactlyInAnyOrder("modelName", "modelVersion", "description");
    assertThat(inquiry.json().get("detail").asText()).contains("modelName must show at least one visible character");
    // spaces other than those trim() drops (an ideographic space, an em space) are nothing too
    for (String nothing : List.of("\\u115f", "\\u1160", "\\uffa0", "\\u3164\\u2800 \\u200b\\ufe0f", "\\u00a0\\u2060",
        "\\u3000", "\\u2003 \\u2003")) {
      Reply name = check(alice.post(BASE, "{\"modelName\":\"" + nothing + "\",\"modelVersion\":\"1\","
          + "\"description\":\"d\"," + tail), 400);
      assertThat(name.json().get("errors")).as(nothing).extracting(e -> e.get("field").asText()).containsExactly("modelName");
    }
    assertThat(alice.get(BASE).json().get("total").asLong()).as("nothing opened").isEqualTo(opened);

    String asked = driveTo(Stage.CLARIFICATION);
    for (String nothing : List.of("\\u200b", "\\u3164", "\\u2800")) {
      Reply answer = check(alice.post(BASE + "/" + asked + "/clarification", "{\"text\":\"" + nothing + "\"}"), 400);
      assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("text");
    }
    expect(asked, "CLARIFICATION", "clarification", "withdrawal");

    String designated = designatedEngagement();
    for (String nothing : List.of("\\u200b", "\\u3164", "\\u2800\\u2800", "\\u3000", "\\u2003")) {
      Reply reason = check(alice.post(BASE + "/" + designated + "/withdrawal", "{\"reason\":\"" + nothing + "\"}"), 400);
      assertThat(reason.json().get("errors").get(0).get("field").asText()).isEqualTo("reason");
    }
    expect(designated, "ACCESS_DECISION", "access-offer", "withdrawal");

    String inWindow = inAccessWindow();
    String path = BASE + "/" + inWindow + "/trusted-partners";
    for (String nothing : List.of("\\u3164", "\\u2800", "\\uffa0\\u115f")) {
      Reply partner = check(alice.post(path, "{\"partners\":[{\"name\":\"" + nothing + "\",\"category\":\"FEDERAL_AGENCY\","
          + "\"contactEmail\":\"a@b.invalid\"}]}"), 400);
      assertThat(partner.json().get("errors").get(0).get("field").asText()).isEqualTo("partners[0].name");
    }
    Reply sector = check(alice.post(path, "{\"partners\":[{\"name\":\"Grid\",\"category\":\"CRITICAL_INFRASTRUCTURE\","
        + "\"sector\":\"\\u3164\",\"contactEmail\":\"a@b.invalid\"}]}"), 400);
    assertThat(sector.json().get("errors").get(0).get("field").asText()).isEqualTo("partners[0].sector");
    assertThat(detail(inWindow).get("trustedPartners")).as("nothing proposed").isEmpty();

    // what shows something passes as before: other scripts, accents, emoji with their selectors and joiners
    Reply shown = alice.post(BASE, "{\"modelName\":\"\u30ed\u30fc\u30c9\u30e9\u30f3\u30ca\u30fc \u2764\ufe0f\","
        + "\"modelVersion\":\"\ud55c\uae00 4.1\",\"description\":\"Caf\u00e9 \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\","
        + tail);
    assertThat(shown.status()).as(shown.body()).isEqualTo(201);
    assertThat(alice.post(path, partners("Caf\u00e9 Lab", "\u6a21\u578b\u5b9e\u9a8c\u5ba4")).status()).isEqualTo(200);
  }

  @Test
  void badInputIsA4xxProblemAndChangesNothing() {
    String id = designatedEngagement();
    String offer = BASE + "/" + id + "/access-offer";
    JsonNode before = detail(id);
    List<Reply> refused = new ArrayList<>();
    refused.add(check(alice.post(offer, "{\"offerAccess\":tru"), 400));
    refused.add(check(alice.post(offer, "{\"offerAccess\":true,\"extra\":1}"), 400));
    refused.add(check(alice.post(offer, "{\"offerAccess\":\"yes\"}"), 400));
    refused.add(check(alice.post(offer, "{\"offerAccess\":true,\"accessDays\":1.5}"), 400));
    refused.add(check(alice.post(offer, "{}"), 400));
    refused.add(check(alice.post(offer, "{\"offerAccess\":true,\"accessStart\":\"next week\","
        + "\"accessDays\":5,\"plannedPartnerReleaseDate\":\"2027-01-01\"}"), 400));
    refused.add(check(alice.post(offer, "offerAccess=true", "text/plain", null), 415));
    refused.add(check(alice.postBytes(offer, ("{\"offerAccess\":false,\"x\":\"" + "a".repeat(70_000) + "\"}")
        .getBytes()), 413));
    refused.add(check(alice.post(BASE, "{\"modelName\":\"" + "m".repeat(201) + "\",\"modelVersion\":\"1\","
        + "\"description\":\"d\",\"contactEmail\":\"not-an-email\"}"), 400));
    refused.add(check(alice.post(BASE + "/" + id + "/withdrawal", "{\"reason\":\"\"}"), 400));
    refused.add(check(alice.post(BASE + "/" + id + "/withdrawal", "{\"reason\":123}"), 400));
    refused.add(check(alice.post(BASE + "/" + id + "/withdrawal", "{\"reason\":true}"), 400));
    // a moment as a number (seconds since 1970), where the API takes an ISO date-time with its offset
    refused.add(check(alice.post(BASE + "/" + id + "/release", "{\"releasedAt\":1796519303}"), 400));
    refused.add(check(alice.post(offer, "{\"offerAccess\":true,\"accessStart\":20270110,"
        + "\"accessDays\":5,\"plannedPartnerReleaseDate\":\"2027-03-01\"}"), 400));
    refused.add(check(alice.post(offer, "{\"offerAccess\":true,\"accessStart\":[2027,1,10],"
        + "\"accessDays\":5,\"plannedPartnerReleaseDate\":\"2027-03-01\"}"), 400));
    refused.add(check(alice.post(offer, "{\"offerAccess\":true,\"accessStart\":\"2027-01-10\","
        + "\"accessDays\":5,\"plannedPartnerReleaseDate\":[]}"), 400));
    refused.add(check(alice.post(BASE, "{\"modelName\":\"m\",\"modelVersion\":\"1\",\"description\":\"d\","
        + "\"contactEmail\":\"a@b.invalid\",\"plannedPartnerReleaseDate\":20270101}"), 400));
    refused.add(check(alice.post(BASE, "{\"modelName\":\"m\",\"modelVersion\":\"1\",\"description\":\""
        + "d".repeat(4_001) + "\",\"contactEmail\":\"a@b.invalid\"}"), 400));
    refused.add(check(alice.post(BASE, "{\"modelName\":\"m\",\"modelVersion\":\"1\",\"description\":\"d\","
        + "\"contactEmail\":\"a@b.invalid\",\"plannedPartnerReleaseDate\":\"+999999999-12-31\"}"), 400));
    refused.add(check(alice.post(offer, "{\"offerAccess\":true,\"accessStart\":\"+999999999-12-31\","
        + "\"accessDays\":1,\"plannedPartnerReleaseDate\":\"+999999999-12-31\"}"), 400));
    // texts no database column may hold (PostgreSQL refuses a NUL; half of a surrogate pair is no
    // character), and a field given twice: each refused where it arrives, no engagement opened
    String unstorable = "Unstorable-" + System.nanoTime();
    String opening = "{\"modelName\":\"" + unstorable + "\",\"modelVersion\":\"1\",\"contactEmail\":\"a@b.invalid\","
        + "\"plannedPartnerReleaseDate\":\"2027-03-01\",";
    Reply nul = check(alice.post(BASE, opening + "\"description\":\"a\\u0000b\"}"), 400);
    Reply half = check(alice.post(BASE, opening + "\"description\":\"a\\ud800b\"}"), 400);
    Reply twice = check(alice.post(BASE, opening + "\"description\":\"d\",\"description\":\"e\"}"), 400);
    check(alice.post(BASE + "/" + id + "/withdrawal", "{\"reason\":\"\\udc00\"}"), 400);
    // a header the firewall refuses when it is read (a control character; a euro sign's UTF-8
    // bytes read as ISO-8859-1 hold one): the request's fault, not the server's
    String header = raw("POST", BASE, "Idempotency-Key", "\u20ac".getBytes(StandardCharsets.UTF_8),
        opening + "\"description\":\"d\"}");
    assertThat(header).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("header");
    // an Accept header that cannot be read is a 406 problem with a body that says so
    String accept = raw("GET", BASE, "Accept", "application/json;q=x".getBytes(StandardCharsets.US_ASCII), null);
    assertThat(accept).startsWith("HTTP/1.1 406").contains("application/problem+json").contains("Accept header");
    assertThat(nul.json().get("errors").get(0).get("field").asText()).isEqualTo("description");
    assertThat(nul.json().get("detail").asText()).contains("NUL");
    assertThat(half.json().get("detail").asText()).contains("surrogate");
    assertThat(twice.json().get("detail").asText()).contains("Duplicate field 'description'");
    assertThat(alice.get(BASE + "?size=100").json().get("items")).extracting(e -> e.get("modelName").asText())
        .doesNotContain(unstorable);
    assertThat(refused.get(1).json().get("detail").asText()).contains("Unknown field 'extra'");
    assertThat(refused.get(2).json().get("errors").get(0).get("field").asText()).isEqualTo("offerAccess");
    assertThat(refused.get(5).json().get("detail").asText()).contains("accessStart", "YYYY-MM-DD");
    assertThat(refused.get(8).json().get("errors")).extracting(e -> e.get("field").asText())
        .contains("modelName", "contactEmail");
    JsonNode after = detail(id);
    assertThat(after.get("stage")).isEqualTo(before.get("stage"));
    assertThat(after.get("timeline")).isEqualTo(before.get("timeline"));
    assertNothingClassifiedLeaked(alice);
  }

  @Test
  void aLongListOfPartnersIsAccepted() {
    String id = inAccessWindow();
    String[] names = new String[50];
    for (int i = 0; i < names.length; i++) {
      names[i] = "Partner " + i + " " + "x".repeat(40);
    }
    Reply reply = alice.post(BASE + "/" + id + "/trusted-partners", partners(names));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().get("trustedPartners")).hasSize(50);
  }

  /**
   * A request as alice with one header's value given as raw bytes (an HTTP client of the JDK would
   * re-encode it): the status line, headers and body of the answer, as text.
   */
  private String raw(String method, String path, String header, byte[] value, String body) {
    try {
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream();
      request.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Basic "
          + java.util.Base64.getEncoder().encodeToString("alice:demo".getBytes(StandardCharsets.UTF_8))
          + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length + "\r\nConnection: close\r\n"
          + header + ": ").getBytes(StandardCharsets.ISO_8859_1));
      request.writeBytes(value);
      request.writeBytes("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      request.writeBytes(content);
      return dev.frontierengage.RawHttp.exchange(port, request.toByteArray());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Reply check(Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).as(status + " " + reply.body()).startsWith("application/problem+json");
    return reply;
  }

  // ----- driving engagements

  private String driveTo(Stage stage) {
    switch (stage) {
      case INTAKE:
        return opened("Stage");
      case CLARIFICATION: {
        String id = opened("Stage");
        government.reviewIntake(id, IntakeOutcome.CLARIFICATION_NEEDED);
        return id;
      }
      case DESIGNATION: {
        String id = opened("Stage");
        government.reviewIntake(id, IntakeOutcome.ACCEPTED);
        return id;
      }
      case ACCESS_DECISION:
        return designatedEngagement();
      case ACCESS_TERMS: {
        String id = designatedEngagement();
        alice.post(BASE + "/" + id + "/access-offer", offer(1, 30, 60));
        return id;
      }
      case ACCESS_WINDOW:
        return inAccessWindow();
      case AWAITING_RELEASE: {
        String id = inAccessWindow();
        alice.post(BASE + "/" + id + "/trusted-partners", partners("CISA Lab"));
        government.vetPartners(id);
        alice.post(BASE + "/" + id + "/access-window/end", "");
        return id;
      }
      default:
        throw new IllegalArgumentException(stage.name());
    }
  }

  private String opened(String model) {
    Reply reply = alice.post(BASE, inquiry(model));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("id").asText();
  }

  private String designatedEngagement() {
    String id = opened("Designated");
    government.reviewIntake(id, IntakeOutcome.ACCEPTED);
    designate(id, true);
    return id;
  }

  private String inAccessWindow() {
    String id = designatedEngagement();
    alice.post(BASE + "/" + id + "/access-offer", offer(1, 30, 60));
    government.prepareTerms(id);
    assertThat(alice.post(BASE + "/" + id + "/access-terms", terms(true)).status()).isEqualTo(200);
    return id;
  }

  private void designate(String id, boolean designated) {
    government.recordBenchmark(id, designated ? 90 : 10);
    government.consultAll(id, List.of("national-cyber-director", "apst", "cisa", "dow"));
    government.decideDesignation(id, designated);
  }

  private void fire(String id, String activityId) {
    Job job = government.timer(id, activityId);
    engine.getManagementService().executeJob(job.getId());
  }

  private JsonNode detail(String id) {
    Reply reply = alice.get(BASE + "/" + id);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private JsonNode expect(String id, String stage, String... actions) {
    JsonNode detail = detail(id);
    assertThat(detail.get("stage").asText()).isEqualTo(stage);
    assertThat(detail.get("openActions")).extracting(JsonNode::asText).containsExactly(actions);
    return detail;
  }

  private static List<String> events(JsonNode detail) {
    return StreamSupport.stream(detail.get("timeline").spliterator(), false)
        .map(event -> event.get("event").asText()).toList();
  }

  private static void assertNothingClassifiedLeaked(ApiClient client) {
    assertThat(client.seen).isNotEmpty();
    for (String body : client.seen) {
      for (String secret : CLASSIFIED) {
        assertThat(body).as("a developer response").doesNotContain(secret);
      }
    }
  }

  static String inquiry(String model) {
    return ApiClient.inquiry(model).formatted(TODAY.plusDays(60));
  }

  static String offer(int startInDays, int days, int releaseInDays) {
    return "{\"offerAccess\":true,\"accessStart\":\"" + TODAY.plusDays(startInDays) + "\",\"accessDays\":"
        + days + ",\"plannedPartnerReleaseDate\":\"" + TODAY.plusDays(releaseInDays) + "\"}";
  }

  static String terms(boolean all) {
    return "{\"accept\":true,\"acknowledgments\":{\"confidentiality\":true,\"cybersecurity\":true,"
        + "\"insiderRisk\":" + all + ",\"intellectualProperty\":true,\"use\":true,\"nondisclosure\":true},"
        + "\"termsSha256\":\"" + dev.frontierengage.documents.MultipartBody.sha256(EngagementDriver.TERMS_PDF) + "\"}";
  }

  static String partners(String... names) {
    return "{\"partners\":" + EngagementDriver.partners(names) + "}";
  }
}
