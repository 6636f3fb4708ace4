package dev.frontierengage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.TestClock;
import dev.frontierengage.partners.PartnerRecord;
import dev.frontierengage.partners.PartnerSelectionProcess;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sealed fixture carried over two weeks after its partners were proposed (all its steps were
 * taken at {@link TestClock#START}): the partners awaiting vetting keep the moment they were
 * proposed, and the vetting deadline the new models add runs from it, not from the carry-over.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CarriedOverVettingDeadlineIT {

  static final Duration LATER = Duration.ofDays(14);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EarlierDatabase.properties("sealed-models", registry);
  }

  @BeforeAll
  static void engineClock() {
    ClockUtil.offset(TestClock.START.plus(LATER).toEpochMilli() - System.currentTimeMillis());
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
  void partnersAwaitingVettingKeepWhenTheyWereProposed() {
    String vetting = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("m-vetting")
        .processDefinitionKey(PartnerSelectionProcess.PROCESS_ID).singleResult().getId();
    Instant proposed = engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(vetting)
        .activityId(PartnerSelectionProcess.Elements.PROPOSE_TRUSTED_PARTNERS).singleResult().getEndTime().toInstant();
    assertThat(proposed).isBefore(TestClock.START.plusSeconds(60));
    assertThat(partners.awaitingSince("m-vetting")).as("when the partners awaiting vetting were proposed")
        .contains(proposed);
    Job overdue = engine.getManagementService().createJobQuery().processInstanceId(vetting)
        .activityId(PartnerSelectionProcess.Elements.VETTING_OVERDUE).singleResult();
    assertThat(overdue.getDuedate().toInstant()).as("5 working days after the proposal, not after the carry-over")
        .isBefore(TestClock.START.plus(Duration.ofDays(8)));
  }
}
