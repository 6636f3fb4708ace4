package dev.frontierengage.access;

import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.Submission;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The developer accepts the terms only by accepting and acknowledging all six requirement
 * areas, naming by its SHA-256 the terms document access counsel attached; anything less
 * declines them. The record keeps the SHA-256 accepted.
 */
@Component("accessTermsListener")
class AccessTermsListener implements TaskListener {

  private final EngagementRecord record;

  AccessTermsListener(EngagementRecord record) {
    this.record = record;
  }

  @Override
  public void notify(DelegateTask task) {
    Submission submission = Submission.of(task, "Access terms");
    Boolean accept = submission.bool(Vars.ACCEPT_TERMS);
    boolean all = true;
    for (AccessRequirement requirement : AccessRequirement.values()) {
      boolean given = task.getVariable(requirement.name()) != null;
      all &= given && Boolean.TRUE.equals(submission.bool(requirement.name()));
    }
    String id = EngagementRecord.id(task);
    EngagementRecord.Engagement engagement = record.find(id).orElseThrow();
    String attached = engagement.termsSha256();
    // terms prepared before documents existed name no document: accepted as they were offered
    boolean legacy = attached == null && engagement.termsReference() != null;
    Object named = task.getVariable(Vars.ACCEPTED_TERMS_SHA256);
    if (Boolean.TRUE.equals(accept) && all && !legacy && (attached == null || !attached.equals(named))) {
      submission.violation(Vars.ACCEPTED_TERMS_SHA256 + " must be the SHA-256 of the terms document access counsel"
          + " attached" + (attached == null ? " (none is)" : " (" + attached + ")"));
    }
    submission.requireValid();
    record.termsAnswered(id, accept && all, attached);
    record.event(id, EngineClock.instant(), accept && all ? "ACCESS_TERMS_ACCEPTED" : "ACCESS_TERMS_DECLINED",
        accept && !all ? "not every requirement area was acknowledged"
            : accept && attached != null ? "terms document SHA-256 " + attached : null);
  }
}
