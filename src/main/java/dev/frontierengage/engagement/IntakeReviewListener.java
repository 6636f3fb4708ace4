package dev.frontierengage.engagement;

import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.process.Submission;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Checks NSA intake's decision before the task completes: a valid outcome, and a note the
 * developer can act on whenever intake asks for clarification or declines the inquiry.
 */
@Component("intakeReviewListener")
public class IntakeReviewListener implements TaskListener {

  static final int MAX_NOTE = 4000;

  @Override
  public void notify(DelegateTask task) {
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      // each review decides anew: an earlier round's outcome is no answer to this one
      task.getExecution().removeVariable(Vars.INTAKE_OUTCOME);
      return;
    }
    Submission submission = Submission.of(task, "Intake review", Vars.SEALED);
    IntakeOutcome outcome = submission.oneOf(Vars.INTAKE_OUTCOME, IntakeOutcome.class);
    String note = outcome == IntakeOutcome.ACCEPTED
        ? submission.optionalText(Vars.INTAKE_NOTE, MAX_NOTE)
        : submission.text(Vars.INTAKE_NOTE, MAX_NOTE);
    submission.requireValid();
    task.setVariable(Vars.INTAKE_OUTCOME, outcome.name());
    task.setVariable(Vars.INTAKE_NOTE, note);
  }
}
