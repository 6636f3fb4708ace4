package dev.frontierengage.partners;

/** Ids and variable names of {@code bpmn/trusted-partner-selection.bpmn}. */
public final class PartnerSelectionProcess {

  public static final String PROCESS_ID = "trusted-partner-selection";

  private PartnerSelectionProcess() {}

  /** BPMN element ids. */
  public static final class Elements {
    public static final String START_SELECTION_STARTED = "StartEvent_SelectionStarted";
    public static final String PROPOSE_TRUSTED_PARTNERS = "UserTask_ProposeTrustedPartners";
    public static final String VET_TRUSTED_PARTNERS = "UserTask_VetTrustedPartners";
    public static final String MORE_AWAITING_VETTING = "Gateway_MoreAwaitingVetting";
    public static final String VETTING_OVERDUE = "BoundaryEvent_VettingOverdue";
    public static final String PARTNERS_REJECTED = "Gateway_PartnersRejected";
    public static final String REVISE_TRUSTED_PARTNERS = "UserTask_ReviseTrustedPartners";
    public static final String REVISION_PROPOSED = "Gateway_RevisionProposed";
    public static final String END_PARTNERS_AGREED = "EndEvent_PartnersAgreed";
    public static final String SELECTION_DEADLINE_REACHED = "StartEvent_SelectionDeadlineReached";
    public static final String END_SELECTION_CLOSED_AT_DEADLINE = "EndEvent_SelectionClosedAtDeadline";

    private Elements() {}
  }

  /** Process variable names. */
  public static final class Vars {
    public static final String ORGANIZATION = "organization";
    public static final String MODEL_NAME = "modelName";
    public static final String MODEL_VERSION = "modelVersion";
    public static final String POLICY_ID = "policyId";
    /** The categories the engagement's policy allows. */
    public static final String PARTNER_CATEGORIES = "partnerCategories";
    /** The developer's proposal (first round) or revision (later rounds), awaiting vetting. */
    public static final String PROPOSED_PARTNERS = "proposedPartners";
    public static final String PARTNERS_PROPOSED = "partnersProposed";
    /** CISA's decision on the partner its vetting task shows: true (approve) or false (reject). */
    public static final String PARTNER_APPROVED = "partnerApproved";
    /** CISA's reason for that decision, which the developer sees. */
    public static final String VETTING_REASON = "vettingReason";
    /** The partner a vetting task shows (read-only): name, category, sector and contact. */
    public static final String PARTNER_NAME = "partnerName";
    public static final String PARTNER_CATEGORY = "partnerCategory";
    public static final String PARTNER_SECTOR = "partnerSector";
    public static final String PARTNER_CONTACT = "partnerContact";
    /** How many partners await vetting, this one included (read-only). */
    public static final String PARTNERS_AWAITING = "partnersAwaiting";
    public static final String APPROVED_PARTNERS = "approvedPartners";

    private Vars() {}
  }
}
