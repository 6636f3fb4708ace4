package dev.frontierengage.process;

import org.camunda.bpm.engine.delegate.DelegateTask;

/** Who completes a task: the authenticated reviewer, required for every recorded judgement. */
public final class ReviewerIdentity {

  private ReviewerIdentity() {}

  public static String of(DelegateTask task, Submission submission) {
    var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      submission.violation("an authenticated reviewer must complete this task");
      return null;
    }
    return authentication.getUserId();
  }
}
