package dev.frontierengage.designation;

import dev.frontierengage.process.Clause;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import dev.frontierengage.designation.DesignationProcess.Elements;
import dev.frontierengage.designation.DesignationProcess.Vars;
import dev.frontierengage.deadlines.Escalated;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.policy.Policy;
import dev.frontierengage.process.ConfiguredPolicy;
import dev.frontierengage.process.InvalidSubmissionException;
import dev.frontierengage.process.JsonVariables;
import dev.frontierengage.process.ProcessTestEngine;
import dev.frontierengage.process.Sealed;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code bpmn/designation-assessment.bpmn}: benchmark, threshold, consultation, decision. */
@Deployment(resources = {"bpmn/designation-assessment.bpmn",
    "bpmn/covered-frontier-model-threshold.dmn"})
class DesignationAssessmentProcessTest {

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

  @Clause({"3(a) benchmark", "3(a) determination"})
  @Test
  void benchmarkThresholdConsultationAndDecisionDesignateTheModel() {
    String id = start();
    ProcessInstance pi = assessment(id);
    assertThat(pi).isWaitingAt(Elements.RECORD_BENCHMARK_RESULTS);
    assertThat(task(pi)).hasCandidateGroup("nsa-benchmark");

    driver.recordBenchmark(id, 85);
    assertThat(pi).hasPassed(Elements.APPLY_THRESHOLD).isWaitingAt(Elements.PROVIDE_CONSULTATION);
    assertThat(pi).variables().containsEntry(Vars.RECOMMENDATION, Recommendation.COVERED.name())
        .containsEntry(Vars.BENCHMARK_RECORDED_BY, "nsa-benchmark");
    List<String> offered = new ArrayList<>();
    BpmnAwareTests.taskQuery().taskDefinitionKey(Elements.PROVIDE_CONSULTATION).list()
        .forEach(t -> BpmnAwareTests.taskService().getIdentityLinksForTask(t.getId())
            .forEach(link -> offered.add(link.getGroupId())));
    Assertions.assertThat(offered).containsExactlyInAnyOrderElementsOf(POLICY.consultationOffices());

    driver.consult(id, "cisa", "NONCONCUR");
    driver.consult(id, "dow", "NO_OBJECTION");
    driver.consult(id, "apst", "CONCUR");
    driver.consult(id, "national-cyber-director", "CONCUR");
    assertThat(pi).isWaitingAt(Elements.DECIDE_DESIGNATION);
    assertThat(task(pi)).hasCandidateGroup("nsa-director");
    List<Consultation> consultations = consultations(pi);
    Assertions.assertThat(consultations).extracting(Consultation::office, Consultation::position,
        Consultation::respondedBy).containsExactlyInAnyOrder(
            Assertions.tuple("cisa", ConsultationPosition.NONCONCUR, "cisa"),
            Assertions.tuple("dow", ConsultationPosition.NO_OBJECTION, "dow"),
            Assertions.tuple("apst", ConsultationPosition.CONCUR, "apst"),
            Assertions.tuple("national-cyber-director", ConsultationPosition.CONCUR,
                "national-cyber-director"));

    driver.decideDesignation(id, true);
    assertThat(pi).hasPassedInOrder(Elements.RECORD_BENCHMARK_RESULTS, Elements.APPLY_THRESHOLD,
        Elements.PROVIDE_CONSULTATION, Elements.CLOSE_CONSULTATION, Elements.DECIDE_DESIGNATION,
        Elements.END_DESIGNATION_DECIDED).isEnded();
    assertThat(pi).variables().containsEntry(Vars.DESIGNATED, true)
        .containsEntry(Vars.DECIDED_BY, "nsa-director");
  }

