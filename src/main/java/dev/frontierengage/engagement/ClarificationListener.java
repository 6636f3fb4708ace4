package dev.frontierengage.engagement;

import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.process.Submission;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The developer's answer to intake's question must say something. */
@Component("clarificationListener")
class ClarificationListener implements TaskListener {

  static final int MAX_TEXT = Submission.MAX_TEXT;

  private final EngagementRecord record;

  ClarificationListener(EngagementRecord record) {
    this.record = record;
  }

  @Override
  public void notify(DelegateTask task) {
    Submission submission = Submission.of(task, "Clarification");
    String text = submission.text(Vars.CLARIFICATION_TEXT, MAX_TEXT);
    submission.requireValid();
    record.clarified(EngagementRecord.id(task), text);
  }
}
