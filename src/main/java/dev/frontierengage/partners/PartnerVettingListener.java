package dev.frontierengage.partners;

import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.partners.PartnerRecord.Status;
import dev.frontierengage.partners.PartnerSelectionProcess.Vars;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.JsonVariables;
import dev.frontierengage.process.ReviewerIdentity;
import dev.frontierengage.process.Submission;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Sec. 3(b)(iii) on the government side: CISA approves or rejects each partner awaiting vetting,
 * always with a reason. The record keeps each decision; rejected partners go back to the
 * developer with the reason.
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
    List<TrustedPartner> awaiting = record.withStatus(id, Status.PROPOSED);
    Map<String, PartnerDecision> decisions = decisions(task, submission, awaiting);
    String by = ReviewerIdentity.of(task, submission);
    submission.requireValid();
    Instant at = EngineClock.instant();
    for (TrustedPartner partner : awaiting) {
      PartnerDecision decision = decisions.get(partner.id());
      record.decided(id, partner.id(), decision.approved(), decision.reason().strip(), by, at);
      engagements.event(id, at, decision.approved() ? "PARTNER_APPROVED" : "PARTNER_REJECTED",
          partner.name() + ": " + decision.reason().strip());
    }
  }

  private static Map<String, PartnerDecision> decisions(DelegateTask task, Submission submission,
      List<TrustedPartner> awaiting) {
    List<PartnerDecision> given;
    try {
      given = JsonVariables.readList(task.getVariable(Vars.PARTNER_DECISIONS), PartnerDecision.class);
    } catch (IllegalArgumentException e) {
      submission.violation(Vars.PARTNER_DECISIONS + " " + e.getMessage());
      return Map.of();
    }
    Map<String, PartnerDecision> byId = new HashMap<>();
    for (PartnerDecision decision : given) {
      if (decision == null || decision.partnerId() == null) {
        submission.violation("every decision names a partnerId");
        continue;
      }
      if (awaiting.stream().noneMatch(p -> p.id().equals(decision.partnerId()))) {
        submission.violation("partner " + decision.partnerId() + " is not awaiting vetting");
      } else if (byId.put(decision.partnerId(), decision) != null) {
        submission.violation("partner " + decision.partnerId() + " is decided twice");
      }
      if (decision.approved() == null) {
        submission.violation("partner " + decision.partnerId() + ": approved must be true or false");
      }
      if (decision.reason() == null || decision.reason().isBlank()
          || decision.reason().length() > MAX_REASON) {
        submission.violation("partner " + decision.partnerId() + ": a reason is required (at most "
            + MAX_REASON + " characters)");
      }
    }
    for (TrustedPartner partner : awaiting) {
      if (!byId.containsKey(partner.id())) {
        submission.violation("partner " + partner.id() + " (" + partner.name() + ") has no decision");
      }
    }
    return byId;
  }
}
