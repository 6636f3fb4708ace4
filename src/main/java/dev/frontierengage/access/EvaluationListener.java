package dev.frontierengage.access;

import dev.frontierengage.process.Sealed;
import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.process.Submission;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** NSA evaluation records its findings (classified: never shown to the developer). */
@Component("evaluationListener")
public class EvaluationListener implements TaskListener {

  static final int MAX_FINDINGS = Submission.MAX_TEXT;

  @Override
  public void notify(DelegateTask task) {
    Submission submission = Submission.of(task, "Evaluation", Vars.SEALED, Vars.EVALUATION_FINDINGS);
    String findings = submission.text(Vars.EVALUATION_FINDINGS, MAX_FINDINGS);
    submission.requireValid();
    Sealed.set(task, Vars.EVALUATION_FINDINGS, findings);
  }
}