  @Clause("3(a) determination")
  @Test
  void silentOfficesAreRecordedAsNoResponseWhenThePeriodEnds() {
    String id = start();
    ProcessInstance pi = assessment(id);
    driver.recordBenchmark(id, 55);
    assertThat(pi).variables().containsEntry(Vars.RECOMMENDATION, Recommendation.BORDERLINE.name());
    driver.consult(id, "cisa", "CONCUR");

    Date due = driver.timer(id, Elements.CONSULTATION_PERIOD_ENDED).getDuedate();
    Assertions.assertThat(due).isEqualTo(Date.from(ClockUtil.getCurrentTime().toInstant()
        .atZone(ZoneOffset.UTC).plus(POLICY.consultationPeriod()).toInstant()));
    driver.fireTimer(id, Elements.CONSULTATION_PERIOD_ENDED);

    assertThat(pi).hasPassed(Elements.CONSULTATION_PERIOD_ENDED, Elements.CLOSE_CONSULTATION)
        .isWaitingAt(Elements.DECIDE_DESIGNATION);
    Assertions.assertThat(BpmnAwareTests.taskQuery()
        .taskDefinitionKey(Elements.PROVIDE_CONSULTATION).count()).isZero();
    Assertions.assertThat(consultations(pi)).extracting(Consultation::office, Consultation::position)
        .containsExactlyInAnyOrder(
            Assertions.tuple("cisa", ConsultationPosition.CONCUR),
            Assertions.tuple("dow", ConsultationPosition.NO_RESPONSE),
            Assertions.tuple("apst", ConsultationPosition.NO_RESPONSE),
            Assertions.tuple("national-cyber-director", ConsultationPosition.NO_RESPONSE));
  }

  @Clause("3(a) determination")
  @Test
  void whoRecordedTheBenchmarkCannotDecideTheDesignation() {
    String id = start();
    ProcessInstance pi = assessment(id);
    driver.completeAs("dana", id, Elements.RECORD_BENCHMARK_RESULTS, EngagementDriver.benchmark(90));
    driver.consultAll(id, POLICY.consultationOffices());

    assertThatThrownBy(() -> driver.completeAs("dana", id, Elements.DECIDE_DESIGNATION,
        EngagementDriver.designation(true)))
        .hasRootCauseInstanceOf(SeparationOfDutiesException.class)
        .rootCause().hasMessageContaining("Separation of duties").hasMessageContaining("dana");

    assertThat(pi).isWaitingAt(Elements.DECIDE_DESIGNATION);
    assertThat(pi).variables().doesNotContainKeys(Vars.DESIGNATED, Vars.DECIDED_BY,
        Vars.DECISION_RATIONALE, Vars.ASSESSMENT_SUMMARY);
    driver.decideDesignation(id, false);
    assertThat(pi).isEnded();
    assertThat(pi).variables().containsEntry(Vars.DESIGNATED, false);
  }

  @Test
  void theBenchmarkRecorderCannotRewriteWhoRecordedIt() {
    String id = start();
    ProcessInstance pi = assessment(id);
    driver.completeAs("dana", id, Elements.RECORD_BENCHMARK_RESULTS, EngagementDriver.benchmark(90));
    driver.consultAll(id, POLICY.consultationOffices());
    Map<String, Object> decision = new HashMap<>(EngagementDriver.designation(true));
    decision.put(Vars.BENCHMARK_RECORDED_BY, "someone-else");

    assertThatThrownBy(() -> driver.completeAs("dana", id, Elements.DECIDE_DESIGNATION, decision))
        .rootCause().hasMessageContaining("benchmarkRecordedBy may only be set by the engine");
    assertThat(pi).isWaitingAt(Elements.DECIDE_DESIGNATION);
    assertThat(pi).variables().containsEntry(Vars.BENCHMARK_RECORDED_BY, "dana");
  }

  @Test
  void aConsultedOfficeCannotRewriteTheOthersPositions() {
    String id = start();
    ProcessInstance pi = assessment(id);
    driver.recordBenchmark(id, 70);
    driver.consult(id, "cisa", "NONCONCUR");
    Task dow = BpmnAwareTests.taskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(Elements.PROVIDE_CONSULTATION).taskCandidateGroup("dow").singleResult();
    Map<String, Object> forged = new HashMap<>();
    forged.put(Vars.POSITION, "CONCUR");
    forged.put(Vars.CONSULTATIONS, "[]");

    assertThatThrownBy(() -> driver.complete("dow", dow, forged))
        .rootCause().hasMessageContaining("consultations may only be set by the engine");
    Assertions.assertThat(consultations(pi)).extracting(Consultation::office).containsExactly("cisa");
  }

