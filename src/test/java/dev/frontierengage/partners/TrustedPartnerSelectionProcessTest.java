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
import dev.frontierengage.deadlines.Escalated;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
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

    // names and a sector of nothing visible: a Hangul filler, a blank Braille pattern, a variation selector
    String invisible = "[{\"name\":\"\u3164\",\"category\":\"OTHER\",\"contactEmail\":\"a@b.invalid\"},"
        + "{\"name\":\"\u2800\ufe0f\",\"category\":\"OTHER\",\"contactEmail\":\"c@d.invalid\"},"
        + "{\"name\":\"Water Co\",\"category\":\"CRITICAL_INFRASTRUCTURE\",\"sector\":\"\uffa0\","
        + "\"contactEmail\":\"e@f.invalid\"}]";
    assertThatThrownBy(() -> driver.completeAs("alice", id, Elements.PROPOSE_TRUSTED_PARTNERS,
        Map.of(Vars.PROPOSED_PARTNERS, invisible)))
        .rootCause()
        .hasMessageContaining("partner 1: name is required (at most 200 characters, at least one of them visible")
        .hasMessageContaining("partner 2: name is required")
        .hasMessageContaining("partner 3: sector must show at least one visible character");

    assertThat(pi).isWaitingAt(Elements.PROPOSE_TRUSTED_PARTNERS);
    Assertions.assertThat(driver.partnerRecords(id)).as("nothing recorded").isEmpty();
    assertThat(pi).variables().doesNotContainKeys(Vars.PROPOSED_PARTNERS, Vars.APPROVED_PARTNERS);
  }

  @Clause("3(b)(iii)")
  @Test
  void eachPartnerIsVettedOnATaskOfItsOwnByAnExplicitChoiceWithAReason() {
    String id = start();
    ProcessInstance pi = selection(id);
    driver.proposePartners(id, "CISA Lab", "Hospital Alpha");
    Task first = task(pi);
    Assertions.assertThat(first.getName()).isEqualTo("Vet trusted partner CISA Lab: Roadrunner 4.1 (acme)");
    Assertions.assertThat(processEngine.getFormService().getTaskFormVariables(first.getId()))
        .containsEntry(Vars.PARTNER_NAME, "CISA Lab").containsEntry(Vars.PARTNER_CATEGORY, "Federal agency")
        .containsEntry(Vars.PARTNERS_AWAITING, "2");

    // nothing is decided by default: no choice, no reason, or a choice that is neither is refused
    assertThatThrownBy(() -> driver.complete("cisa", first, Map.of()))
        .hasRootCauseInstanceOf(InvalidSubmissionException.class).rootCause()
        .hasMessageContaining(Vars.PARTNER_APPROVED + " is required")
        .hasMessageContaining(Vars.VETTING_REASON + " is required");
    assertThatThrownBy(() -> driver.complete("cisa", first, Map.of(Vars.PARTNER_APPROVED, "maybe",
        Vars.VETTING_REASON, "x")))
        .rootCause().hasMessageContaining(Vars.PARTNER_APPROVED + " must be true or false");
    assertThat(pi).isWaitingAt(Elements.VET_TRUSTED_PARTNERS);
    Assertions.assertThat(driver.partnerNames(id, Status.PROPOSED)).containsExactly("CISA Lab", "Hospital Alpha");

    // what the task shows is decided, whatever partner a completion names
    Map<String, Object> namingAnother = new HashMap<>(Map.of("partnerId", "P2", Vars.PARTNER_NAME, "Hospital Alpha",
        Vars.PARTNER_APPROVED, false, Vars.VETTING_REASON, "No vetted contact"));
    driver.complete("cisa", first, namingAnother);
    Assertions.assertThat(driver.partnerNames(id, Status.REJECTED)).containsExactly("CISA Lab");
    Assertions.assertThat(driver.partnerNames(id, Status.PROPOSED)).containsExactly("Hospital Alpha");

    Task second = task(pi);
    Assertions.assertThat(second.getId()).isNotEqualTo(first.getId());
    Assertions.assertThat(processEngine.getFormService().getTaskFormVariables(second.getId()))
        .containsEntry(Vars.PARTNER_NAME, "Hospital Alpha").containsEntry(Vars.PARTNERS_AWAITING, "1");
    Assertions.assertThat(processEngine.getTaskService().getVariables(second.getId()))
        .as("the second task starts empty").containsEntry(Vars.PARTNER_APPROVED, null)
        .containsEntry(Vars.VETTING_REASON, null);
    driver.vetPartner(id, true, "Vetted");
    assertThat(pi).hasPassed(Elements.MORE_AWAITING_VETTING).isWaitingAt(Elements.REVISE_TRUSTED_PARTNERS);
    Assertions.assertThat(driver.partnerRecords(id)).extracting(p -> p.partner().name(), PartnerRecord.Partner::reason)
        .containsExactly(Assertions.tuple("CISA Lab", "No vetted contact"), Assertions.tuple("Hospital Alpha", "Vetted"));
  }

  @Test
  void vettingIsDueInWorkingDaysAndEscalatedWhenOverdue() {
    String id = start();
    ProcessInstance pi = selection(id);
    driver.proposePartners(id, "CISA Lab");
    Task vetting = task(pi);
    // five working days from Tuesday 2026-12-01
    Assertions.assertThat(vetting.getDueDate()).isEqualTo(Escalated.closeOfBusiness(TODAY.plusDays(7)));
    Assertions.assertThat(driver.timer(id, Elements.VETTING_OVERDUE).getDuedate()).isEqualTo(vetting.getDueDate());
    driver.fireTimer(id, Elements.VETTING_OVERDUE);
    Escalated.assertEscalated(processEngine, vetting, pi.getId(), "cisa");
    assertThat(pi).hasPassed("EndEvent_VettingEscalated").isWaitingAt(Elements.VET_TRUSTED_PARTNERS);
    driver.vetPartners(id);
    assertThat(pi).isEnded();
  }

  @Test
  void vettingIsDueADayBeforeTheSelectionClosesWhenThatComesFirst() {
    String id = start(TODAY.plusDays(3));
    driver.proposePartners(id, "CISA Lab");
    Date closes = driver.timer(id, Elements.SELECTION_DEADLINE_REACHED).getDuedate();
    Date due = task(selection(id)).getDueDate();
    Assertions.assertThat(due).isEqualTo(Date.from(closes.toInstant().minus(Duration.ofDays(1))));
    Assertions.assertThat(driver.timer(id, Elements.VETTING_OVERDUE).getDuedate()).isEqualTo(due);
  }

  @Test
  void withLessThanTwoDaysLeftVettingIsDueHalfWayToTheSelectionClosing() {
    // proposed on Dec 1, the selection closes at the start of Dec 2: less than a day left
    String id = start(TODAY.plusDays(1));
    java.time.Instant proposed = ClockUtil.getCurrentTime().toInstant();
    driver.proposePartners(id, "CISA Lab");
    java.time.Instant closes = driver.timer(id, Elements.SELECTION_DEADLINE_REACHED).getDuedate().toInstant();
    Assertions.assertThat(task(selection(id)).getDueDate())
        .isEqualTo(Date.from(closes.minus(Duration.between(proposed, closes).dividedBy(2))));
  }

  @Test
  void thePartnersOfARoundAreDueTogetherNotOneAfterAnother() {
    String id = start();
    driver.proposePartners(id, "CISA Lab", "Hospital Alpha");
    Date first = task(selection(id)).getDueDate();
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(2))));
    driver.vetPartner(id, true, "Vetted");
    Assertions.assertThat(task(selection(id)).getDueDate()).as("counted from the proposal").isEqualTo(first);
  }

  @Test
  void partnersAreVettedInTheOrderProposedPastNine() {
    String id = start();
    List<String> names = java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(i -> "Lab " + i).toList();
    driver.proposePartners(id, names.toArray(String[]::new));
    List<String> shown = new java.util.ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      shown.add((String) processEngine.getFormService().getTaskFormVariables(task(selection(id)).getId()).get(
          Vars.PARTNER_NAME));
      driver.vetPartner(id, true, "Vetted");
    }
    Assertions.assertThat(shown).as("P10 after P9, not after P1").containsExactlyElementsOf(names);
    Assertions.assertThat(selection(id)).as("all agreed: the selection ended").isNull();
  }

  /**
   * As the engagement's call activity starts it: the record row (its policy bound, its access window
   * scheduled with the partner selection closing at the planned partner release in 45 days), then
   * only the business key.
   */
  private String start() {
    return start(TODAY.plusDays(45));
  }

  private String start(LocalDate plannedRelease) {
    String id = UUID.randomUUID().toString();
    driver.openRecord(id, POLICY);
    driver.scheduleAccessWindow(id, plannedRelease);
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
