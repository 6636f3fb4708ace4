package dev.frontierengage.engagement;

import dev.frontierengage.process.Sealed;
import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.process.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sec. 3(a) sharing: from here on the developer sees the designation and the releasable
 * summary (and nothing else of the assessment). The moment of sharing is what the developer
 * API shows as {@code sharedAt}.
 */
@Component("shareAssessment")
public class ShareAssessmentDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    Sealed.get(execution, Vars.DESIGNATED);
    Sealed.get(execution, Vars.ASSESSMENT_SUMMARY);
    Sealed.set(execution, Vars.ASSESSMENT_SHARED_AT, EngineClock.now());
  }
}
