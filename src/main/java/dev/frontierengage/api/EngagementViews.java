package dev.frontierengage.api;

import dev.frontierengage.policy.PartnerCategory;
import dev.frontierengage.view.DeveloperAction;
import dev.frontierengage.view.Stage;
import dev.frontierengage.view.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the developer API shows: releasable facts only, never scores or internal reasoning. */
public final class EngagementViews {

  private EngagementViews() {}

  /** One engagement in the organization's list, with what the developer may do now and by when. */
  public record Summary(String id, String modelName, String modelVersion, Stage stage,
      Status status, List<DeveloperAction> openActions, Map<DeveloperAction, Instant> deadlines,
      Instant openedAt) {}

  /** A page of the organization's engagements, newest first. */
  public record Page(List<Summary> items, int page, int size, long total) {}

  /**
   * One engagement in full.
   *
   * @param deadlines when each open action lapses (the clarification, the access offer, the
   *     terms, the partners, the release report), for the actions that do
   * @param accessTermsReference the reference access counsel gives the terms, once prepared
   * @param accessTermsDocumentId the terms document access counsel attached (a TERMS document), once prepared
   * @param accessTermsSha256 its SHA-256: what an acceptance names
   * @param acceptedTermsSha256 the SHA-256 of the terms document the developer accepted
   * @param accessCapDays the most calendar days of access the engagement's policy allows (Sec. 3(b)(ii))
   * @param releasedAt when the model went to trusted partners, as the developer's release report said
   */
  public record Detail(String id, String organization, String modelName, String modelVersion,
      String description, String contactEmail, LocalDate plannedPartnerReleaseDate,
      String policyId, Integer accessCapDays, Stage stage, Status status, List<DeveloperAction> openActions,
      Map<DeveloperAction, Instant> deadlines, String intakeNote, String accessTermsReference,
      String accessTermsDocumentId, String accessTermsSha256, String acceptedTermsSha256, Assessment assessment,
      AccessWindow accessWindow, Instant releasedAt, List<Partner> trustedPartners, List<TimelineEvent> timeline) {}

  /** The releasable assessment, once shared (Sec. 3(a)). */
  public record Assessment(boolean designated, String summary, Instant sharedAt) {}

  /**
   * The agreed government access window (Sec. 3(b)(ii)), and when and how government access
   * actually ended, once it has.
   *
   * @param start when government access begins
   * @param end when it ends as agreed (start + the agreed days, never past the cap or the planned
   *     partner release)
   * @param closedAt when it ended: at {@code end} (never later, whatever closed it), earlier when the evaluation was done or the
   *     developer ended it early, or when the engagement was withdrawn ({@code start} if that was
   *     before the window began: it never opened); null while it has not
   * @param closedBy how it ended: {@code EXPIRED} (its end was reached), {@code EVALUATION_COMPLETED}
   *     (the government handed access back), {@code DEVELOPER} (ended early by the developer),
   *     {@code WITHDRAWN}; null while open, or when an administrator closed it by hand
   */
  public record AccessWindow(Instant start, Instant end, Instant closedAt, String closedBy) {}

  /** A trusted partner and where it stands (Sec. 3(b)(iii)). */
  public record Partner(String id, String name, PartnerCategory category, String sector,
      String contactEmail, PartnerStatus status, String reason) {}

  /** Where a partner stands in the selection. */
  public enum PartnerStatus { PROPOSED, APPROVED, REJECTED }

  /** A milestone or an outcome (an offer made or declined, terms answered, a partner decided, with its reason). */
  public record TimelineEvent(Instant at, String event, String detail) {}
}
