package dev.frontierengage.designation;

import dev.frontierengage.process.Clause;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import dev.frontierengage.designation.AssessmentRecord.Assessment;
import dev.frontierengage.designation.DesignationProcess.Elements;
import dev.frontierengage.designation.DesignationProcess.Vars;
import dev.frontierengage.deadlines.Escalated;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.policy.Policy;
import dev.frontierengage.process.ConfiguredPolicy;
import dev.frontierengage.process.InvalidSubmissionException;
import dev.frontierengage.process.JsonVariables;
import dev.frontierengage.process.ProcessTestEngine;
import dev.frontierengage.process.ProcessWiring;
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
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bpmn/designation-assessment.bpmn}: benchmark, threshold, consultation, decision. Started on
 * its own, as the engagement's call activity starts it: the engagement's record row (with its bound
 * policy) first, then the process with the engagement id as business key and no variables. Facts are
 * asserted on the record ({@link AssessmentRecord}), never on process variables.
 */
@Deployment(resources = {"bpmn/designation-assessment.bpmn",
    "bpmn/covered-frontier-model-threshold.dmn"})
class DesignationAssessmentProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(ProcessTestEngine.CONFIG)
      .assertClassCoverageAtLeast(1.0)
      .build();

  static final Policy POLICY = ConfiguredPolicy.signed();

  /** What the record holds and no consulted office may read (README, Need to know). */
  static final List<String> CLASSIFIED_FROM_OFFICES = classifiedFromOffices();

  ProcessEngine processEngine;
  EngagementDriver driver;
  AssessmentRecord assessments;

  @BeforeEach
  void setUp() {
    driver = EngagementDriver.startProcessTest(processEngine);
    assessments = new AssessmentRecord(ProcessWiring.dataSource(processEngine));
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
    Assessment benchmarked = driver.assessment(id);
    Assertions.assertThat(benchmarked.recommendation()).isEqualTo(Recommendation.COVERED.name());
    Assertions.assertThat(benchmarked.recordedBy()).isEqualTo("nsa-benchmark");
    Assertions.assertThat(benchmarked.suiteVersion()).isEqualTo("cyber-bench 2026.3");
    Assertions.assertThat(benchmarked.scores()).containsOnlyKeys(Vars.SCORES).containsValues(85);
    // the benchmark and the threshold's result live in the record only
    assertThat(pi).variables().doesNotContainKeys(CLASSIFIED_FROM_OFFICES.toArray(String[]::new))
        .doesNotContainKeys(Vars.RECOMMENDATION);
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
    Assertions.assertThat(driver.consultations(id)).extracting(Consultation::office, Consultation::position,
        Consultation::respondedBy, Consultation::comment).containsExactlyInAnyOrder(
            Assertions.tuple("cisa", ConsultationPosition.NONCONCUR, "cisa", "Reviewed by cisa"),
            Assertions.tuple("dow", ConsultationPosition.NO_OBJECTION, "dow", "Reviewed by dow"),
            Assertions.tuple("apst", ConsultationPosition.CONCUR, "apst", "Reviewed by apst"),
            Assertions.tuple("national-cyber-director", ConsultationPosition.CONCUR,
                "national-cyber-director", "Reviewed by national-cyber-director"));

    driver.decideDesignation(id, true);
    assertThat(pi).hasPassedInOrder(Elements.RECORD_BENCHMARK_RESULTS, Elements.APPLY_THRESHOLD,
        Elements.PROVIDE_CONSULTATION, Elements.CLOSE_CONSULTATION, Elements.DECIDE_DESIGNATION,
        Elements.END_DESIGNATION_DECIDED).isEnded();
    Assessment decided = driver.assessment(id);
    Assertions.assertThat(decided.designated()).isTrue();
    Assertions.assertThat(decided.decidedBy()).isEqualTo("nsa-director");
    Assertions.assertThat(decided.rationale()).isEqualTo("CLASSIFIED-RATIONALE exploit chains");
    Assertions.assertThat(decided.summary()).isEqualTo("The model meets the covered frontier model designation.");
    Assertions.assertThat(decided.decidedAt()).isNotNull();
  }

  @Clause("3(a) determination")
  @Test
  void silentOfficesAreRecordedAsNoResponseWhenThePeriodEnds() {
    String id = start();
    ProcessInstance pi = assessment(id);
    driver.recordBenchmark(id, 55);
    Assertions.assertThat(driver.assessment(id).recommendation()).isEqualTo(Recommendation.BORDERLINE.name());
    driver.consult(id, "cisa", "CONCUR");

    Date due = driver.timer(id, Elements.CONSULTATION_PERIOD_ENDED).getDuedate();
    Assertions.assertThat(due).isEqualTo(Date.from(ClockUtil.getCurrentTime().toInstant()
        .atZone(ZoneOffset.UTC).plus(POLICY.consultationPeriod()).toInstant()));
    driver.fireTimer(id, Elements.CONSULTATION_PERIOD_ENDED);

    assertThat(pi).hasPassed(Elements.CONSULTATION_PERIOD_ENDED, Elements.CLOSE_CONSULTATION)
        .isWaitingAt(Elements.DECIDE_DESIGNATION);
    Assertions.assertThat(BpmnAwareTests.taskQuery()
        .taskDefinitionKey(Elements.PROVIDE_CONSULTATION).count()).isZero();
    Assertions.assertThat(driver.consultations(id)).extracting(Consultation::office, Consultation::position)
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
    Assessment refused = driver.assessment(id);
    Assertions.assertThat(refused.designated()).isNull();
    Assertions.assertThat(refused.decidedBy()).isNull();
    Assertions.assertThat(refused.rationale()).isNull();
    Assertions.assertThat(refused.summary()).isNull();
    driver.decideDesignation(id, false);
    assertThat(pi).isEnded();
    Assertions.assertThat(driver.assessment(id).designated()).isFalse();
    Assertions.assertThat(driver.assessment(id).decidedBy()).isEqualTo("nsa-director");
  }

  @Clause("3(a) determination")
  @Test
  void theBenchmarkRecorderCannotRewriteWhoRecordedIt() {
    String id = start();
    ProcessInstance pi = assessment(id);
    driver.completeAs("dana", id, Elements.RECORD_BENCHMARK_RESULTS, EngagementDriver.benchmark(90));
    driver.consultAll(id, POLICY.consultationOffices());
    Map<String, Object> decision = new HashMap<>(EngagementDriver.designation(true));
    decision.put(Vars.BENCHMARK_RECORDED_BY, "someone-else");

    // separation of duties reads the recorder from the record, not from what the completion sends
    assertThatThrownBy(() -> driver.completeAs("dana", id, Elements.DECIDE_DESIGNATION, decision))
        .hasRootCauseInstanceOf(SeparationOfDutiesException.class)
        .rootCause().hasMessageContaining("dana");
    assertThat(pi).isWaitingAt(Elements.DECIDE_DESIGNATION);
    Assertions.assertThat(driver.assessment(id).recordedBy()).isEqualTo("dana");
    Assertions.assertThat(driver.assessment(id).decidedBy()).isNull();

    // nor can the director pass as the recorder: the record still names dana, and the director decides
    Map<String, Object> asRecorder = new HashMap<>(EngagementDriver.designation(true));
    asRecorder.put(Vars.BENCHMARK_RECORDED_BY, "nsa-director");
    driver.completeAs("nsa-director", id, Elements.DECIDE_DESIGNATION, asRecorder);
    assertThat(pi).isEnded();
    Assertions.assertThat(driver.assessment(id).recordedBy()).isEqualTo("dana");
    Assertions.assertThat(driver.assessment(id).decidedBy()).isEqualTo("nsa-director");
  }

  @Clause("3(a) determination")
  @Test
  void aDecisionThatSendsTheRecordsFactsChangesNothingInTheRecord() {
    String id = start();
    ProcessInstance pi = assessment(id);
    driver.recordBenchmark(id, 85);
    driver.consult(id, "cisa", "NONCONCUR");
    driver.consultAll(id, List.of("dow", "apst", "national-cyber-director"));
    Assessment before = driver.assessment(id);
    List<Consultation> consulted = driver.consultations(id);

    Map<String, Object> forged = new HashMap<>(EngagementDriver.designation(true));
    forged.put(Vars.BENCHMARK_RECORDED_BY, "nsa-director");
    forged.put(Vars.DECIDED_BY, "someone-else");
    for (String score : Vars.SCORES) {
      forged.put(score, 5);
    }
    forged.put(Vars.BENCHMARK_SUITE_VERSION, "forged-suite");
    forged.put(Vars.RECOMMENDATION, Recommendation.NOT_COVERED.name());
    forged.put(Vars.CONSULTATIONS, "[]");
    driver.completeAs("nsa-director", id, Elements.DECIDE_DESIGNATION, forged);

    assertThat(pi).hasPassed(Elements.END_DESIGNATION_DECIDED).isEnded();
    Assessment after = driver.assessment(id);
    Assertions.assertThat(after.recordedBy()).isEqualTo("nsa-benchmark");
    Assertions.assertThat(after.decidedBy()).isEqualTo("nsa-director");
    Assertions.assertThat(after.scores()).isEqualTo(before.scores()).containsValues(85).doesNotContainValue(5);
    Assertions.assertThat(after.suiteVersion()).isEqualTo("cyber-bench 2026.3");
    Assertions.assertThat(after.recommendation()).isEqualTo(Recommendation.COVERED.name());
    Assertions.assertThat(after.recordedAt()).isEqualTo(before.recordedAt());
    Assertions.assertThat(after.designated()).isTrue();
    Assertions.assertThat(driver.consultations(id)).hasSize(4).isEqualTo(consulted);
  }

  @Clause("3(a) determination")
  @Test
  void aConsultedOfficeCannotRewriteTheOthersPositions() {
    String id = start();
    driver.recordBenchmark(id, 70);
    driver.consult(id, "cisa", "NONCONCUR");
    Task dow = BpmnAwareTests.taskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(Elements.PROVIDE_CONSULTATION).taskCandidateGroup("dow").singleResult();
    Map<String, Object> forged = new HashMap<>();
    forged.put(Vars.POSITION, "CONCUR");
    forged.put(Vars.CONSULTATIONS, "[]");

    driver.complete("dow", dow, forged);
    Assertions.assertThat(driver.consultations(id)).extracting(Consultation::office, Consultation::position)
        .containsExactlyInAnyOrder(Assertions.tuple("cisa", ConsultationPosition.NONCONCUR),
            Assertions.tuple("dow", ConsultationPosition.CONCUR));
  }

  @Clause("3(a) determination")
  @Test
  void anAnswerIsNeverReplayedRewrittenOrRemovedByAnotherOffice() {
    String id = start();
    ProcessInstance pi = assessment(id);
    driver.recordBenchmark(id, 55);
    driver.consult(id, "national-cyber-director", "CONCUR");
    driver.consult(id, "apst", "NONCONCUR");

    // CISA answers its own task, sending as well a round without APST and APST's office with another position
    Task cisa = BpmnAwareTests.taskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(Elements.PROVIDE_CONSULTATION).taskCandidateGroup("cisa").singleResult();
    Map<String, Object> forged = new HashMap<>();
    forged.put(Vars.POSITION, "CONCUR");
    forged.put(Vars.COMMENT, "Reviewed by cisa");
    forged.put(Vars.OFFICE, "apst");
    forged.put(Vars.RECOMMENDATION, Recommendation.NOT_COVERED.name());
    forged.put(Vars.CONSULTATIONS, JsonVariables.list(List.of(
        new Consultation("national-cyber-director", ConsultationPosition.CONCUR, null, "national-cyber-director",
            ClockUtil.getCurrentTime().toInstant().toString()),
        new Consultation("cisa", ConsultationPosition.CONCUR, null, "cisa",
            ClockUtil.getCurrentTime().toInstant().toString()))));
    driver.complete("cisa", cisa, forged);

    Assertions.assertThat(driver.consultations(id)).extracting(Consultation::office, Consultation::position,
        Consultation::respondedBy).containsExactlyInAnyOrder(
            Assertions.tuple("national-cyber-director", ConsultationPosition.CONCUR, "national-cyber-director"),
            Assertions.tuple("apst", ConsultationPosition.NONCONCUR, "apst"),
            Assertions.tuple("cisa", ConsultationPosition.CONCUR, "cisa"));
    Assertions.assertThat(driver.assessment(id).recommendation()).isEqualTo(Recommendation.BORDERLINE.name());

    // the round closes with DoW silent: only DoW is recorded as giving no response
    driver.fireTimer(id, Elements.CONSULTATION_PERIOD_ENDED);
    assertThat(pi).hasPassed(Elements.CLOSE_CONSULTATION).isWaitingAt(Elements.DECIDE_DESIGNATION);
    Assertions.assertThat(driver.consultations(id)).extracting(Consultation::office, Consultation::position)
        .containsExactlyInAnyOrder(
            Assertions.tuple("national-cyber-director", ConsultationPosition.CONCUR),
            Assertions.tuple("apst", ConsultationPosition.NONCONCUR),
            Assertions.tuple("cisa", ConsultationPosition.CONCUR),
            Assertions.tuple("dow", ConsultationPosition.NO_RESPONSE));

    // the director's form shows the record's round, not the list CISA sent
    Task decision = task(pi);
    // (as Tasklist asks: values serialised; the list CISA sent is a variable the form's value replaces)
    org.camunda.bpm.engine.variable.VariableMap form = processEngine.getFormService()
        .getTaskFormVariables(decision.getId(), List.of(Vars.CONSULTATIONS, Vars.RECOMMENDATION), false);
    Assertions.assertThat(form.keySet()).containsExactlyInAnyOrder(Vars.CONSULTATIONS, Vars.RECOMMENDATION);
    ObjectValue shown = form.getValueTyped(Vars.CONSULTATIONS);
    Assertions.assertThat(shown.isDeserialized()).isFalse();
    Assertions.assertThat(shown.getSerializationDataFormat()).isEqualTo("application/json");
    Assertions.assertThat(JsonVariables.readList(shown.getValueSerialized(), Map.class))
        .extracting(row -> row.get("office"), row -> row.get("position")).containsExactlyInAnyOrder(
            Assertions.tuple("National Cyber Director", "Concur"),
            Assertions.tuple("Assistant to the President for Science and Technology (APST)", "Do not concur"),
            Assertions.tuple("Director of CISA", "Concur"),
            Assertions.tuple("Department of War", "No response (the round closed)"));
    Assertions.assertThat(form.get(Vars.RECOMMENDATION)).isEqualTo(Recommendation.BORDERLINE.title());
  }

  @Clause("3(a) determination")
  @Test
  void aSecondAnswerFromAnOfficeIsRefused() {
    String id = start();
    driver.recordBenchmark(id, 70);
    String answeredAt = ClockUtil.getCurrentTime().toInstant().toString();
    Assertions.assertThat(assessments.consulted(id, new Consultation("dow", ConsultationPosition.NO_OBJECTION,
        "First answer", "dow", answeredAt))).isTrue();
    Assertions.assertThat(assessments.consulted(id, new Consultation("dow", ConsultationPosition.CONCUR,
        "Second answer", "dow", answeredAt))).as("the record refuses a second row of an office").isFalse();

    assertThatThrownBy(() -> driver.consult(id, "dow", "NONCONCUR"))
        .hasRootCauseInstanceOf(InvalidSubmissionException.class)
        .rootCause().hasMessageContaining("office dow has answered this consultation already");

    Assertions.assertThat(BpmnAwareTests.taskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(Elements.PROVIDE_CONSULTATION).taskCandidateGroup("dow").count())
        .as("dow's task stays open").isOne();
    Assertions.assertThat(driver.consultations(id)).extracting(Consultation::office, Consultation::position,
        Consultation::comment).containsExactly(Assertions.tuple("dow", ConsultationPosition.NO_OBJECTION,
            "First answer"));
  }

  @Test
  void aNonconcurrenceWithoutACommentIsRefused() {
    String id = start();
    driver.recordBenchmark(id, 70);
    Task dow = BpmnAwareTests.taskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(Elements.PROVIDE_CONSULTATION).taskCandidateGroup("dow").singleResult();

    assertThatThrownBy(() -> driver.complete("dow", dow, Map.of(Vars.POSITION, "NONCONCUR")))
        .hasRootCauseInstanceOf(InvalidSubmissionException.class)
        .rootCause().hasMessageContaining("comment is required with NONCONCUR");

    Assertions.assertThat(BpmnAwareTests.taskQuery().taskId(dow.getId()).count()).as("the task stays open").isOne();
    Assertions.assertThat(driver.consultations(id)).as("nothing recorded").isEmpty();
    driver.complete("dow", dow, Map.of(Vars.POSITION, "NO_OBJECTION"));
    Assertions.assertThat(driver.consultations(id)).extracting(Consultation::position)
        .containsExactly(ConsultationPosition.NO_OBJECTION);
  }

  @Test
  void aConsultedOfficeSeesOnlyWhatItsFormShows() {
    String id = start();
    driver.recordBenchmark(id, 85);
    driver.consult(id, "cisa", "NONCONCUR");

    List<Task> open = BpmnAwareTests.taskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(Elements.PROVIDE_CONSULTATION).list();
    Assertions.assertThat(open).hasSize(3);
    for (Task consultation : open) {
      String office = processEngine.getTaskService().getIdentityLinksForTask(consultation.getId()).get(0)
          .getGroupId();
      Map<String, Object> visible = processEngine.getFormService().getTaskFormVariables(consultation.getId());
      Assertions.assertThat(visible).as("what %s can read of its task", office)
          .doesNotContainKeys(CLASSIFIED_FROM_OFFICES.toArray(String[]::new))
          .containsEntry(Vars.RECOMMENDATION, Recommendation.COVERED.title())
          .containsEntry(Vars.ORGANIZATION, EngagementDriver.ORGANIZATION)
          .containsEntry(Vars.MODEL_NAME, "Roadrunner")
          .containsEntry(Vars.MODEL_VERSION, "4.1")
          .containsEntry(Vars.OFFICE, office)
          // another office's answer is not theirs to read either
          .doesNotContainValue("NONCONCUR").doesNotContainValue("Reviewed by cisa");
      // besides its form's fields and its own (empty) answer, only the engine's loop counters
      Assertions.assertThat(visible.keySet()).isSubsetOf(dev.frontierengage.forms.FormContexts.ENGAGEMENT_ID,
          Vars.RECOMMENDATION, Vars.ORGANIZATION, Vars.MODEL_NAME,
          Vars.MODEL_VERSION, EngagementProcess.Vars.DESCRIPTION, Vars.OFFICE_NAME, Vars.CONSULTATION_CLOSES,
          Vars.OFFICE, Vars.POSITION, Vars.COMMENT, "loopCounter", "nrOfInstances",
          "nrOfActiveInstances", "nrOfCompletedInstances");
      Assertions.assertThat(visible.get(Vars.POSITION)).isNull();
      Assertions.assertThat(visible.get(Vars.COMMENT)).isNull();
    }
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
    Assertions.assertThat(assessments.find(id)).as("nothing recorded").isEmpty();
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
    Assertions.assertThat(assessments.find(id)).as("nothing recorded").isEmpty();
  }

  @Test
  void consultationNeedsAPositionAnOfficeMayGive() {
    String id = start();
    driver.recordBenchmark(id, 20);
    assertThatThrownBy(() -> driver.consult(id, "cisa", "NO_RESPONSE"))
        .rootCause().hasMessageContaining("NO_RESPONSE is recorded by the engine");
    assertThatThrownBy(() -> driver.consult(id, "cisa", "MAYBE"))
        .rootCause().hasMessageContaining("position must be one of");
    Assertions.assertThat(driver.consultations(id)).isEmpty();
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
    Assertions.assertThat(driver.assessment(id).designated()).isNull();
  }

  @Test
  void agencyStepsAreDueInWorkingDaysAndEscalatedWhenOverdue() {
    String id = start(withConsultationPeriod(Duration.ofDays(30)));
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
    return start(POLICY);
  }

  /** As the engagement's call activity starts it: the record row first, then only the business key. */
  private String start(Policy policy) {
    String id = UUID.randomUUID().toString();
    driver.openRecord(id, policy);
    processEngine.getRuntimeService().startProcessInstanceByKey(DesignationProcess.PROCESS_ID, id);
    return id;
  }

  /** The signed order's policy with another consultation round. */
  private static Policy withConsultationPeriod(Duration period) {
    return new Policy(POLICY.id(), POLICY.title(), POLICY.effectiveDate(), POLICY.accessCapDays(),
        POLICY.consultationOffices(), period, POLICY.clarificationTimeout(), POLICY.accessOfferTimeout(),
        POLICY.termsAcceptanceTimeout(), POLICY.releaseReportGrace(), POLICY.agencyDueDays(),
        POLICY.partnerCategories());
  }

  private ProcessInstance assessment(String id) {
    return processEngine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(id).singleResult();
  }

  private static List<String> classifiedFromOffices() {
    List<String> names = new ArrayList<>(Vars.SCORES);
    names.addAll(List.of(Vars.BENCHMARK_SUITE_VERSION, Vars.BENCHMARK_RECORDED_BY, Vars.DECISION_RATIONALE,
        Vars.DECIDED_BY, Vars.CONSULTATIONS));
    return List.copyOf(names);
  }
}
