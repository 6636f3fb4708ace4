package dev.frontierengage.partners;

import dev.frontierengage.process.Clause;
import static dev.frontierengage.engagement.EngagementDriver.TODAY;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.partners.PartnerSelectionProcess.Elements;
import dev.frontierengage.partners.PartnerRecord.Status;
import dev.frontierengage.partners.PartnerSelectionProcess.Vars;
import dev.frontierengage.policy.Policy;
import dev.frontierengage.process.ConfiguredPolicy;
import dev.frontierengage.process.InvalidSubmissionException;
import dev.frontierengage.process.ProcessTestEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bpmn/trusted-partner-selection.bpmn}: Sec. 3(b)(iii), both sides agree on each partner. Started
 * on its own, as the engagement's call activity starts it: the engagement's record row (bound policy,
 * selection deadline) first, then the process with the engagement id as business key and no variables.
 * Where each partner stands is asserted on the record ({@link PartnerRecord}).
 */
@Deployment(resources = "bpmn/trusted-partner-selection.bpmn")
class TrustedPartnerSelectionProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(ProcessTestEngine.CONFIG)
      .assertClassCoverageAtLeast(1.0)
      .build();

  static final Policy POLICY = ConfiguredPolicy.signed();

  ProcessEngine processEngine;
  EngagementDriver driver;

  @BeforeEach
  void setUp() {
    driver = EngagementDriver.startProcessTest(processEngine);
  }

  @AfterEach
  void tearDown() {
    EngagementDriver.endProcessTest();
  }

  @Clause("3(b)(iii)")
  @Test
  void partnersApprovedAtFirstProposalAreAgreed() {
    String id = start();
    ProcessInstance pi = selection(id);
    assertThat(pi).isWaitingAt(Elements.PROPOSE_TRUSTED_PARTNERS);
    assertThat(task(pi)).hasCandidateGroup("org-acme");
    driver.proposePartners(id, "CISA Lab", "Hospital Alpha");
    assertThat(pi).isWaitingAt(Elements.VET_TRUSTED_PARTNERS);
    assertThat(task(pi)).hasCandidateGroup("cisa");
    driver.vetPartners(id);
    assertThat(pi).hasPassed(Elements.END_PARTNERS_AGREED).isEnded();
    Assertions.assertThat(approved(id)).extracting(TrustedPartner::id, TrustedPartner::name)
        .containsExactly(Assertions.tuple("P1", "CISA Lab"), Assertions.tuple("P2", "Hospital Alpha"));
    Assertions.assertThat(driver.partnerRecords(id)).extracting(PartnerRecord.Partner::round, PartnerRecord.Partner::reason)
        .containsOnly(Assertions.tuple(1, "Vetted"));
  }

  @Clause("3(b)(iii)")
  @Test
  void rejectedPartnerIsReplacedInARevisionRound() {
    String id = start();
    ProcessInstance pi = selection(id);
    driver.proposePartners(id, "CISA Lab", "Hospital Alpha");
    driver.vetPartners(id, "Hospital Alpha");
    assertThat(pi).isWaitingAt(Elements.REVISE_TRUSTED_PARTNERS);
    assertThat(task(pi)).hasCandidateGroup("org-acme");
    Assertions.assertThat(driver.partnerRecords(id)).filteredOn(p -> p.status() == Status.REJECTED)
        .extracting(p -> p.partner().name(), PartnerRecord.Partner::reason)
        .containsExactly(Assertions.tuple("Hospital Alpha", "No vetted contact"));
    Assertions.assertThat(driver.partnerNames(id, Status.APPROVED)).containsExactly("CISA Lab");

    driver.revisePartners(id, "Hospital Beta");
    assertThat(pi).isWaitingAt(Elements.VET_TRUSTED_PARTNERS);
    Assertions.assertThat(driver.partnerRecords(id)).filteredOn(p -> p.status() == Status.PROPOSED)
        .extracting(p -> p.partner().id(), p -> p.partner().name(), PartnerRecord.Partner::round)
        .as("only the new partner awaits vetting, in a round of its own")
        .containsExactly(Assertions.tuple("P3", "Hospital Beta", 2));
    driver.vetPartners(id);
    assertThat(pi).hasPassed(Elements.END_PARTNERS_AGREED).isEnded();
    Assertions.assertThat(approved(id)).extracting(TrustedPartner::name)
        .containsExactly("CISA Lab", "Hospital Beta");
    Assertions.assertThat(driver.partnerNames(id, Status.REJECTED)).containsExactly("Hospital Alpha");
  }

  @Test
  void developerMayKeepOnlyTheApprovedPartners() {
    String id = start();
    ProcessInstance pi = selection(id);
    driver.proposePartners(id, "CISA Lab", "Hospital Alpha");
    driver.vetPartners(id, "Hospital Alpha");
    driver.revisePartners(id);
    assertThat(pi).hasPassed(Elements.REVISION_PROPOSED, Elements.END_PARTNERS_AGREED).isEnded();
    Assertions.assertThat(approved(id)).extracting(TrustedPartner::name).containsExactly("CISA Lab");
    Assertions.assertThat(driver.partnerNames(id, Status.PROPOSED)).isEmpty();
  }

  @Test
  void selectionClosesAtThePlannedPartnerReleaseWithWhatWasAgreed() {
    String id = start();
    ProcessInstance pi = selection(id);
    driver.proposePartners(id, "CISA Lab", "Hospital Alpha");
    driver.vetPartners(id, "Hospital Alpha");
    Assertions.assertThat(driver.timer(id, Elements.SELECTION_DEADLINE_REACHED).getDuedate())
        .isEqualTo(EngagementDriver.day(TODAY.plusDays(45)));
    driver.fireTimer(id, Elements.SELECTION_DEADLINE_REACHED);
    assertThat(pi).hasPassed(Elements.END_SELECTION_CLOSED_AT_DEADLINE).isEnded();
    Assertions.assertThat(approved(id)).extracting(TrustedPartner::name).containsExactly("CISA Lab");
  }

  @Clause("3(b)(iii)")
  @Test
  void theDeveloperCannotApproveItsOwnPartners() {
    String id = start();
    ProcessInstance pi = selection(id);
    Map<String, Object> proposal = new HashMap<>();
    // (an array: a single String would pick the driver's partners(id), the record's partners)
    proposal.put(Vars.PROPOSED_PARTNERS, EngagementDriver.partners("CISA Lab"));
    proposal.put(Vars.APPROVED_PARTNERS, EngagementDriver.partners("CISA Lab", "Unvetted Co"));

    // what the completion sends as approved changes nothing: only CISA's vetting approves
    driver.completeAs("alice", id, Elements.PROPOSE_TRUSTED_PARTNERS, proposal);
    assertThat(pi).isWaitingAt(Elements.VET_TRUSTED_PARTNERS);
    Assertions.assertThat(approved(id)).isEmpty();
    Assertions.assertThat(driver.partnerRecords(id)).extracting(p -> p.partner().name(), PartnerRecord.Partner::status)
        .containsExactly(Assertions.tuple("CISA Lab", Status.PROPOSED));

    driver.vetPartners(id);
    assertThat(pi).hasPassed(Elements.END_PARTNERS_AGREED).isEnded();
    Assertions.assertThat(approved(id)).extracting(TrustedPartner::name).containsExactly("CISA Lab");
  }

  @Test
  void invalidProposalIsRefusedAndChangesNothing() {
    String id = start();
    ProcessInstance pi = selection(id);
    String invalid = "[{\"name\":\"Water Co\",\"category\":\"CRITICAL_INFRASTRUCTURE\","
        + "\"contactEmail\":\"not-an-email\"},{\"name\":\"water co \",\"category\":\"OTHER\","
        + "\"contactEmail\":\"a@b.invalid\"},{\"name\":\"\",\"category\":\"ALIENS\"}]";
    assertThatThrownBy(() -> driver.completeAs("alice", id, Elements.PROPOSE_TRUSTED_PARTNERS,
        Map.of(Vars.PROPOSED_PARTNERS, invalid)))
        .hasRootCauseInstanceOf(InvalidSubmissionException.class)
        .rootCause().hasMessageContaining("proposedPartners is not a list of TrustedPartner");

    String noSector = "[{\"name\":\"Water Co\",\"category\":\"CRITICAL_INFRASTRUCTURE\","
        + "\"contactEmail\":\"not-an-email\"},{\"name\":\"water co \",\"category\":\"OTHER\","
        + "\"contactEmail\":\"a@b.invalid\"}]";
    assertThatThrownBy(() -> driver.completeAs("alice", id, Elements.PROPOSE_TRUSTED_PARTNERS,
        Map.of(Vars.PROPOSED_PARTNERS, noSector)))
        .rootCause()
        .hasMessageContaining("partner 1: sector is required for critical infrastructure")
        .hasMessageContaining("partner 1: contactEmail must be an e-mail address")
        .hasMessageContaining("partner 2: 'water co ' is already proposed");
    assertThatThrownBy(() -> driver.completeAs("alice", id, Elements.PROPOSE_TRUSTED_PARTNERS,
        Map.of(Vars.PROPOSED_PARTNERS, "[]")))
        .rootCause().hasMessageContaining("propose at least one trusted partner");

    assertThat(pi).isWaitingAt(Elements.PROPOSE_TRUSTED_PARTNERS);
    Assertions.assertThat(driver.partnerRecords(id)).as("nothing recorded").isEmpty();
    assertThat(pi).variables().doesNotContainKeys(Vars.PROPOSED_PARTNERS, Vars.APPROVED_PARTNERS);
  }

  @Test
  void vettingMustDecideEveryProposedPartnerWithAReason() {
    String id = start();
    ProcessInstance pi = selection(id);
    driver.proposePartners(id, "CISA Lab", "Hospital Alpha");
    String partial = "[{\"partnerId\":\"P1\",\"approved\":false},{\"partnerId\":\"P9\",\"approved\":true,\"reason\":\"x\"}]";
    assertThatThrownBy(() -> driver.completeAs("cisa", id, Elements.VET_TRUSTED_PARTNERS,
        Map.of(Vars.PARTNER_DECISIONS, partial)))
        .rootCause()
        .hasMessageContaining("partner P1: a reason is required")
        .hasMessageContaining("partner P9 is not awaiting vetting")
        .hasMessageContaining("partner P2 (Hospital Alpha) has no decision");
    assertThat(pi).isWaitingAt(Elements.VET_TRUSTED_PARTNERS);
    Assertions.assertThat(approved(id)).isEmpty();
    Assertions.assertThat(driver.partnerNames(id, Status.PROPOSED)).containsExactly("CISA Lab", "Hospital Alpha");
  }

  /**
   * As the engagement's call activity starts it: the record row (its policy bound, its access window
   * scheduled with the partner selection closing at the planned partner release in 45 days), then
   * only the business key.
   */
  private String start() {
    String id = UUID.randomUUID().toString();
    driver.openRecord(id, POLICY);
    driver.scheduleAccessWindow(id, TODAY.plusDays(45));
    processEngine.getRuntimeService().startProcessInstanceByKey(PartnerSelectionProcess.PROCESS_ID, id);
    return id;
  }

  private ProcessInstance selection(String id) {
    return processEngine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(id).singleResult();
  }

  private List<TrustedPartner> approved(String id) {
    return driver.partnerRecords(id).stream().filter(p -> p.status() == Status.APPROVED)
        .map(PartnerRecord.Partner::partner).toList();
  }
}
