package dev.frontierengage.partners;

import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.partners.PartnerSelectionProcess.Vars;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.ReviewerIdentity;
import dev.frontierengage.process.Submission;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Sec. 3(b)(iii) on the government side: CISA approves or rejects one partner per vetting task,
 * always with a reason, by an explicit choice ({@code partnerApproved} true or false; nothing is
 * decided by default). The partner decided is the one the task shows, the record's next awaiting
 * vetting ({@link PartnerRecord#nextAwaiting}); nothing a completion sends names another. The
 * record keeps the decision; a rejected partner goes back to the developer with the reason.
 */
@Component("partnerVettingListener")
class PartnerVettingListener implements TaskListener {

  static final int MAX_REASON = 2_000;

  private final PartnerRecord record;
  private final EngagementRecord engagements;

  PartnerVettingListener(PartnerRecord record, EngagementRecord engagements) {
    this.record = record;
    this.engagements = engagements;
  }

  @Override
  public void notify(DelegateTask task) {
    String id = EngagementRecord.id(task);
    Submission submission = Submission.of(task, "Partner vetting");
    TrustedPartner partner = record.nextAwaiting(id).orElseThrow(
        () -> new IllegalStateException("engagement " + id + " has no partner awaiting vetting"));
    Boolean approved = submission.bool(Vars.PARTNER_APPROVED);
    String reason = submission.text(Vars.VETTING_REASON, MAX_REASON);
    String by = ReviewerIdentity.of(task, submission);
    submission.requireValid();
    Instant at = EngineClock.instant();
    record.decided(id, partner.id(), approved, reason, by, at);
    engagements.event(id, at, approved ? "PARTNER_APPROVED" : "PARTNER_REJECTED", partner.name() + ": " + reason);
  }
}
