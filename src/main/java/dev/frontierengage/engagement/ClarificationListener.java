package dev.frontierengage.engagement;

import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.process.Submission;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The developer's answer to intake's question must say something. */
@Component("clarificationListener")
public class ClarificationListener implements TaskListener {

  static final int MAX_TEXT = Submission.MAX_TEXT;

  @Override
  public void notify(DelegateTask task) {
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      task.getExecution().removeVariable(Vars.CLARIFICATION_TEXT);
      return;
    }
    Submission submission = Submission.of(task, "Clarification", Vars.SEALED);
    String text = submission.text(Vars.CLARIFICATION_TEXT, MAX_TEXT);
    submission.requireValid();
    task.setVariable(Vars.CLARIFICATION_TEXT, text);
  }
}
