package dev.frontierengage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.TestClock;
import dev.frontierengage.designation.ConsultationPosition;
import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.engagement.IntakeOutcome;
import dev.frontierengage.partners.PartnerRecord;
import dev.frontierengage.partners.PartnerSelectionProcess;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Engagements started by the previous version (facts in sealed variables; fixture
 * {@code migration/sealed-models.zip}: an H2 database that version left with 14 engagements, 11
 * running at every wait state and 3 closed) are carried over when this version starts on its
 * database: each has its record, the closed ones read as before, and every running one is
 * finished from where it stood, on the models deployed now.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SealedModelsMigrationIT {

  static final List<String> RUNNING = List.of("m-intake", "m-clarification", "m-benchmark", "m-consultation",
      "m-decision", "m-offer", "m-terms-prepare", "m-terms-accept", "m-vetting", "m-revise", "m-release");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EarlierDatabase.properties("sealed-models", registry);
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

  @Autowired
  ProcessEngine engine;

  @Test
  @Order(1)
  void closedEngagementsHaveTheirRecord() {
    EngagementDriver driver = new EngagementDriver(engine);
    assertThat(driver.record("m-released").releasedAt()).isNotNull();
    assertThat(driver.record("m-released").designated()).isTrue();
    assertThat(driver.record("m-released").windowStart()).isNotNull();
    assertThat(driver.record("m-withdrawn").withdrawalReason()).isEqualTo("Keeping it internal");
    assertThat(driver.record("m-not-covered").designated()).isFalse();
    assertThat(driver.record("m-not-covered").assessmentSummary()).isNotBlank();
    assertThat(driver.findings("m-released")).contains("CLASSIFIED-FINDINGS");
  }

  @Test
  @Order(2)
  void runningEngagementsKeepTheirFactsAndNoSealedVariable() {
    EngagementDriver driver = new EngagementDriver(engine);
    for (String id : RUNNING) {
      var record = driver.record(id);
      assertThat(record.organization()).as(id).isEqualTo("acme");
      assertThat(record.modelName()).as(id).isEqualTo("Roadrunner");
      assertThat(record.policyId()).as(id).isEqualTo("eo-14409");
      assertThat(record.policy().accessCapDays()).as(id).isEqualTo(30);
    }
    assertThat(driver.record("m-clarification").intakeNote()).isEqualTo("Which base model?");
    assertThat(new org.springframework.jdbc.core.JdbcTemplate(dev.frontierengage.process.ProcessWiring.dataSource(engine))
        .queryForObject("SELECT COUNT(*) FROM fe_outbox WHERE engagement_id LIKE 'm-%'", Integer.class))
        .as("carrying over tells nobody of what happened long ago").isZero();
    assertThat(driver.consultations("m-consultation")).extracting(c -> c.office() + ":" + c.position())
        .containsExactlyInAnyOrder("national-cyber-director:CONCUR", "apst:NONCONCUR");
    assertThat(driver.assessment("m-decision").recordedBy()).isEqualTo("nsa-benchmark");
    assertThat(driver.record("m-terms-accept").termsReference()).isEqualTo("TERMS-M-1");
    assertThat(driver.record("m-vetting").accessDays()).isEqualTo(30);
    assertThat(driver.partnerNames("m-vetting", PartnerRecord.Status.PROPOSED))
        .containsExactlyInAnyOrder("CISA Lab", "Hospital Alpha");
    assertThat(driver.partnerNames("m-revise", PartnerRecord.Status.APPROVED)).containsExactly("CISA Lab");
    assertThat(driver.partnerNames("m-revise", PartnerRecord.Status.REJECTED)).containsExactly("Hospital Alpha");
    assertThat(engine.getRuntimeService().createVariableInstanceQuery().variableName("organizationSeal").count())
        .as("no sealed variable is left on a running instance").isZero();
    assertThat(engine.getRuntimeService().createVariableInstanceQuery().variableName("organization").list())
        .as("no fact is left in a variable: the forms read the record").isEmpty();
    Task vetting = engine.getTaskService().createTaskQuery().processInstanceBusinessKey("m-vetting")
        .taskDefinitionKey(PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS).singleResult();
    assertThat(engine.getTaskService().getVariablesLocal(vetting.getId())).as("nothing copied onto the task").isEmpty();
    assertThat(engine.getFormService().getTaskFormVariables(vetting.getId()))
        .as("a migrated task's form shows its context").containsEntry("modelName", "Roadrunner")
        .containsEntry(PartnerSelectionProcess.Vars.PARTNERS_AWAITING, "2")
        .hasEntrySatisfying(PartnerSelectionProcess.Vars.PARTNER_NAME,
            name -> assertThat(name).isIn("CISA Lab", "Hospital Alpha"));
    assertThat(engine.getTaskService().getVariables(vetting.getId()))
        .as("the old vetting list is gone; the task's scope holds what its form submits")
        .doesNotContainKey("partnerDecisions").containsEntry(PartnerSelectionProcess.Vars.PARTNER_APPROVED, null);
  }

  @Test
  @Order(3)
  void everyRunningEngagementIsFinishedOnTheModelsOfNow() {
    EngagementDriver driver = new EngagementDriver(engine);
    for (String id : RUNNING) {
      finish(driver, id);
      HistoricProcessInstance ended = driver.history(id);
      assertThat(ended.getEndTime()).as(id + " ended").isNotNull();
      assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
          .processInstanceId(ended.getId()).activityId(EngagementProcess.Elements.END_RELEASED_TO_TRUSTED_PARTNERS)
          .count()).as(id + " released to trusted partners").isOne();
      assertThat(driver.record(id).releasedAt()).as(id).isNotNull();
    }
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).as("incidents").isZero();
    // the scores entered on the benchmark task open at the upgrade stayed in that task's scope
    String assessment = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey("m-benchmark").processDefinitionKey(DesignationProcess.PROCESS_ID).singleResult()
        .getId();
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(assessment)
        .variableName(DesignationProcess.Vars.SCORE_NETWORK_OPERATIONS).list())
        .isNotEmpty().noneMatch(variable -> assessment.equals(variable.getActivityInstanceId()));
    assertThat(engine.getManagementService().getProperties()).as("the seal key is gone once nothing is sealed")
        .doesNotContainKey("frontier-engage.seal-key");
    assertThat(driver.consultations("m-consultation")).extracting(c -> c.office() + ":" + c.position())
        .contains("apst:" + ConsultationPosition.NONCONCUR);
  }

  /** Takes each open step of the engagement until it ends (at most 40 steps). */
  private void finish(EngagementDriver driver, String id) {
    for (int step = 0; step < 40 && driver.activeInstances(id) > 0; step++) {
      List<Task> open = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id).list();
      if (open.isEmpty()) {
        if (timer(id, EngagementProcess.Elements.ACCESS_WINDOW_OPENS) != null) {
          driver.fireTimer(id, EngagementProcess.Elements.ACCESS_WINDOW_OPENS);
        } else {
          driver.reportRelease(id);
        }
        continue;
      }
      Task task = open.get(0);
      switch (task.getTaskDefinitionKey()) {
        case EngagementProcess.Elements.REVIEW_INTAKE -> driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
        case EngagementProcess.Elements.PROVIDE_CLARIFICATION -> driver.provideClarification(id);
        case DesignationProcess.Elements.RECORD_BENCHMARK_RESULTS -> driver.recordBenchmark(id, 90);
        case DesignationProcess.Elements.PROVIDE_CONSULTATION -> driver.consult(id,
            engine.getTaskService().getIdentityLinksForTask(task.getId()).get(0).getGroupId(), "CONCUR");
        case DesignationProcess.Elements.DECIDE_DESIGNATION -> driver.decideDesignation(id, true);
        case EngagementProcess.Elements.DECIDE_ACCESS_OFFER -> driver.offerAccess(id, TestClock.TODAY.plusDays(1),
            30, TestClock.TODAY.plusDays(60));
        case EngagementProcess.Elements.PREPARE_ACCESS_TERMS -> driver.prepareTerms(id);
        case EngagementProcess.Elements.ACCEPT_ACCESS_TERMS -> driver.acceptTerms(id, true);
        case PartnerSelectionProcess.Elements.PROPOSE_TRUSTED_PARTNERS -> driver.proposePartners(id, "CISA Lab");
        case PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS -> driver.vetPartners(id);
        case PartnerSelectionProcess.Elements.REVISE_TRUSTED_PARTNERS -> driver.revisePartners(id);
        case EngagementProcess.Elements.EVALUATE_MODEL -> driver.evaluateModel(id);
        default -> throw new AssertionError(id + ": no step for " + task.getTaskDefinitionKey());
      }
    }
  }

  private Job timer(String id, String activityId) {
    return engine.getManagementService().createJobQuery().timers().activityId(activityId)
        .processInstanceId(new EngagementDriver(engine).engagement(id).getId()).singleResult();
  }

}
