package dev.frontierengage.access;

import dev.frontierengage.process.Sealed;
import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.process.Submission;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Access counsel names the terms document the developer is asked to accept. */
@Component("accessTermsPreparedListener")
public class AccessTermsPreparedListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Submission submission = Submission.of(task, "Access terms", Vars.SEALED,
        Vars.ACCESS_TERMS_REFERENCE);
    String reference = submission.text(Vars.ACCESS_TERMS_REFERENCE, 500);
    submission.requireValid();
    Sealed.set(task, Vars.ACCESS_TERMS_REFERENCE, reference);
  }
}
