package dev.frontierengage.engagement;

import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/** Ids and variable names of {@code bpmn/engagement.bpmn}: a contract with the API and tests. */
public final class EngagementProcess {

  public static final String PROCESS_ID = "engagement";

  private EngagementProcess() {}

  /**
   * The variables that start an engagement: the inquiry, each value transient (a value left out
   * when {@code null}). The start event's check reads them into the engagement's record
   * ({@code InquiryCheckListener}); a transient value lives in the starting transaction only and
   * is never written to the engine's tables or to its history, so the inquiry is in the record and
   * nowhere else. A start with plain variables (through engine-rest, or the Java API as tests do)
   * is checked the same way and has them removed, which leaves their creation and removal in the
   * engine's history.
   */
  public static VariableMap inquiry(String organization, String modelName,
      String modelVersion, String description, String contactEmail, String plannedPartnerReleaseDate) {
    VariableMap inquiry = Variables.createVariables();
    String[][] values = {{Vars.ORGANIZATION, organization}, {Vars.MODEL_NAME, modelName},
        {Vars.MODEL_VERSION, modelVersion}, {Vars.DESCRIPTION, description}, {Vars.CONTACT_EMAIL, contactEmail},
        {Vars.PLANNED_PARTNER_RELEASE_DATE, plannedPartnerReleaseDate}};
    for (String[] value : values) {
      if (value[1] != null) {
        inquiry.putValueTyped(value[0], Variables.stringValue(value[1], true));
      }
    }
    return inquiry;
  }

  /** BPMN element ids. */
  public static final class Elements {
    public static final String START_INQUIRY_SUBMITTED = "StartEvent_InquirySubmitted";
    public static final String REVIEW_INTAKE = "UserTask_ReviewIntake";
    public static final String INTAKE_OUTCOME = "Gateway_IntakeOutcome";
    public static final String PROVIDE_CLARIFICATION = "UserTask_ProvideClarification";
    public static final String CLARIFICATION_LAPSED = "BoundaryEvent_ClarificationLapsed";
    public static final String END_INQUIRY_LAPSED = "EndEvent_InquiryLapsed";
    public static final String END_OUT_OF_SCOPE = "EndEvent_OutOfScope";
    public static final String ASSESS_DESIGNATION = "CallActivity_AssessDesignation";
    public static final String SHARE_ASSESSMENT = "ServiceTask_ShareAssessment";
    public static final String DESIGNATED = "Gateway_Designated";
    public static final String END_NOT_COVERED = "EndEvent_NotCovered";
    public static final String DECIDE_ACCESS_OFFER = "UserTask_DecideAccessOffer";
    public static final String ACCESS_OFFER_LAPSED = "BoundaryEvent_AccessOfferLapsed";
    public static final String PREPARE_ACCESS_TERMS = "UserTask_PrepareAccessTerms";
    public static final String ACCEPT_ACCESS_TERMS = "UserTask_AcceptAccessTerms";
    public static final String TERMS_ACCEPTANCE_LAPSED = "BoundaryEvent_TermsAcceptanceLapsed";
    public static final String END_ACCESS_NOT_OFFERED = "EndEvent_AccessNotOffered";
    public static final String SCHEDULE_ACCESS_WINDOW = "ServiceTask_ScheduleAccessWindow";
    public static final String ACCESS_WINDOW = "SubProcess_AccessWindow";
    public static final String ACCESS_WINDOW_OPENS = "TimerEvent_AccessWindowOpens";
    public static final String WINDOW_STILL_OPEN = "Gateway_WindowStillOpen";
    public static final String END_WINDOW_ALREADY_ENDED = "EndEvent_WindowAlreadyEnded";
    public static final String EVALUATE_MODEL = "UserTask_EvaluateModel";
    public static final String ACCESS_WINDOW_EXPIRED = "BoundaryEvent_AccessWindowExpired";
    public static final String ACCESS_ENDED_EARLY = "BoundaryEvent_AccessEndedEarly";
    public static final String CLOSE_ACCESS_WINDOW = "ServiceTask_CloseAccessWindow";
    public static final String SELECT_TRUSTED_PARTNERS = "CallActivity_SelectTrustedPartners";
    public static final String AWAIT_RELEASE = "ReceiveTask_AwaitRelease";
    public static final String RELEASE_REPORT_OVERDUE = "BoundaryEvent_ReleaseReportOverdue";
    public static final String END_RELEASED_TO_TRUSTED_PARTNERS = "EndEvent_ReleasedToTrustedPartners";
    public static final String END_ENGAGEMENT_CLOSED = "EndEvent_EngagementClosed";
    public static final String ENGAGEMENT_WITHDRAWN = "StartEvent_EngagementWithdrawn";
    public static final String END_WITHDRAWN = "EndEvent_Withdrawn";

