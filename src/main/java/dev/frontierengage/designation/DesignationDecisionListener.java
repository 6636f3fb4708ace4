package dev.frontierengage.designation;

import dev.frontierengage.process.Sealed;
import dev.frontierengage.designation.DesignationProcess.Vars;
import dev.frontierengage.process.Submission;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Sec. 3(a) determination by the Director of NSA: refuses the reviewer who recorded the
 * benchmark results (separation of duties), and requires the designation, an internal
 * rationale and the summary that alone will be shared with the developer.
 */
@Component("designationDecisionListener")
public class DesignationDecisionListener implements TaskListener {

  static final int MAX_RATIONALE = Submission.MAX_TEXT;
  static final int MAX_SUMMARY = 4_000;

  @Override
  public void notify(DelegateTask task) {
    Submission submission = Submission.of(task, "Designation decision", Vars.SEALED,
        Vars.DESIGNATED, Vars.DECISION_RATIONALE, Vars.ASSESSMENT_SUMMARY);
    submission.requireValid();
    String decidedBy = ReviewerIdentity.of(task, submission);
    if (decidedBy != null && decidedBy.equals(task.getVariable(Vars.BENCHMARK_RECORDED_BY))) {
      throw new SeparationOfDutiesException(decidedBy);
    }
    Boolean designated = submission.bool(Vars.DESIGNATED);
    String rationale = submission.text(Vars.DECISION_RATIONALE, MAX_RATIONALE);
    String summary = submission.text(Vars.ASSESSMENT_SUMMARY, MAX_SUMMARY);
    submission.requireValid();
    Sealed.set(task, Vars.DESIGNATED, designated);
    Sealed.set(task, Vars.DECISION_RATIONALE, rationale);
    Sealed.set(task, Vars.ASSESSMENT_SUMMARY, summary);
    Sealed.set(task, Vars.DECIDED_BY, decidedBy);
  }
}
