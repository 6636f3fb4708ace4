package dev.frontierengage.engagement;

import dev.frontierengage.process.Clause;
import static dev.frontierengage.engagement.EngagementDriver.TODAY;
import static dev.frontierengage.engagement.EngagementDriver.day;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementProcess.Elements;
import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.partners.PartnerRecord;
import dev.frontierengage.partners.PartnerSelectionProcess;
import dev.frontierengage.policy.Policy;
import dev.frontierengage.process.ConfiguredPolicy;
import dev.frontierengage.process.InvalidSubmissionException;
import dev.frontierengage.process.Models;
import dev.frontierengage.process.ProcessTestEngine;
import dev.frontierengage.process.ProcessWiring;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAmount;
import dev.frontierengage.deadlines.Escalated;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import org.camunda.bpm.engine.task.Task;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code bpmn/engagement.bpmn}: the happy path whole, every detour and timer on its own. */
@Deployment(resources = {"bpmn/engagement.bpmn", "bpmn/designation-assessment.bpmn",
    "bpmn/trusted-partner-selection.bpmn", "bpmn/covered-frontier-model-threshold.dmn"})
class EngagementProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(ProcessTestEngine.CONFIG)
      .excludeProcessDefinitionKeys(DesignationProcess.PROCESS_ID, PartnerSelectionProcess.PROCESS_ID)
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

  @Clause({"3(a) sharing", "3(b)(ii) period", "3(b)(iii)", "3(c)"})
  @Test
  void designatedModelGoesThroughAccessWindowToRelease() {
    String id = driver.submitInquiry(TODAY.plusDays(60));
    ProcessInstance pi = driver.engagement(id);
    assertThat(pi).isWaitingAt(Elements.REVIEW_INTAKE);
    assertThat(task(pi)).hasCandidateGroup("nsa-intake");
    Assertions.assertThat(pi.getBusinessKey()).isEqualTo(id);
    EngagementRecord.Engagement opened = driver.record(id);
    Assertions.assertThat(opened.processInstanceId()).isEqualTo(pi.getId());
    Assertions.assertThat(opened.organization()).isEqualTo("acme");
    Assertions.assertThat(opened.policyId()).isEqualTo(POLICY.id());
    Assertions.assertThat(opened.policy().accessCapDays()).isEqualTo(POLICY.accessCapDays());

    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
    assertThat(pi).isWaitingAt(Elements.ASSESS_DESIGNATION);
    ProcessInstance assessment = calledProcessInstance(pi);
    Assertions.assertThat(assessment.getBusinessKey()).isEqualTo(id);
    designate(id, true);

    assertThat(pi).isWaitingAt(Elements.DECIDE_ACCESS_OFFER);
    assertThat(task(pi)).hasCandidateGroup("org-acme");
    EngagementRecord.Engagement shared = driver.record(id);
    Assertions.assertThat(shared.designated()).isTrue();
    Assertions.assertThat(shared.assessmentSummary())
        .isEqualTo("The model meets the covered frontier model designation.");
    Assertions.assertThat(shared.assessmentSharedAt()).isNotNull();
    assertThat(pi).variables()
        .doesNotContainKeys(DesignationProcess.Vars.SCORE_VULNERABILITY_DISCOVERY,
            DesignationProcess.Vars.RECOMMENDATION, DesignationProcess.Vars.CONSULTATIONS,
            DesignationProcess.Vars.DECISION_RATIONALE, DesignationProcess.Vars.BENCHMARK_RECORDED_BY);

    driver.offerAccess(id, TODAY.plusDays(1), 30, TODAY.plusDays(60));
    assertThat(pi).isWaitingAt(Elements.PREPARE_ACCESS_TERMS);
    assertThat(task(pi)).hasCandidateGroup("access-counsel");
    driver.prepareTerms(id);
    assertThat(pi).isWaitingAt(Elements.ACCEPT_ACCESS_TERMS);
    assertThat(task(pi)).hasCandidateGroup("org-acme");
    driver.acceptTerms(id, true);

    assertThat(pi).isWaitingAt(Elements.ACCESS_WINDOW_OPENS, Elements.SELECT_TRUSTED_PARTNERS);
    EngagementRecord.Engagement scheduled = driver.record(id);
    Assertions.assertThat(scheduled.windowStart()).isEqualTo(day(TODAY.plusDays(1)).toInstant());
    Assertions.assertThat(scheduled.windowEnd()).isEqualTo(day(TODAY.plusDays(31)).toInstant());
    Assertions.assertThat(scheduled.releaseReportDeadline())
        .isEqualTo(day(TODAY.plusDays(60).plus(POLICY.releaseReportGrace())).toInstant());
    driver.fireTimer(id, Elements.ACCESS_WINDOW_OPENS);
    assertThat(pi).isWaitingAt(Elements.EVALUATE_MODEL, Elements.SELECT_TRUSTED_PARTNERS);
    assertThat(task(Elements.EVALUATE_MODEL, pi)).hasCandidateGroup("nsa-evaluation");
    driver.evaluateModel(id);
    Assertions.assertThat(driver.record(id).windowClosedBy()).isEqualTo("EVALUATION_COMPLETED");
    Assertions.assertThat(driver.record(id).windowClosedAt()).isNotNull();

    driver.proposePartners(id, "CISA Lab", "Hospital Alpha");
    driver.vetPartners(id);
    assertThat(pi).isWaitingAt(Elements.AWAIT_RELEASE);
    Assertions.assertThat(driver.partnerNames(id, PartnerRecord.Status.APPROVED))
        .containsExactly("CISA Lab", "Hospital Alpha");

    driver.reportRelease(id);
    assertThat(pi).hasPassedInOrder(Elements.REVIEW_INTAKE, Elements.ASSESS_DESIGNATION,
        Elements.SHARE_ASSESSMENT, Elements.DECIDE_ACCESS_OFFER, Elements.PREPARE_ACCESS_TERMS,
        Elements.ACCEPT_ACCESS_TERMS, Elements.SCHEDULE_ACCESS_WINDOW, Elements.AWAIT_RELEASE,
        Elements.END_RELEASED_TO_TRUSTED_PARTNERS);
    assertThat(pi).hasPassed(Elements.CLOSE_ACCESS_WINDOW).isEnded();
  }

  @Clause("3(b)(i)")
  @Test
  void incompleteInquiryStartsNoEngagement() {
    Map<String, Object> inquiry = new java.util.HashMap<>();
    inquiry.put(Vars.ORGANIZATION, "Acme Corp");
    inquiry.put(Vars.MODEL_NAME, "Roadrunner");
    inquiry.put(Vars.CONTACT_EMAIL, "nobody");
    inquiry.put(Vars.PLANNED_PARTNER_RELEASE_DATE, "next spring");
    assertThatThrownBy(() -> BpmnAwareTests.runtimeService()
        .startProcessInstanceByKey(EngagementProcess.PROCESS_ID, "incomplete", inquiry))
        .isInstanceOf(InvalidSubmissionException.class)
        .hasMessageContaining("organization must be lower-case")
        .hasMessageContaining("modelVersion is required")
        .hasMessageContaining("contactEmail is not an e-mail address")
        .hasMessageContaining("plannedPartnerReleaseDate is not a date");
    assertNothingStarted("incomplete");
  }

  /**
   * A partner release planned for a day gone by is refused, nothing started; yesterday (UTC) is
   * still taken, for a developer whose calendar is behind UTC.
   */
  @Clause("3(b)(ii) period")
  @Test
  void inquiryWithAPartnerReleaseInThePastStartsNoEngagement() {
    ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 12, 21).atTime(3, 0).toInstant(ZoneOffset.UTC)));
    Map<String, Object> inquiry = EngagementProcess.inquiry("acme", "Roadrunner", "4.1", "A frontier model",
        "security@acme.invalid", "2026-12-19");
    assertThatThrownBy(() -> BpmnAwareTests.runtimeService()
        .startProcessInstanceByKey(EngagementProcess.PROCESS_ID, "released-before", inquiry))
        .isInstanceOf(InvalidSubmissionException.class)
        .hasMessageContaining("plannedPartnerReleaseDate is in the past (2026-12-19)");
    assertNothingStarted("released-before");
    BpmnAwareTests.runtimeService().startProcessInstanceByKey(EngagementProcess.PROCESS_ID, "released-yesterday",
        EngagementProcess.inquiry("acme", "Roadrunner", "4.1", "A frontier model", "security@acme.invalid",
            "2026-12-20"));
    Assertions.assertThat(driver.record("released-yesterday").plannedRelease()).isEqualTo(LocalDate.of(2026, 12, 20));
  }

  /**
   * A name, version or description of nothing visible (a Hangul filler, a blank Braille pattern,
   * a zero-width space) is refused as an empty one is: reviewers would read "Review intake:  (acme)".
   */
  @Clause("3(b)(i)")
  @Test
  void anInquiryWhoseTextsShowNothingStartsNoEngagement() {
    Map<String, Object> inquiry = new java.util.HashMap<>();
    inquiry.put(Vars.ORGANIZATION, "acme");
    inquiry.put(Vars.MODEL_NAME, "\u3164");
    inquiry.put(Vars.MODEL_VERSION, "\u2800");
    inquiry.put(Vars.DESCRIPTION, "\u115f\u1160\uffa0");
    inquiry.put(Vars.CONTACT_EMAIL, "security@acme.invalid");
    assertThatThrownBy(() -> BpmnAwareTests.runtimeService()
        .startProcessInstanceByKey(EngagementProcess.PROCESS_ID, "invisible", inquiry))
        .isInstanceOf(InvalidSubmissionException.class)
        .hasMessageContaining("modelName must show at least one visible character")
        .hasMessageContaining("modelVersion must show at least one visible character")
        .hasMessageContaining("description must show at least one visible character");
    assertNothingStarted("invisible");
  }

  /** A refused inquiry leaves no process and no record under its business key. */
  private void assertNothingStarted(String businessKey) {
    Assertions.assertThat(BpmnAwareTests.runtimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(businessKey).count()).isZero();
    Assertions.assertThat(new EngagementRecord(ProcessWiring.dataSource(processEngine)).find(businessKey))
        .as("a refused inquiry leaves no record").isEmpty();
  }

  /** A clarification that shows nothing is no answer: refused, and the question stays open. */
  @Test
  void aClarificationThatShowsNothingIsRefused() {
    String id = driver.submitInquiry();
    ProcessInstance pi = driver.engagement(id);
    driver.reviewIntake(id, IntakeOutcome.CLARIFICATION_NEEDED);
    for (String nothing : List.of("\u200b", "\u3164", "\u2800 \u2800")) {
      assertThatThrownBy(() -> driver.completeAs(EngagementDriver.DEVELOPER, id, Elements.PROVIDE_CLARIFICATION,
          Map.of(Vars.CLARIFICATION_TEXT, nothing)))
          .rootCause().hasMessageContaining("clarificationText must show at least one visible character");
    }
    assertThat(pi).isWaitingAt(Elements.PROVIDE_CLARIFICATION);
    Assertions.assertThat(driver.record(id).clarificationText()).isNull();
  }

  @Clause("3(b)(i)")
  @Test
  void outOfScopeInquiryEnds() {
    String id = driver.submitInquiry();
    ProcessInstance pi = driver.engagement(id);
    driver.reviewIntake(id, IntakeOutcome.OUT_OF_SCOPE);
    assertThat(pi).hasPassed(Elements.END_OUT_OF_SCOPE).isEnded();
    Assertions.assertThat(driver.record(id).intakeOutcome()).isEqualTo(IntakeOutcome.OUT_OF_SCOPE.name());
    Assertions.assertThat(driver.record(id).intakeNote()).isEqualTo("Which base model?");
  }

  @Clause("3(b)(i)")
  @Test
  void clarificationRoundReturnsToIntake() {
    String id = driver.submitInquiry();
    ProcessInstance pi = driver.engagement(id);
    driver.reviewIntake(id, IntakeOutcome.CLARIFICATION_NEEDED);
    assertThat(pi).isWaitingAt(Elements.PROVIDE_CLARIFICATION);
    assertThat(task(pi)).hasCandidateGroup("org-acme");
    driver.provideClarification(id);
    assertThat(pi).isWaitingAt(Elements.REVIEW_INTAKE);
    Assertions.assertThat(driver.record(id).clarificationText())
        .isEqualTo("The model is a fine-tune of 4.0 with tool use.");
    // the second review shows what intake asked and what the developer answered
    Assertions.assertThat(processEngine.getFormService().getTaskFormVariables(task(pi).getId()))
        .containsEntry(Vars.PREVIOUS_QUESTION, "Which base model?")
        .containsEntry(Vars.CLARIFICATION_ANSWER, "The model is a fine-tune of 4.0 with tool use.");
    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
    assertThat(pi).isWaitingAt(Elements.ASSESS_DESIGNATION);
  }

  @Test
  void overdueIntakeIsEscalatedAndStaysOpenUntilReviewed() {
    String id = driver.submitInquiry();
    ProcessInstance pi = driver.engagement(id);
    Task intake = task(pi);
    // created Tuesday 2026-12-01: five working days are Dec 2, 3, 4, 7 and 8
    Assertions.assertThat(intake.getDueDate()).isEqualTo(Escalated.closeOfBusiness(LocalDate.of(2026, 12, 8)));
    Assertions.assertThat(driver.timer(id, "BoundaryEvent_IntakeOverdue").getDuedate()).isEqualTo(intake.getDueDate());

    driver.fireTimer(id, "BoundaryEvent_IntakeOverdue");
    Escalated.assertEscalated(processEngine, intake, pi.getId(), "nsa-intake");
    assertThat(pi).hasPassed("EndEvent_IntakeEscalated").isWaitingAt(Elements.REVIEW_INTAKE);
    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
    assertThat(pi).isWaitingAt(Elements.ASSESS_DESIGNATION);
  }

  @Test
  void anEscalationsVariableNeitherStopsNorAddsEscalations() {
    String id = driver.submitInquiry();
    ProcessInstance pi = driver.engagement(id);
    Task intake = task(pi);
    // what the old design kept in a variable: anyone who can set variables cannot forge or clear the list
    processEngine.getRuntimeService().setVariable(pi.getId(), "escalations",
        "[{\"task\":\"UserTask_DecideDesignation\",\"groups\":[\"nsa-director\"]}]");
    Assertions.assertThat(Escalated.escalations(processEngine, id)).as("nothing escalated yet").isEmpty();
    driver.fireTimer(id, "BoundaryEvent_IntakeOverdue");
    Escalated.assertEscalated(processEngine, intake, pi.getId(), "nsa-intake");
    Assertions.assertThat(Escalated.escalations(processEngine, id)).singleElement()
        .satisfies(escalation -> Assertions.assertThat(escalation.task()).isEqualTo(Elements.REVIEW_INTAKE));
  }

  @Test
  void anOverdueStepOfTheAssessmentIsListedOnTheEngagementItself() {
    String id = driver.submitInquiry();
    ProcessInstance pi = driver.engagement(id);
    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
    Task benchmark = driver.task(id, DesignationProcess.Elements.RECORD_BENCHMARK_RESULTS);
    driver.fireTimer(id, "BoundaryEvent_BenchmarkOverdue");
    // the escalation runs in the called assessment; administrators find it on the engagement
    Escalated.assertEscalated(processEngine, benchmark, pi.getId(), "nsa-benchmark");
    Assertions.assertThat(Escalated.escalations(processEngine, id)).as("recorded under the engagement's id")
        .singleElement().satisfies(escalation ->
            Assertions.assertThat(escalation.task()).isEqualTo(DesignationProcess.Elements.RECORD_BENCHMARK_RESULTS));
  }

  @Test
  void overdueAccessTermsAreEscalatedAcrossTheChristmasHoliday() {
    ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 12, 21).atTime(15, 0).toInstant(ZoneOffset.UTC)));
    String id = driver.submitInquiry(LocalDate.of(2027, 3, 1));
    ProcessInstance pi = driver.engagement(id);
    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
    designate(id, true);
    driver.offerAccess(id, LocalDate.of(2026, 12, 24), 30, LocalDate.of(2027, 3, 1));
    Task terms = task(pi);
    // from Monday 2026-12-21: Dec 22, 23, 24, (25 is Christmas) 28, 29
    Assertions.assertThat(terms.getDueDate()).isEqualTo(Escalated.closeOfBusiness(LocalDate.of(2026, 12, 29)));
    driver.fireTimer(id, "BoundaryEvent_AccessTermsOverdue");
    Escalated.assertEscalated(processEngine, terms, pi.getId(), "access-counsel");
    assertThat(pi).hasPassed("EndEvent_AccessTermsEscalated").isWaitingAt(Elements.PREPARE_ACCESS_TERMS);
  }

  @Clause("3(b)(ii) period")
  @Test
  void theAccessWindowStaysInCalendarDaysOverHolidaysWhileAgencyDeadlinesSkipThem() {
    ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 12, 21).atTime(15, 0).toInstant(ZoneOffset.UTC)));
    String id = driver.submitInquiry(LocalDate.of(2027, 3, 1));
    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
    designate(id, true);
    // 30 days from Christmas Eve span Christmas, New Year's Day, four weekends and MLK day's week
    driver.offerAccess(id, LocalDate.of(2026, 12, 24), 30, LocalDate.of(2027, 3, 1));
    driver.prepareTerms(id);
    driver.acceptTerms(id, true);
    Assertions.assertThat(driver.timer(id, Elements.ACCESS_WINDOW_OPENS).getDuedate())
        .isEqualTo(EngagementDriver.day(LocalDate.of(2026, 12, 24)));
    driver.fireTimer(id, Elements.ACCESS_WINDOW_OPENS);
    Assertions.assertThat(driver.timer(id, Elements.ACCESS_WINDOW_EXPIRED).getDuedate())
        .as("30 calendar days, never 30 working days")
        .isEqualTo(EngagementDriver.day(LocalDate.of(2027, 1, 23)));
    Assertions.assertThat(task(driver.engagement(id)).getDueDate()).as("the evaluation is due when the window closes")
        .isEqualTo(EngagementDriver.day(LocalDate.of(2027, 1, 23)));
    Assertions.assertThat(driver.timer(id, "BoundaryEvent_EvaluationReminder").getDuedate())
        .as("escalated three calendar days before").isEqualTo(EngagementDriver.day(LocalDate.of(2027, 1, 20)));
  }

  @Test
  void unansweredClarificationLapsesAfterThePolicyPeriod() {
    String id = driver.submitInquiry();
    ProcessInstance pi = driver.engagement(id);
    driver.reviewIntake(id, IntakeOutcome.CLARIFICATION_NEEDED);
    Assertions.assertThat(driver.timer(id, Elements.CLARIFICATION_LAPSED).getDuedate())
        .isEqualTo(inPolicyPeriod(POLICY.clarificationTimeout()));
    driver.fireTimer(id, Elements.CLARIFICATION_LAPSED);
    assertThat(pi).hasPassed(Elements.END_INQUIRY_LAPSED).isEnded();
  }

  @Test
  void modelNotDesignatedEndsNotCovered() {
    String id = driver.submitInquiry();
    ProcessInstance pi = driver.engagement(id);
    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
    designate(id, false);
    assertThat(pi).hasPassed(Elements.SHARE_ASSESSMENT, Elements.END_NOT_COVERED).isEnded();
    Assertions.assertThat(driver.record(id).designated()).isFalse();
    Assertions.assertThat(driver.record(id).assessmentSummary()).isEqualTo("The model does not meet the designation.");
    Assertions.assertThat(driver.record(id).assessmentSharedAt()).isNotNull();
  }

  @Test
  void developerDeclinesAccessOffer() {
    String id = designatedEngagement(TODAY.plusDays(60));
    ProcessInstance pi = driver.engagement(id);
    driver.declineAccessOffer(id);
    assertThat(pi).hasPassed(Elements.END_ACCESS_NOT_OFFERED).isEnded();
  }

  @Test
  void silentDeveloperLapsesAccessOffer() {
    String id = designatedEngagement(TODAY.plusDays(60));
    ProcessInstance pi = driver.engagement(id);
    driver.fireTimer(id, Elements.ACCESS_OFFER_LAPSED);
    assertThat(pi).hasPassed(Elements.END_ACCESS_NOT_OFFERED).isEnded();
  }

  @Clause("3(b)(ii) terms")
  @Test
  void termsAcceptedWithoutAllSixAcknowledgmentsAreDeclined() {
    String id = designatedEngagement(TODAY.plusDays(60));
    ProcessInstance pi = driver.engagement(id);
    driver.offerAccess(id, TODAY.plusDays(1), 20, TODAY.plusDays(60));
    driver.prepareTerms(id);
    driver.acceptTerms(id, false);
    Assertions.assertThat(driver.record(id).termsAccepted()).isFalse();
    assertThat(pi).hasPassed(Elements.END_ACCESS_NOT_OFFERED).hasNotPassed(Elements.SCHEDULE_ACCESS_WINDOW)
        .isEnded();
  }

  @Clause("3(b)(ii) terms")
  @Test
  void termsArePreparedOnlyWithATermsDocumentAndAcceptedOnlyByItsHash() {
    String id = designatedEngagement(TODAY.plusDays(60));
    ProcessInstance pi = driver.engagement(id);
    driver.offerAccess(id, TODAY.plusDays(1), 20, TODAY.plusDays(60));
    assertThatThrownBy(() -> driver.completeAs("access-counsel", id, Elements.PREPARE_ACCESS_TERMS,
        Map.of(Vars.ACCESS_TERMS_REFERENCE, "TERMS-1")))
        .hasRootCauseInstanceOf(InvalidSubmissionException.class).rootCause().hasMessageContaining("terms document");
    assertThat(pi).isWaitingAt(Elements.PREPARE_ACCESS_TERMS);

    driver.prepareTerms(id);
    String attached = dev.frontierengage.documents.MultipartBody.sha256(EngagementDriver.TERMS_PDF);
    Assertions.assertThat(driver.record(id).termsSha256()).isEqualTo(attached);
    Assertions.assertThat(driver.record(id).termsDocumentId()).startsWith("doc_");
    Map<String, Object> answer = new java.util.HashMap<>(Map.of(Vars.ACCEPT_TERMS, true,
        Vars.ACCEPTED_TERMS_SHA256, dev.frontierengage.documents.MultipartBody.sha256(new byte[] {1})));
    for (var requirement : dev.frontierengage.access.AccessRequirement.values()) {
      answer.put(requirement.name(), true);
    }
    assertThatThrownBy(() -> driver.completeAs(EngagementDriver.DEVELOPER, id, Elements.ACCEPT_ACCESS_TERMS, answer))
        .hasRootCauseInstanceOf(InvalidSubmissionException.class).rootCause()
        .hasMessageContaining(Vars.ACCEPTED_TERMS_SHA256);
    assertThat(pi).isWaitingAt(Elements.ACCEPT_ACCESS_TERMS);
    Assertions.assertThat(driver.record(id).termsAccepted()).isNull();

    driver.acceptTerms(id, true);
    Assertions.assertThat(driver.record(id).termsAcceptedSha256()).isEqualTo(attached);
    assertThat(pi).hasPassed(Elements.SCHEDULE_ACCESS_WINDOW);
  }

  @Clause("3(b)(ii) terms")
  @Test
  void termsNotAcceptedInTimeLapse() {
    String id = designatedEngagement(TODAY.plusDays(60));
    ProcessInstance pi = driver.engagement(id);
    driver.offerAccess(id, TODAY.plusDays(1), 20, TODAY.plusDays(60));
    driver.prepareTerms(id);
    driver.fireTimer(id, Elements.TERMS_ACCEPTANCE_LAPSED);
    assertThat(pi).hasPassed(Elements.END_ACCESS_NOT_OFFERED).isEnded();
  }

  @Clause("3(b)(ii) period")
  @Test
  void accessWindowExpiresAtItsEnd() {
    String id = inAccessWindow();
    ProcessInstance pi = driver.engagement(id);
    Assertions.assertThat(driver.timer(id, Elements.ACCESS_WINDOW_EXPIRED).getDuedate())
        .isEqualTo(day(TODAY.plusDays(1 + 30)));
    driver.fireTimer(id, Elements.ACCESS_WINDOW_EXPIRED);
    Assertions.assertThat(driver.record(id).windowClosedBy()).isEqualTo("EXPIRED");
    Assertions.assertThat(driver.record(id).windowClosedAt()).as("at its end, not when the timer ran")
        .isEqualTo(day(TODAY.plusDays(1 + 30)).toInstant());
    assertThat(pi).hasPassed(Elements.CLOSE_ACCESS_WINDOW).isWaitingAt(Elements.SELECT_TRUSTED_PARTNERS);
    Assertions.assertThat(driver.findings(id)).isEmpty();
    Assertions.assertThat(BpmnAwareTests.taskQuery().taskDefinitionKey(Elements.EVALUATE_MODEL).count())
        .isZero();
  }

  @Test
  void theEvaluationIsDueWhenTheWindowClosesAndEscalatedThreeDaysBefore() {
    String id = inAccessWindow();
    ProcessInstance pi = driver.engagement(id);
    Task evaluation = driver.task(id, Elements.EVALUATE_MODEL);
    Date closes = driver.timer(id, Elements.ACCESS_WINDOW_EXPIRED).getDuedate();
    Assertions.assertThat(evaluation.getDueDate()).isEqualTo(closes);
    Assertions.assertThat(driver.timer(id, "BoundaryEvent_EvaluationReminder").getDuedate())
        .isEqualTo(Date.from(closes.toInstant().minus(java.time.Duration.ofDays(3))));
    driver.fireTimer(id, "BoundaryEvent_EvaluationReminder");
    Escalated.assertEscalated(processEngine, evaluation, pi.getId(), "nsa-evaluation");
    assertThat(pi).hasPassed("EndEvent_EvaluationEscalated").isWaitingAt(Elements.EVALUATE_MODEL);
    driver.evaluateModel(id);
    Assertions.assertThat(driver.findings(id)).isNotEmpty();
  }

  /**
   * The window's closing records when, even reached by no flow that does (an administrator's
   * modification of the instance, which runs no take listener): the time is the closing's own.
   */
  @Test
  void theWindowsClosingReachedByNoClosingFlowStillRecordsWhen() {
    String id = inAccessWindow();
    ProcessInstance pi = driver.engagement(id);
    ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 3_600_000));
    processEngine.getRuntimeService().createProcessInstanceModification(pi.getId())
        .startBeforeActivity(Elements.CLOSE_ACCESS_WINDOW).execute();
    Assertions.assertThat(driver.record(id).windowClosedBy()).isNull();
    Assertions.assertThat(driver.record(id).windowClosedAt()).isEqualTo(ClockUtil.getCurrentTime().toInstant());
  }

  @Test
  void developerEndsAccessEarly() {
    String id = inAccessWindow();
    ProcessInstance pi = driver.engagement(id);
    driver.endAccessEarly(id);
    Assertions.assertThat(driver.record(id).windowClosedBy()).isEqualTo("DEVELOPER");
    Assertions.assertThat(driver.record(id).windowClosedAt()).isEqualTo(ClockUtil.getCurrentTime().toInstant());
    assertThat(pi).hasPassed(Elements.CLOSE_ACCESS_WINDOW).isWaitingAt(Elements.SELECT_TRUSTED_PARTNERS);
  }

  /** Withdrawing ends government access: a window open then closes with it, now. */
  @Clause("3(c)")
  @Test
  void aWithdrawalInTheWindowClosesItNow() {
    String id = inAccessWindow();
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 3_600_000));
    driver.withdraw(id);
    Assertions.assertThat(driver.record(id).windowClosedBy()).isEqualTo(EngagementRecord.WINDOW_WITHDRAWN);
    Assertions.assertThat(driver.record(id).windowClosedAt()).isEqualTo(ClockUtil.getCurrentTime().toInstant());
  }

  /**
   * Government access ends at the window's end, whatever runs first once that has passed: the
   * window's own timer late (the job executor busy or down), or, before it ran, a withdrawal, the
   * developer ending access or the findings. Each records the window expired at its end, never
   * open longer than agreed.
   */
  @Clause("3(b)(ii) period")
  @Test
  void aWindowWhoseEndHasPassedClosedAtItsEndWhateverRunsFirst() {
    Map<String, java.util.function.Consumer<String>> closings = new java.util.LinkedHashMap<>();
    closings.put("its timer, late", id -> driver.fireTimer(id, Elements.ACCESS_WINDOW_EXPIRED));
    closings.put("a withdrawal", driver::withdraw);
    closings.put("the developer ending access", driver::endAccessEarly);
    closings.put("the findings", driver::evaluateModel);
    closings.forEach((what, closing) -> {
      EngagementDriver.resetClock();
      String id = inAccessWindow();
      Instant end = driver.record(id).windowEnd();
      ClockUtil.setCurrentTime(Date.from(end.plus(java.time.Duration.ofHours(6))));
      closing.accept(id);
      Assertions.assertThat(driver.record(id).windowClosedBy()).as(what).isEqualTo("EXPIRED");
      Assertions.assertThat(driver.record(id).windowClosedAt()).as(what).isEqualTo(end);
    });
  }

  /**
   * A window whose end has passed when its opening timer runs opens nothing: no evaluation is
   * asked of the government after the window (nor escalated), the window is recorded expired at
   * its end. So for terms accepted once the planned partner release has passed (the window is
   * empty: access comes before release or not at all), and for a window whose opening timer runs
   * only after its end (the job executor down all through it).
   */
  @Clause("3(b)(ii) period")
  @Test
  void aWindowWhoseEndHasPassedWhenItWouldOpenNeverOpens() {
    String afterRelease = designatedEngagement(TODAY.plusDays(60));
    driver.offerAccess(afterRelease, TODAY.plusDays(1), 1, TODAY.plusDays(2));
    driver.prepareTerms(afterRelease);
    ClockUtil.setCurrentTime(Date.from(TODAY.plusDays(5).atTime(10, 0).toInstant(ZoneOffset.UTC)));
    driver.acceptTerms(afterRelease, true);
    EngagementRecord.Engagement empty = driver.record(afterRelease);
    Assertions.assertThat(empty.windowEnd()).as("nothing left before the release").isEqualTo(empty.windowStart());

    EngagementDriver.resetClock();
    String late = inAccessWindowScheduled();
    EngagementRecord.Engagement agreed = driver.record(late);
    ClockUtil.setCurrentTime(Date.from(agreed.windowEnd().plus(java.time.Duration.ofHours(1))));

    for (String id : List.of(afterRelease, late)) {
      EngagementRecord.Engagement scheduled = driver.record(id);
      driver.fireTimer(id, Elements.ACCESS_WINDOW_OPENS);
      assertThat(driver.engagement(id)).hasPassed(Elements.END_WINDOW_ALREADY_ENDED, Elements.CLOSE_ACCESS_WINDOW)
          .hasNotPassed(Elements.EVALUATE_MODEL)
          .isWaitingAt(Elements.SELECT_TRUSTED_PARTNERS);
      Assertions.assertThat(driver.record(id).windowClosedBy()).isEqualTo("EXPIRED");
      Assertions.assertThat(driver.record(id).windowClosedAt()).isEqualTo(scheduled.windowEnd());
      Assertions.assertThat(BpmnAwareTests.taskQuery().processInstanceBusinessKey(id)
          .taskDefinitionKey(Elements.EVALUATE_MODEL).count()).as("no evaluation asked for").isZero();
    }
  }

  /** A window scheduled to begin later, and withdrawn before: it closes at its start, having never opened. */
  @Test
  void aWithdrawalBeforeTheWindowBeganClosesItAtItsStart() {
    String id = designatedEngagement(TODAY.plusDays(60));
    driver.offerAccess(id, TODAY.plusDays(3), 30, TODAY.plusDays(60));
    driver.prepareTerms(id);
    driver.acceptTerms(id, true);
    EngagementRecord.Engagement scheduled = driver.record(id);
    Assertions.assertThat(scheduled.windowStart()).isAfter(ClockUtil.getCurrentTime().toInstant());
    driver.withdraw(id);
    Assertions.assertThat(driver.record(id).windowClosedBy()).isEqualTo(EngagementRecord.WINDOW_WITHDRAWN);
    Assertions.assertThat(driver.record(id).windowClosedAt()).isEqualTo(scheduled.windowStart());
  }

  /** A window the developer ends before it began closes at its start too: it never opened. */
  @Test
  void accessEndedEarlyBeforeTheWindowBeganClosesItAtItsStart() {
    String id = designatedEngagement(TODAY.plusDays(60));
    ProcessInstance pi = driver.engagement(id);
    driver.offerAccess(id, TODAY.plusDays(3), 30, TODAY.plusDays(60));
    driver.prepareTerms(id);
    driver.acceptTerms(id, true);
    EngagementRecord.Engagement scheduled = driver.record(id);
    Assertions.assertThat(scheduled.windowStart()).isAfter(ClockUtil.getCurrentTime().toInstant());
    driver.endAccessEarly(id);
    assertThat(pi).hasPassed(Elements.CLOSE_ACCESS_WINDOW).hasNotPassed(Elements.EVALUATE_MODEL);
    Assertions.assertThat(driver.record(id).windowClosedBy()).isEqualTo("DEVELOPER");
    Assertions.assertThat(driver.record(id).windowClosedAt()).isEqualTo(scheduled.windowStart());
  }

  /** A window that closed before the withdrawal keeps how and when it closed; none scheduled stays none. */
  @Test
  void aWithdrawalChangesNoWindowThatClosedOrNeverWasScheduled() {
    String closed = inAccessWindow();
    driver.endAccessEarly(closed);
    Instant closedAt = driver.record(closed).windowClosedAt();
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 3_600_000));
    driver.withdraw(closed);
    Assertions.assertThat(driver.record(closed).windowClosedBy()).isEqualTo("DEVELOPER");
    Assertions.assertThat(driver.record(closed).windowClosedAt()).isEqualTo(closedAt);

    String none = designatedEngagement(TODAY.plusDays(60));
    driver.withdraw(none);
    Assertions.assertThat(driver.record(none).windowClosedBy()).isNull();
    Assertions.assertThat(driver.record(none).windowClosedAt()).isNull();
  }

  @Clause("3(c)")
  @Test
  void engagementClosesWhenNoReleaseIsReported() {
    String id = inAccessWindow();
    ProcessInstance pi = driver.engagement(id);
    driver.evaluateModel(id);
    driver.proposePartners(id, "CISA Lab");
    driver.vetPartners(id);
    assertThat(pi).isWaitingAt(Elements.AWAIT_RELEASE);
    Assertions.assertThat(driver.timer(id, Elements.RELEASE_REPORT_OVERDUE).getDuedate())
        .isEqualTo(day(TODAY.plusDays(60).plus(POLICY.releaseReportGrace())));
    driver.fireTimer(id, Elements.RELEASE_REPORT_OVERDUE);
    assertThat(pi).hasPassed(Elements.END_ENGAGEMENT_CLOSED).isEnded();
  }

  @Clause("3(b)(ii) period")
  @Test
  void accessOfferOverTheCapIsRefusedAndChangesNothing() {
    assertOfferRefused(TODAY.plusDays(1), POLICY.accessCapDays() + 1, TODAY.plusDays(90), "exceeds the cap");
  }

  @Clause("3(b)(ii) period")
  @Test
  void accessOfferEndingAfterPlannedReleaseIsRefused() {
    assertOfferRefused(TODAY.plusDays(10), 30, TODAY.plusDays(30), "after the planned partner release");
  }

  @Test
  void accessOfferStartingInThePastIsRefused() {
    assertOfferRefused(TODAY.minusDays(1), 10, TODAY.plusDays(60), "in the past");
  }

  @Test
  void accessOfferOfNoDaysIsRefused() {
    assertOfferRefused(TODAY.plusDays(1), 0, TODAY.plusDays(60), "at least 1");
  }

  @Test
  void accessOfferAtExactlyTheCapIsAccepted() {
    String id = designatedEngagement(TODAY.plusDays(60));
    driver.offerAccess(id, TODAY, POLICY.accessCapDays(), TODAY.plusDays(POLICY.accessCapDays()));
    assertThat(driver.engagement(id)).isWaitingAt(Elements.PREPARE_ACCESS_TERMS);
  }

  @Clause("3(b)(ii) period")
  @Test
  void engagementsKeepThePolicyTheyStartedUnder() {
    ProcessWiring.register(processEngine, ConfiguredPolicy.withActive(ConfiguredPolicy.DRAFT));
    String underDraft = designatedEngagement(TODAY.plusDays(120));
    ProcessWiring.register(processEngine, ConfiguredPolicy.load());
    String underSigned = designatedEngagement(TODAY.plusDays(120));

    assertThatThrownBy(() -> driver.offerAccess(underSigned, TODAY.plusDays(1), 60, TODAY.plusDays(120)))
        .rootCause().hasMessageContaining("exceeds the cap of 30 calendar days");
    driver.offerAccess(underDraft, TODAY.plusDays(1), 60, TODAY.plusDays(120));

    assertThat(driver.engagement(underDraft)).isWaitingAt(Elements.PREPARE_ACCESS_TERMS);
    Assertions.assertThat(driver.record(underDraft).policyId()).isEqualTo(ConfiguredPolicy.DRAFT);
    Assertions.assertThat(driver.record(underDraft).policy().accessCapDays()).isEqualTo(90);
    Assertions.assertThat(driver.record(underDraft).accessDays()).isEqualTo(60);
    Assertions.assertThat(driver.record(underSigned).policyId()).isEqualTo("eo-14409");
    Assertions.assertThat(driver.record(underSigned).policy().accessCapDays()).isEqualTo(30);
  }

  @Clause("3(b)(ii) period")
  @Test
  void theDeveloperCannotRaiseTheCapAlongWithTheOffer() {
    String id = designatedEngagement(TODAY.plusDays(400));
    ProcessInstance pi = driver.engagement(id);
    Map<String, Object> offer = EngagementDriver.accessOffer(TODAY.plusDays(1), 365, TODAY.plusDays(400));
    offer.put(Vars.ACCESS_CAP_DAYS, 365);

    assertThatThrownBy(() -> driver.completeAs(EngagementDriver.DEVELOPER, id,
        Elements.DECIDE_ACCESS_OFFER, offer))
        .hasRootCauseInstanceOf(InvalidSubmissionException.class)
        .rootCause().hasMessageContaining("exceeds the cap of " + POLICY.accessCapDays() + " calendar days");
    assertThat(pi).isWaitingAt(Elements.DECIDE_ACCESS_OFFER);
    Assertions.assertThat(driver.record(id).policy().accessCapDays()).isEqualTo(POLICY.accessCapDays());
    Assertions.assertThat(driver.record(id).offerAccess()).isNull();

    // an offer the rules allow, sent with a cap of its own: the offer counts, the cap does not
    Map<String, Object> allowed = EngagementDriver.accessOffer(TODAY.plusDays(1), POLICY.accessCapDays(),
        TODAY.plusDays(400));
    allowed.put(Vars.ACCESS_CAP_DAYS, 365);
    driver.completeAs(EngagementDriver.DEVELOPER, id, Elements.DECIDE_ACCESS_OFFER, allowed);
    assertThat(pi).isWaitingAt(Elements.PREPARE_ACCESS_TERMS);
    Assertions.assertThat(driver.record(id).policy().accessCapDays()).isEqualTo(POLICY.accessCapDays());
    Assertions.assertThat(driver.record(id).accessDays()).isEqualTo(POLICY.accessCapDays());
  }

  @Test
  void acceptingTheTermsCannotChangeTheAgreedWindow() {
    String id = designatedEngagement(TODAY.plusDays(400));
    ProcessInstance pi = driver.engagement(id);
    driver.offerAccess(id, TODAY.plusDays(1), 10, TODAY.plusDays(400));
    driver.prepareTerms(id);
    Map<String, Object> answer = new java.util.HashMap<>(Map.of(Vars.ACCEPT_TERMS, true,
        Vars.ACCESS_DAYS, 365, Vars.ACCEPTED_TERMS_SHA256, driver.record(id).termsSha256()));
    for (var requirement : dev.frontierengage.access.AccessRequirement.values()) {
      answer.put(requirement.name(), true);
    }

    driver.completeAs(EngagementDriver.DEVELOPER, id, Elements.ACCEPT_ACCESS_TERMS, answer);
    assertThat(pi).isWaitingAt(Elements.ACCESS_WINDOW_OPENS, Elements.SELECT_TRUSTED_PARTNERS);
    Assertions.assertThat(driver.record(id).accessDays()).as("the agreed days").isEqualTo(10);
    Assertions.assertThat(driver.record(id).windowEnd()).as("the agreed window")
        .isEqualTo(day(TODAY.plusDays(1 + 10)).toInstant());
    driver.fireTimer(id, Elements.ACCESS_WINDOW_OPENS);
    Assertions.assertThat(driver.timer(id, Elements.ACCESS_WINDOW_EXPIRED).getDuedate())
        .isEqualTo(day(TODAY.plusDays(1 + 10)));
  }

  @Test
  void termsAcceptedAfterTheOfferedStartOpenTheWindowThatDayForTheAgreedDays() {
    String id = designatedEngagement(TODAY.plusDays(60));
    ProcessInstance pi = driver.engagement(id);
    driver.offerAccess(id, TODAY.plusDays(1), 30, TODAY.plusDays(60));
    driver.prepareTerms(id);
    ClockUtil.setCurrentTime(Date.from(TODAY.plusDays(25).atTime(10, 0).toInstant(ZoneOffset.UTC)));
    driver.acceptTerms(id, true);

    Assertions.assertThat(driver.record(id).windowStart()).isEqualTo(day(TODAY.plusDays(25)).toInstant());
    Assertions.assertThat(driver.record(id).windowEnd()).isEqualTo(day(TODAY.plusDays(55)).toInstant());
  }

  @Test
  void aReviewAfterClarificationNeedsItsOwnOutcome() {
    String id = driver.submitInquiry();
    ProcessInstance pi = driver.engagement(id);
    driver.reviewIntake(id, IntakeOutcome.CLARIFICATION_NEEDED);
    driver.provideClarification(id);

    assertThatThrownBy(() -> driver.completeAs("nsa-intake", id, Elements.REVIEW_INTAKE, Map.of()))
        .rootCause().hasMessageContaining("intakeOutcome is required");
    assertThat(pi).isWaitingAt(Elements.REVIEW_INTAKE);
  }

  @Clause("3(a) sharing")
  @Test
  void onlyTheReleasableFactsOfTheAssessmentReachTheEngagement() {
    String id = designatedEngagement(TODAY.plusDays(60));
    ProcessInstance pi = driver.engagement(id);
    // the releasable facts are in the record ...
    Assertions.assertThat(driver.record(id).designated()).isTrue();
    Assertions.assertThat(driver.record(id).assessmentSummary()).isNotBlank();
    // ... and no fact is a variable of the engagement: neither the inquiry, nor the policy, nor the assessment
    Set<String> names = new TreeSet<>(BpmnAwareTests.runtimeService().getVariables(pi.getId()).keySet());
    List<String> facts = new ArrayList<>(List.of(Vars.ORGANIZATION, Vars.MODEL_NAME,
        Vars.MODEL_VERSION, Vars.DESCRIPTION, Vars.CONTACT_EMAIL, Vars.PLANNED_PARTNER_RELEASE_DATE,
        Vars.POLICY_ID, Vars.ACCESS_CAP_DAYS, Vars.CONSULTATION_OFFICES, Vars.CONSULTATION_PERIOD,
        Vars.CLARIFICATION_TIMEOUT, Vars.ACCESS_OFFER_TIMEOUT, Vars.TERMS_ACCEPTANCE_TIMEOUT,
        Vars.RELEASE_REPORT_GRACE, Vars.PARTNER_CATEGORIES, Vars.INTAKE_OUTCOME, Vars.INTAKE_NOTE, Vars.DESIGNATED,
        Vars.ASSESSMENT_SUMMARY, Vars.ASSESSMENT_SHARED_AT, DesignationProcess.Vars.BENCHMARK_SUITE_VERSION,
        DesignationProcess.Vars.BENCHMARK_RECORDED_BY, DesignationProcess.Vars.RECOMMENDATION,
        DesignationProcess.Vars.OFFICE, DesignationProcess.Vars.POSITION, DesignationProcess.Vars.COMMENT,
        DesignationProcess.Vars.CONSULTATIONS, DesignationProcess.Vars.DECISION_RATIONALE,
        DesignationProcess.Vars.DECIDED_BY));
    facts.addAll(DesignationProcess.Vars.SCORES);
    Assertions.assertThat(names).doesNotContainAnyElementsOf(facts);
    Assertions.assertThat(names).as("facts are not variables: the engagement's own scope holds none").isEmpty();
  }

  /** Every state in which an engagement waits for someone, in this model or a called one. */
  static final List<String> WAIT_STATES = List.of(
      Elements.REVIEW_INTAKE, Elements.PROVIDE_CLARIFICATION,
      DesignationProcess.Elements.RECORD_BENCHMARK_RESULTS,
      DesignationProcess.Elements.PROVIDE_CONSULTATION,
      DesignationProcess.Elements.DECIDE_DESIGNATION,
      Elements.DECIDE_ACCESS_OFFER, Elements.PREPARE_ACCESS_TERMS, Elements.ACCEPT_ACCESS_TERMS,
      Elements.ACCESS_WINDOW_OPENS, Elements.EVALUATE_MODEL,
      PartnerSelectionProcess.Elements.PROPOSE_TRUSTED_PARTNERS,
      PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS,
      PartnerSelectionProcess.Elements.REVISE_TRUSTED_PARTNERS,
      Elements.AWAIT_RELEASE);

  @Test
  void withdrawalListNamesEveryWaitStateOfTheModels() {
    Set<String> inModels = new TreeSet<>();
    for (BpmnModelInstance model : Models.bpmn().values()) {
      for (Class<? extends FlowNode> type : List.of(UserTask.class, ReceiveTask.class,
          IntermediateCatchEvent.class, EventBasedGateway.class)) {
        model.getModelElementsByType(type).forEach(node -> inModels.add(node.getId()));
      }
    }
    Assertions.assertThat(new TreeSet<>(WAIT_STATES))
        .as("a wait state added to a model needs a withdrawal test here")
        .isEqualTo(inModels);
  }

  static List<String> waitStates() {
    return WAIT_STATES;
  }

  @Clause("3(c)")
  @ParameterizedTest(name = "withdrawn while waiting at {0}")
  @MethodSource("waitStates")
  void developerWithdrawsFromEveryWaitState(String waitState) {
    String id = driveTo(waitState);
    ProcessInstance pi = driver.engagement(id);
    Assertions.assertThat(waitingAt(id)).contains(waitState);

    driver.withdraw(id);

    assertThat(pi).hasPassed(Elements.END_WITHDRAWN).isEnded();
    Assertions.assertThat(driver.activeInstances(id)).as("called processes end with it").isZero();
    Assertions.assertThat(BpmnAwareTests.historyService().createHistoricVariableInstanceQuery()
        .processInstanceId(pi.getId()).variableName(Vars.WITHDRAWAL_REASON).count()).isOne();
  }

  @Test
  void withdrawnEngagementAcceptsNoFurtherWithdrawal() {
    String id = driver.submitInquiry();
    driver.withdraw(id);
    assertThatThrownBy(() -> driver.withdraw(id))
        .isInstanceOf(org.camunda.bpm.engine.MismatchingMessageCorrelationException.class);
  }

  private String driveTo(String waitState) {
    switch (waitState) {
      case Elements.REVIEW_INTAKE:
        return driver.submitInquiry();
      case Elements.PROVIDE_CLARIFICATION: {
        String id = driver.submitInquiry();
        driver.reviewIntake(id, IntakeOutcome.CLARIFICATION_NEEDED);
        return id;
      }
      case DesignationProcess.Elements.RECORD_BENCHMARK_RESULTS: {
        String id = driver.submitInquiry();
        driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
        return id;
      }
      case DesignationProcess.Elements.PROVIDE_CONSULTATION: {
        String id = driveTo(DesignationProcess.Elements.RECORD_BENCHMARK_RESULTS);
        driver.recordBenchmark(id, 70);
        return id;
      }
      case DesignationProcess.Elements.DECIDE_DESIGNATION: {
        String id = driveTo(DesignationProcess.Elements.PROVIDE_CONSULTATION);
        driver.consultAll(id, POLICY.consultationOffices());
        return id;
      }
      case Elements.DECIDE_ACCESS_OFFER:
        return designatedEngagement(TODAY.plusDays(60));
      case Elements.PREPARE_ACCESS_TERMS: {
        String id = designatedEngagement(TODAY.plusDays(60));
        driver.offerAccess(id, TODAY.plusDays(1), 30, TODAY.plusDays(60));
        return id;
      }
      case Elements.ACCEPT_ACCESS_TERMS: {
        String id = driveTo(Elements.PREPARE_ACCESS_TERMS);
        driver.prepareTerms(id);
        return id;
      }
      case Elements.ACCESS_WINDOW_OPENS:
      case PartnerSelectionProcess.Elements.PROPOSE_TRUSTED_PARTNERS: {
        String id = driveTo(Elements.ACCEPT_ACCESS_TERMS);
        driver.acceptTerms(id, true);
        return id;
      }
      case Elements.EVALUATE_MODEL:
        return inAccessWindow();
      case PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS: {
        String id = inAccessWindow();
        driver.proposePartners(id, "CISA Lab", "Hospital Alpha");
        return id;
      }
      case PartnerSelectionProcess.Elements.REVISE_TRUSTED_PARTNERS: {
        String id = driveTo(PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS);
        driver.vetPartners(id, "Hospital Alpha");
        return id;
      }
      case Elements.AWAIT_RELEASE: {
        String id = driveTo(PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS);
        driver.vetPartners(id);
        driver.evaluateModel(id);
        return id;
      }
      default:
        throw new IllegalArgumentException("no way to drive an engagement to " + waitState);
    }
  }

  private List<String> waitingAt(String id) {
    List<String> active = new ArrayList<>();
    for (ProcessInstance instance : BpmnAwareTests.runtimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(id).list()) {
      active.addAll(BpmnAwareTests.runtimeService().getActiveActivityIds(instance.getId()));
    }
    return active;
  }

  private void assertOfferRefused(LocalDate start, int days, LocalDate planned, String rule) {
    String id = designatedEngagement(TODAY.plusDays(60));
    ProcessInstance pi = driver.engagement(id);
    String taskId = driver.task(id, Elements.DECIDE_ACCESS_OFFER).getId();

    assertThatThrownBy(() -> driver.offerAccess(id, start, days, planned))
        .hasRootCauseInstanceOf(InvalidSubmissionException.class)
        .rootCause().hasMessageContaining(rule);

    assertThat(pi).isWaitingAt(Elements.DECIDE_ACCESS_OFFER);
    Assertions.assertThat(driver.task(id, Elements.DECIDE_ACCESS_OFFER).getId()).isEqualTo(taskId);
    assertThat(pi).variables().doesNotContainKeys(Vars.OFFER_ACCESS, Vars.ACCESS_START, Vars.ACCESS_DAYS);
    EngagementRecord.Engagement after = driver.record(id);
    Assertions.assertThat(after.offerAccess()).isNull();
    Assertions.assertThat(after.accessStart()).isNull();
    Assertions.assertThat(after.accessDays()).isNull();
    Assertions.assertThat(after.plannedRelease()).isEqualTo(TODAY.plusDays(60));
  }

  /** An engagement designated and waiting for the developer's access decision. */
  private String designatedEngagement(LocalDate plannedRelease) {
    String id = driver.submitInquiry(plannedRelease);
    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
    designate(id, true);
    assertThat(driver.engagement(id)).isWaitingAt(Elements.DECIDE_ACCESS_OFFER);
    return id;
  }

  /** Terms accepted for 30 days from tomorrow, planned release in 60 days; the window is open. */
  private String inAccessWindow() {
    String id = inAccessWindowScheduled();
    driver.fireTimer(id, Elements.ACCESS_WINDOW_OPENS);
    assertThat(driver.engagement(id)).isWaitingAt(Elements.EVALUATE_MODEL);
    return id;
  }

  /** Terms accepted for 30 days from tomorrow, planned release in 60 days; the window not yet open. */
  private String inAccessWindowScheduled() {
    String id = designatedEngagement(TODAY.plusDays(60));
    driver.offerAccess(id, TODAY.plusDays(1), 30, TODAY.plusDays(60));
    driver.prepareTerms(id);
    driver.acceptTerms(id, true);
    return id;
  }

  private void designate(String id, boolean designated) {
    driver.recordBenchmark(id, designated ? 90 : 10);
    driver.consultAll(id, POLICY.consultationOffices());
    driver.decideDesignation(id, designated);
  }

  private Date inPolicyPeriod(TemporalAmount period) {
    return Date.from(ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).plus(period).toInstant());
  }
}
