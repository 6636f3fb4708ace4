package dev.frontierengage.access;

import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.ReviewerIdentity;
import dev.frontierengage.process.Submission;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** NSA evaluation records its findings (classified: never shown to the developer). */
@Component("evaluationListener")
class EvaluationListener implements TaskListener {

  static final int MAX_FINDINGS = Submission.MAX_TEXT;

  private final EvaluationRecord record;

  EvaluationListener(EvaluationRecord record) {
    this.record = record;
  }

  @Override
  public void notify(DelegateTask task) {
    Submission submission = Submission.of(task, "Evaluation");
    String findings = submission.text(Vars.EVALUATION_FINDINGS, MAX_FINDINGS);
    String by = ReviewerIdentity.of(task, submission);
    submission.requireValid();
    record.recorded(EngagementRecord.id(task), findings, by, EngineClock.instant());
  }
}
