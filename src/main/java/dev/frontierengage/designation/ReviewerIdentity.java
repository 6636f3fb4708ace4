package dev.frontierengage.designation;

import dev.frontierengage.process.Submission;
import org.camunda.bpm.engine.delegate.DelegateTask;

/** Who completes a task: the authenticated reviewer, required for every recorded judgement. */
final class ReviewerIdentity {

  private ReviewerIdentity() {}

  static String of(DelegateTask task, Submission submission) {
    var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      submission.violation("an authenticated reviewer must complete this task");
      return null;
    }
    return authentication.getUserId();
  }
}
