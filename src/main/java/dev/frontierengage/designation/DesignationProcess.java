package dev.frontierengage.designation;

import java.util.List;

/** Ids and variable names of {@code bpmn/designation-assessment.bpmn} and its decision. */
public final class DesignationProcess {

  public static final String PROCESS_ID = "designation-assessment";
  public static final String THRESHOLD_DECISION_ID = "covered-frontier-model-threshold";

  private DesignationProcess() {}

  /** BPMN element ids. */
  public static final class Elements {
    public static final String START_ASSESSMENT_REQUESTED = "StartEvent_AssessmentRequested";
    public static final String RECORD_BENCHMARK_RESULTS = "UserTask_RecordBenchmarkResults";
    public static final String APPLY_THRESHOLD = "BusinessRuleTask_ApplyThreshold";
    public static final String PROVIDE_CONSULTATION = "UserTask_ProvideConsultation";
    public static final String CONSULTATION_PERIOD_ENDED = "BoundaryEvent_ConsultationPeriodEnded";
    public static final String CLOSE_CONSULTATION = "ServiceTask_CloseConsultation";
    public static final String DECIDE_DESIGNATION = "UserTask_DecideDesignation";
    public static final String END_DESIGNATION_DECIDED = "EndEvent_DesignationDecided";

    private Elements() {}
  }

  /**
   * Variable names: what the reviewers submit on the assessment's tasks and what their forms show
   * (served from the record, see {@code forms.FormContexts}); names the previous version kept here
   * stay listed so that tests can show they are gone. All but the last two are classified or internal.
   */
  public static final class Vars {
    public static final String ORGANIZATION = "organization";
    public static final String MODEL_NAME = "modelName";
    public static final String MODEL_VERSION = "modelVersion";
    public static final String POLICY_ID = "policyId";
    public static final String SCORE_VULNERABILITY_DISCOVERY = "scoreVulnerabilityDiscovery";
    public static final String SCORE_EXPLOIT_DEVELOPMENT = "scoreExploitDevelopment";
    public static final String SCORE_NETWORK_OPERATIONS = "scoreNetworkOperations";
    public static final String SCORE_CRITICAL_INFRASTRUCTURE = "scoreCriticalInfrastructure";
    public static final String SCORE_AUTONOMOUS_OPERATIONS = "scoreAutonomousOperations";
    public static final List<String> SCORES = List.of(SCORE_VULNERABILITY_DISCOVERY,
        SCORE_EXPLOIT_DEVELOPMENT, SCORE_NETWORK_OPERATIONS, SCORE_CRITICAL_INFRASTRUCTURE,
        SCORE_AUTONOMOUS_OPERATIONS);
    public static final String BENCHMARK_SUITE_VERSION = "benchmarkSuiteVersion";
    public static final String BENCHMARK_RECORDED_BY = "benchmarkRecordedBy";
    public static final String RECOMMENDATION = "recommendation";
    public static final String CONSULTATION_OFFICES = "consultationOffices";
    public static final String CONSULTATION_PERIOD = "consultationPeriod";
    public static final String OFFICE = "office";
    /** The consulted office as its form names it (read-only). */
    public static final String OFFICE_NAME = "officeName";
    /** When the consultation round closes, as its form shows it (read-only). */
    public static final String CONSULTATION_CLOSES = "consultationCloses";
    public static final String POSITION = "position";
    public static final String COMMENT = "comment";
    public static final String CONSULTATIONS = "consultations";
    public static final String DECISION_RATIONALE = "decisionRationale";
    public static final String DECIDED_BY = "decidedBy";
    /** Leaves the process: the designation. */
    public static final String DESIGNATED = "designated";
    /** Leaves the process: the only text releasable to the developer. */
    public static final String ASSESSMENT_SUMMARY = "assessmentSummary";

    private Vars() {}
  }
}
