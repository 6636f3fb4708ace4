package dev.frontierengage.access;

import dev.frontierengage.process.Sealed;
import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.process.Submission;
import java.util.EnumMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The developer accepts the terms only by accepting and acknowledging all six requirement
 * areas; anything less declines them.
 */
@Component("accessTermsListener")
public class AccessTermsListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Submission submission = Submission.of(task, "Access terms", Vars.SEALED);
    Boolean accept = submission.bool(Vars.ACCEPT_TERMS);
    Map<AccessRequirement, Boolean> acknowledged = new EnumMap<>(AccessRequirement.class);
    for (AccessRequirement requirement : AccessRequirement.values()) {
      boolean given = task.getVariable(requirement.name()) != null;
      acknowledged.put(requirement, given ? submission.bool(requirement.name()) : Boolean.FALSE);
    }
    submission.requireValid();
    boolean all = acknowledged.values().stream().allMatch(Boolean.TRUE::equals);
    acknowledged.forEach((requirement, value) -> task.setVariable(requirement.name(), value));
    task.setVariable(Vars.ACCEPT_TERMS, accept);
    Sealed.set(task, Vars.TERMS_ACCEPTED, accept && all);
  }
}
