package dev.frontierengage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.TestClock;
import dev.frontierengage.partners.PartnerSelectionProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A process instance an administrator suspended (Cockpit) on the previous models is still
 * suspended once moved to the models of now: nothing of it, a timer the new models add included,
 * is run by the job executor until it is resumed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SuspendedInstanceUpgradeIT {

  static final String VETTING = "0de63bb5-908c-4098-8190-e4d0597e31ff";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    String url = EarlierDatabase.copy("record-models", "record-models-suspended", statement -> {
      // what RuntimeService.suspendProcessInstanceById writes, for the engagement's instances
      String instances = "(SELECT ID_ FROM ACT_RU_EXECUTION WHERE BUSINESS_KEY_ = '" + VETTING + "')";
      assertThat(statement.executeUpdate("UPDATE ACT_RU_EXECUTION SET SUSPENSION_STATE_ = 2 WHERE PROC_INST_ID_ IN "
          + instances)).isPositive();
      statement.executeUpdate("UPDATE ACT_RU_TASK SET SUSPENSION_STATE_ = 2 WHERE PROC_INST_ID_ IN " + instances);
      statement.executeUpdate("UPDATE ACT_RU_JOB SET SUSPENSION_STATE_ = 2 WHERE PROCESS_INSTANCE_ID_ IN " + instances);
    });
    EarlierDatabase.use(url, registry);
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

  @Test
  void aSuspendedInstanceStaysSuspendedWithEveryTimerOfIt() {
    for (ProcessInstance instance : engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(VETTING).list()) {
      String key = engine.getRepositoryService().getProcessDefinition(instance.getProcessDefinitionId()).getKey();
      assertThat(instance.isSuspended()).as(key).isTrue();
      assertThat(instance.getProcessDefinitionId()).as(key + ": moved to the models of now all the same")
          .isEqualTo(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
              .latestVersion().singleResult().getId());
      assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).active().list())
          .as(key + ": a job of a suspended instance the job executor would run").isEmpty();
    }
    var overdue = engine.getManagementService().createJobQuery().processInstanceId(engine.getRuntimeService()
        .createProcessInstanceQuery().processInstanceBusinessKey(VETTING)
        .processDefinitionKey(PartnerSelectionProcess.PROCESS_ID).singleResult().getId())
        .activityId(PartnerSelectionProcess.Elements.VETTING_OVERDUE).singleResult();
    assertThat(overdue).as("the vetting's overdue timer the new models add, created").isNotNull();
    assertThat(overdue.isSuspended()).as("and suspended with its instance").isTrue();
    Task vetting = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(VETTING)
        .taskDefinitionKey(PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS).singleResult();
    assertThat(vetting.isSuspended()).isTrue();
  }
}
