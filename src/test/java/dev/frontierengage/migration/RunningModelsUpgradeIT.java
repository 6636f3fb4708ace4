package dev.frontierengage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.TestClock;
import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.partners.PartnerRecord;
import dev.frontierengage.partners.PartnerSelectionProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 * Engagements running on the models of the previous version (fixture
 * {@code migration/record-models.zip}: an H2 database that version left, made at commit f3196d5,
 * with engagements waiting at the consultations, at proposing partners, at vetting two partners
 * on its one-list form, at revising after a rejection, and in an open access window) are moved to
 * the models of now when this version starts on its database, and finish there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunningModelsUpgradeIT {


  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EarlierDatabase.properties("record-models", registry);
  }


  @BeforeAll
  static void engineClock() {
    TestClock.start();
  }

  @AfterAll
  static void wallClock() {
    TestClock.reset();
  }

  @Autowired
  ProcessEngine engine;
  @Autowired
  PartnerRecord partners;

  @Test
  @Order(1)
  void everyRunningInstanceIsOnTheLatestModelsWithItsTasksAsTheyMakeThem() {
    List<ProcessInstance> running = engine.getRuntimeService().createProcessInstanceQuery().list();
    assertThat(running).as("the fixture's running instances").hasSizeGreaterThanOrEqualTo(9);
    for (ProcessInstance instance : running) {
      String key = engine.getRepositoryService().getProcessDefinition(instance.getProcessDefinitionId()).getKey();
      assertThat(instance.getProcessDefinitionId()).as(key + " of " + instance.getBusinessKey())
          .isEqualTo(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
              .latestVersion().singleResult().getId());
    }

    Task vetting = open(PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS).get(0);
    String id = businessKey(vetting);
    assertThat(engine.getFormService().getTaskFormVariables(vetting.getId()))
        .containsEntry(PartnerSelectionProcess.Vars.PARTNER_NAME, "CISA Lab")
        .containsEntry(PartnerSelectionProcess.Vars.PARTNERS_AWAITING, "2");
    assertThat(vetting.getName()).isEqualTo("Vet trusted partner CISA Lab: Roadrunner 4.1 (acme)");
    assertThat(engine.getTaskService().getVariables(vetting.getId()))
        .as("the old vetting list is gone; the task's scope holds what its form submits")
        .doesNotContainKey("partnerDecisions").containsEntry(PartnerSelectionProcess.Vars.PARTNER_APPROVED, null);
    Job overdue = engine.getManagementService().createJobQuery().processInstanceId(vetting.getProcessInstanceId())
        .activityId(PartnerSelectionProcess.Elements.VETTING_OVERDUE).singleResult();
    assertThat(overdue).as("the new models' overdue timer on the migrated task").isNotNull();
    assertThat(vetting.getDueDate()).isNotNull().isEqualTo(overdue.getDuedate());
    assertThat(id).isNotBlank();

    Task evaluation = open(EngagementProcess.Elements.EVALUATE_MODEL).get(0);
    EngagementDriver driver = new EngagementDriver(engine);
    assertThat(evaluation.getDueDate()).as("due when the window closes")
        .isEqualTo(java.util.Date.from(driver.record(businessKey(evaluation)).windowEnd()));
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(evaluation.getProcessInstanceId())
        .activityId("BoundaryEvent_EvaluationReminder").count()).isOne();

    assertThat(open(DesignationProcess.Elements.PROVIDE_CONSULTATION)).hasSize(3).allSatisfy(consultation -> {
      assertThat(engine.getFormService().getTaskFormVariables(consultation.getId()))
          .containsKeys(DesignationProcess.Vars.OFFICE_NAME, DesignationProcess.Vars.CONSULTATION_CLOSES);
      // its process was not changed, its form was: the task shows the form shipped now
      try (InputStream form = engine.getFormService().getDeployedTaskForm(consultation.getId())) {
        assertThat(new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
            .contains("\"officeName\"", "\"consultationCloses\"");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Test
  @Order(2)
  void everyUpgradedEngagementFinishesOnTheModelsOfNow() {
    EngagementDriver driver = new EngagementDriver(engine);
    String vetting = businessKey(open(PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS).get(0));
    String revise = businessKey(open(PartnerSelectionProcess.Elements.REVISE_TRUSTED_PARTNERS).get(0));
    String propose = businessKey(open(PartnerSelectionProcess.Elements.PROPOSE_TRUSTED_PARTNERS).get(0));
    String evaluation = businessKey(open(EngagementProcess.Elements.EVALUATE_MODEL).get(0));
    String consultation = businessKey(open(DesignationProcess.Elements.PROVIDE_CONSULTATION).get(0));

    driver.vetPartners(vetting, "Hospital Alpha");
    assertThat(driver.partnerNames(vetting, PartnerRecord.Status.APPROVED)).containsExactly("CISA Lab");
    driver.revisePartners(vetting, "Hospital Beta");
    driver.vetPartners(vetting);
    driver.revisePartners(revise, "Hospital Beta");
    driver.vetPartners(revise);
    driver.proposePartners(propose, "CISA Lab");
    driver.vetPartners(propose);
    for (String id : List.of(vetting, revise, propose)) {
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(id)
          .processDefinitionKey(PartnerSelectionProcess.PROCESS_ID).count()).as(id + ": partners agreed").isZero();
      assertThat(partners.withStatus(id, PartnerRecord.Status.PROPOSED)).as(id).isEmpty();
    }
    driver.evaluateModel(evaluation);
    assertThat(driver.findings(evaluation)).isPresent();
    for (String office : List.of("national-cyber-director", "apst", "dow")) {
      driver.consult(consultation, office, "CONCUR");
    }
    driver.decideDesignation(consultation, true);
    assertThat(driver.record(consultation).designated()).isTrue();
  }

  private List<Task> open(String activity) {
    List<Task> open = engine.getTaskService().createTaskQuery().taskDefinitionKey(activity).list();
    assertThat(open).as("open " + activity).isNotEmpty();
    return open;
  }

  private String businessKey(Task task) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .singleResult().getBusinessKey();
  }

}