    private Elements() {}
  }

  /** Message names (what correlation uses); the BPMN ids are {@code Message_<name>}. */
  public static final class Messages {
    public static final String ENGAGEMENT_WITHDRAWN = "EngagementWithdrawn";
    public static final String ACCESS_ENDED_EARLY = "AccessEndedEarly";
    public static final String RELEASED_TO_PARTNERS = "ReleasedToPartners";

    private Messages() {}
  }

  /**
   * Process variable names: what a person submits on a task (each held in its task's own scope,
   * which ends with the task) and what the inquiry submits at the start. Facts a later step
   * trusts are in the {@link EngagementRecord}, never in variables.
   */
  public static final class Vars {
    // the inquiry
    public static final String ORGANIZATION = "organization";
    public static final String MODEL_NAME = "modelName";
    public static final String MODEL_VERSION = "modelVersion";
    public static final String DESCRIPTION = "description";
    public static final String CONTACT_EMAIL = "contactEmail";
    public static final String PLANNED_PARTNER_RELEASE_DATE = "plannedPartnerReleaseDate";
    // the policy the engagement is bound to
    public static final String POLICY_ID = "policyId";
    public static final String ACCESS_CAP_DAYS = "accessCapDays";
    public static final String CONSULTATION_OFFICES = "consultationOffices";
    public static final String CONSULTATION_PERIOD = "consultationPeriod";
    public static final String CLARIFICATION_TIMEOUT = "clarificationTimeout";
    public static final String ACCESS_OFFER_TIMEOUT = "accessOfferTimeout";
    public static final String TERMS_ACCEPTANCE_TIMEOUT = "termsAcceptanceTimeout";
    public static final String RELEASE_REPORT_GRACE = "releaseReportGrace";
    public static final String PARTNER_CATEGORIES = "partnerCategories";
    // intake
    public static final String INTAKE_OUTCOME = "intakeOutcome";
    public static final String INTAKE_NOTE = "intakeNote";
    public static final String CLARIFICATION_TEXT = "clarificationText";
    /** On the intake form after a clarification round: what intake asked (read-only). */
    public static final String PREVIOUS_QUESTION = "previousQuestion";
    /** On the intake form after a clarification round: what the developer answered (read-only). */
    public static final String CLARIFICATION_ANSWER = "clarificationAnswer";
    // designation (only what leaves the classified assessment)
    public static final String DESIGNATED = "designated";
    public static final String ASSESSMENT_SUMMARY = "assessmentSummary";
    public static final String ASSESSMENT_SHARED_AT = "assessmentSharedAt";
    // access offer and terms
    public static final String OFFER_ACCESS = "offerAccess";
    public static final String ACCESS_START = "accessStart";
    public static final String ACCESS_DAYS = "accessDays";
    public static final String ACCESS_TERMS_REFERENCE = "accessTermsReference";
    public static final String ACCEPT_TERMS = "acceptTerms";
    /** The SHA-256 of the terms document the developer accepts: it must be the one access counsel attached. */
    public static final String ACCEPTED_TERMS_SHA256 = "acceptedTermsSha256";
    // access window
    public static final String ACCESS_WINDOW_START = "accessWindowStart";
    public static final String ACCESS_WINDOW_END = "accessWindowEnd";
    public static final String EVALUATION_FINDINGS = "evaluationFindings";
    // partners and release
    public static final String APPROVED_PARTNERS = "approvedPartners";
    public static final String RELEASED_AT = "releasedAt";
    public static final String WITHDRAWAL_REASON = "withdrawalReason";
    public static final String WITHDRAWN_BY = "withdrawnBy";
    private Vars() {}
  }
}
