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
 * areas; anything less declines them.
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
    submission.requireValid();
    String id = EngagementRecord.id(task);
    record.termsAnswered(id, accept && all);
    record.event(id, EngineClock.instant(), accept && all ? "ACCESS_TERMS_ACCEPTED" : "ACCESS_TERMS_DECLINED",
        accept && !all ? "not every requirement area was acknowledged" : null);
  }
}
