package dev.frontierengage.designation;

import dev.frontierengage.designation.DesignationProcess.Vars;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.ReviewerIdentity;
import dev.frontierengage.process.Submission;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Sec. 3(a) determination by the Director of NSA: refuses the reviewer who recorded the
 * benchmark results (separation of duties, read from the record), and requires the designation,
 * an internal rationale and the summary that alone will be shared with the developer.
 */
@Component("designationDecisionListener")
class DesignationDecisionListener implements TaskListener {

  static final int MAX_RATIONALE = Submission.MAX_TEXT;
  static final int MAX_SUMMARY = 4_000;

  private final AssessmentRecord record;

  DesignationDecisionListener(AssessmentRecord record) {
    this.record = record;
  }

  @Override
  public void notify(DelegateTask task) {
    Submission submission = Submission.of(task, "Designation decision");
    String decidedBy = ReviewerIdentity.of(task, submission);
    submission.requireValid();
    String id = EngagementRecord.id(task);
    if (decidedBy.equals(record.of(task).recordedBy())) {
      throw new SeparationOfDutiesException(decidedBy);
    }
    Boolean designated = submission.bool(Vars.DESIGNATED);
    String rationale = submission.text(Vars.DECISION_RATIONALE, MAX_RATIONALE);
    String summary = submission.text(Vars.ASSESSMENT_SUMMARY, MAX_SUMMARY);
    submission.requireValid();
    record.decided(id, designated, rationale, summary, decidedBy, EngineClock.instant());
  }
}