  @Clause("3(a) benchmark")
  @Test
  void benchmarkResultsOutOfRangeOrMissingAreRefused() {
    String id = start();
    ProcessInstance pi = assessment(id);
    Map<String, Object> results = new HashMap<>(EngagementDriver.benchmark(50));
    results.put(Vars.SCORE_EXPLOIT_DEVELOPMENT, 101);
    results.put(Vars.SCORE_NETWORK_OPERATIONS, "high");
    results.remove(Vars.SCORE_AUTONOMOUS_OPERATIONS);
    results.put(Vars.SCORE_CRITICAL_INFRASTRUCTURE, 12.5);

    assertThatThrownBy(() -> driver.completeAs("nsa-benchmark", id,
        Elements.RECORD_BENCHMARK_RESULTS, results))
        .hasRootCauseInstanceOf(InvalidSubmissionException.class)
        .rootCause()
        .hasMessageContaining("scoreExploitDevelopment must be from 0 to 100, was 101")
        .hasMessageContaining("scoreNetworkOperations must be a whole number")
        .hasMessageContaining("scoreAutonomousOperations is required")
        .hasMessageContaining("scoreCriticalInfrastructure must be a whole number");
    assertThat(pi).isWaitingAt(Elements.RECORD_BENCHMARK_RESULTS);
    assertThat(pi).variables().doesNotContainKeys(Vars.SCORE_VULNERABILITY_DISCOVERY,
        Vars.BENCHMARK_RECORDED_BY);
  }

  @Test
  void benchmarkResultsNeedAnAuthenticatedReviewer() {
    String id = start();
    var task = driver.task(id, Elements.RECORD_BENCHMARK_RESULTS);
    assertThatThrownBy(() -> processEngine.getTaskService().complete(task.getId(),
        EngagementDriver.benchmark(50)))
        .hasRootCauseInstanceOf(InvalidSubmissionException.class)
        .rootCause().hasMessageContaining("authenticated reviewer");
  }

  @Test
  void consultationNeedsAPositionAnOfficeMayGive() {
    String id = start();
    driver.recordBenchmark(id, 20);
    assertThatThrownBy(() -> driver.consult(id, "cisa", "NO_RESPONSE"))
        .rootCause().hasMessageContaining("NO_RESPONSE is recorded by the engine");
    assertThatThrownBy(() -> driver.consult(id, "cisa", "MAYBE"))
        .rootCause().hasMessageContaining("position must be one of");
    Assertions.assertThat(consultations(assessment(id))).isEmpty();
  }

  @Test
  void decisionNeedsRationaleAndReleasableSummary() {
    String id = start();
    driver.recordBenchmark(id, 20);
    driver.consultAll(id, POLICY.consultationOffices());
    Map<String, Object> decision = new HashMap<>();
    decision.put(Vars.DESIGNATED, "perhaps");
    assertThatThrownBy(() -> driver.completeAs("nsa-director", id, Elements.DECIDE_DESIGNATION,
        decision))
        .rootCause().hasMessageContaining("designated must be true or false")
        .hasMessageContaining("decisionRationale is required")
        .hasMessageContaining("assessmentSummary is required");
  }

