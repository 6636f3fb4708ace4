package dev.frontierengage.access;

import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.process.Submission;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Access counsel names the terms document the developer is asked to accept. */
@Component("accessTermsPreparedListener")
class AccessTermsPreparedListener implements TaskListener {

  private final EngagementRecord record;

  AccessTermsPreparedListener(EngagementRecord record) {
    this.record = record;
  }

  @Override
  public void notify(DelegateTask task) {
    Submission submission = Submission.of(task, "Access terms");
    String reference = submission.text(Vars.ACCESS_TERMS_REFERENCE, 500);
    submission.requireValid();
    record.termsPrepared(EngagementRecord.id(task), reference);
  }
}
