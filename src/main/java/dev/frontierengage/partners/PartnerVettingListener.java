package dev.frontierengage.partners;

import dev.frontierengage.process.Sealed;
import dev.frontierengage.partners.PartnerSelectionProcess.Vars;
import dev.frontierengage.process.JsonVariables;
import dev.frontierengage.process.Submission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Sec. 3(b)(iii) on the government side: CISA approves or rejects each proposed partner with a
 * reason. Approved partners join {@code approvedPartners}; rejected ones go back to the
 * developer with the reason.
 */
@Component("partnerVettingListener")
public class PartnerVettingListener implements TaskListener {

  static final int MAX_REASON = 2_000;

  @Override
  public void notify(DelegateTask task) {
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      // each round decides anew, starting from one undecided line per proposed partner (the
      // vetting form lists them; an earlier round's decisions are no answer to this one)
      List<PartnerDecision> undecided = JsonVariables.readList(task.getVariable(Vars.PROPOSED_PARTNERS),
          TrustedPartner.class).stream().map(PartnerDecision::undecided).toList();
      task.getExecution().setVariable(Vars.PARTNER_DECISIONS, JsonVariables.list(undecided));
      return;
    }
    Submission submission = Submission.of(task, "Partner vetting", Vars.SEALED);
    List<TrustedPartner> proposed =
        JsonVariables.readList(task.getVariable(Vars.PROPOSED_PARTNERS), TrustedPartner.class);
    Map<String, PartnerDecision> decisions = decisions(task, submission, proposed);
    submission.requireValid();

    List<TrustedPartner> approved =
        JsonVariables.readList(task.getVariable(Vars.APPROVED_PARTNERS), TrustedPartner.class);
    List<RejectedPartner> rejected = new ArrayList<>();
    for (TrustedPartner partner : proposed) {
      PartnerDecision decision = decisions.get(partner.id());
      if (decision.approved()) {
        approved.add(partner);
      } else {
        rejected.add(new RejectedPartner(partner, decision.reason().strip()));
      }
    }
    Sealed.set(task, Vars.APPROVED_PARTNERS, JsonVariables.list(approved));
    Sealed.set(task, Vars.REJECTED_PARTNERS, JsonVariables.list(rejected));
    Sealed.set(task, Vars.PARTNERS_REJECTED, !rejected.isEmpty());
  }

  private static Map<String, PartnerDecision> decisions(DelegateTask task, Submission submission,
      List<TrustedPartner> proposed) {
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
      if (proposed.stream().noneMatch(p -> p.id().equals(decision.partnerId()))) {
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
    for (TrustedPartner partner : proposed) {
      if (!byId.containsKey(partner.id())) {
        submission.violation("partner " + partner.id() + " (" + partner.name() + ") has no decision");
      }
    }
    return byId;
  }
}