  @Test
  void agencyStepsAreDueInWorkingDaysAndEscalatedWhenOverdue() {
    String id = start("P30D");
    ProcessInstance pi = assessment(id);
    Task benchmark = task(pi);
    // 20 working days from Tuesday 2026-12-01 skip four weekends and Christmas Day
    Assertions.assertThat(benchmark.getDueDate()).isEqualTo(Escalated.closeOfBusiness(LocalDate.of(2026, 12, 30)));
    Assertions.assertThat(driver.timer(id, "BoundaryEvent_BenchmarkOverdue").getDuedate()).isEqualTo(benchmark.getDueDate());
    driver.fireTimer(id, "BoundaryEvent_BenchmarkOverdue");
    Escalated.assertEscalated(processEngine, benchmark, pi.getId(), "nsa-benchmark");
    assertThat(pi).hasPassed("EndEvent_BenchmarkEscalated").isWaitingAt(Elements.RECORD_BENCHMARK_RESULTS);

    EngagementDriver.resetClock();
    driver.recordBenchmark(id, 90);
    List<Task> consultations = processEngine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(Elements.PROVIDE_CONSULTATION).list();
    Assertions.assertThat(consultations).hasSize(4).allSatisfy(task -> Assertions.assertThat(task.getDueDate())
        .as("ten working days, inside a 30-day round").isEqualTo(Escalated.closeOfBusiness(LocalDate.of(2026, 12, 15))));
    Assertions.assertThat(driver.timer(id, "BoundaryEvent_ConsultationOverdue").getDuedate())
        .isEqualTo(consultations.get(0).getDueDate());
    driver.fireTimer(id, "BoundaryEvent_ConsultationOverdue");
    for (Task consultation : consultations) {
      String office = processEngine.getTaskService().getIdentityLinksForTask(consultation.getId()).get(0).getGroupId();
      Escalated.assertEscalated(processEngine, consultation, pi.getId(), office);
    }
    driver.consultAll(id, POLICY.consultationOffices());

    Task decision = task(pi);
    Assertions.assertThat(driver.timer(id, "BoundaryEvent_DecisionOverdue").getDuedate()).isEqualTo(decision.getDueDate());
    driver.fireTimer(id, "BoundaryEvent_DecisionOverdue");
    Escalated.assertEscalated(processEngine, decision, pi.getId(), "nsa-director");
    driver.decideDesignation(id, true);
    assertThat(pi).hasPassed("EndEvent_DecisionEscalated").isEnded();
  }

  @Test
  void underTheSignedOrderAnOfficeIsEscalatedADayBeforeTheRoundRecordsItAsSilent() {
    String id = start();
    ProcessInstance pi = assessment(id);
    driver.recordBenchmark(id, 90);
    Task consultation = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(Elements.PROVIDE_CONSULTATION).list().get(0);
    // the round is 10 calendar days, shorter than 10 working days (Dec 15): due a day before it closes
    Date roundCloses = driver.timer(id, Elements.CONSULTATION_PERIOD_ENDED).getDuedate();
    Assertions.assertThat(consultation.getDueDate()).isEqualTo(Date.from(roundCloses.toInstant().minus(Duration.ofDays(1))));
    Assertions.assertThat(driver.timer(id, "BoundaryEvent_ConsultationOverdue").getDuedate())
        .isEqualTo(consultation.getDueDate()).isBefore(roundCloses);
    driver.fireTimer(id, "BoundaryEvent_ConsultationOverdue");
    Escalated.assertEscalated(processEngine, consultation, pi.getId(),
        processEngine.getTaskService().getIdentityLinksForTask(consultation.getId()).get(0).getGroupId());
    assertThat(pi).isWaitingAt(Elements.PROVIDE_CONSULTATION);
  }

  private String start() {
    return start(Policy.iso(POLICY.consultationPeriod()));
  }

  private String start(String consultationPeriod) {
    String id = UUID.randomUUID().toString();
    Map<String, Object> vars = new HashMap<>();
    vars.putAll(Sealed.entries(id, Vars.CONSULTATION_OFFICES,
        JsonVariables.list(POLICY.consultationOffices())));
    vars.putAll(Sealed.entries(id, Vars.CONSULTATION_PERIOD, consultationPeriod));
    vars.putAll(Sealed.entries(id, Vars.POLICY_ID, POLICY.id()));
    vars.putAll(Sealed.entries(id, Vars.ORGANIZATION, EngagementDriver.ORGANIZATION));
    processEngine.getRuntimeService().startProcessInstanceByKey(DesignationProcess.PROCESS_ID, id, vars);
    return id;
  }

  private ProcessInstance assessment(String id) {
    return processEngine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(id).singleResult();
  }

  private List<Consultation> consultations(ProcessInstance pi) {
    return JsonVariables.readList(processEngine.getRuntimeService()
        .getVariable(pi.getId(), Vars.CONSULTATIONS), Consultation.class);
  }
}
