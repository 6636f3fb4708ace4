package dev.frontierengage.designation;

import dev.frontierengage.designation.DesignationProcess.Vars;
import dev.frontierengage.process.Sealed;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Seals the threshold's recommendation as it leaves the decision, so no one can restate it. */
@Component("sealRecommendation")
public class SealRecommendationListener implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    Sealed.set(execution, Vars.RECOMMENDATION, execution.getVariable(Vars.RECOMMENDATION));
  }
}
