package dev.frontierengage.engagement;

import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.process.Submission;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Checks NSA intake's decision before the task completes: a valid outcome, and a note the
 * developer can act on whenever intake asks for clarification or declines the inquiry. Each
 * review starts without an outcome (its own task-scope variables), so an earlier round's answer
 * is no answer to this one.
 */
@Component("intakeReviewListener")
class IntakeReviewListener implements TaskListener {

  static final int MAX_NOTE = 4000;

  private final EngagementRecord record;

  IntakeReviewListener(EngagementRecord record) {
    this.record = record;
  }

  @Override
  public void notify(DelegateTask task) {
    Submission submission = Submission.of(task, "Intake review");
    IntakeOutcome outcome = submission.oneOf(Vars.INTAKE_OUTCOME, IntakeOutcome.class);
    String note = outcome == IntakeOutcome.ACCEPTED
        ? submission.optionalText(Vars.INTAKE_NOTE, MAX_NOTE)
        : submission.text(Vars.INTAKE_NOTE, MAX_NOTE);
    submission.requireValid();
    record.intakeReviewed(EngagementRecord.id(task), outcome.name(), note);
  }
}
