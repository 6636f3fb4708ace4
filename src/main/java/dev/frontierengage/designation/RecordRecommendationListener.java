package dev.frontierengage.designation;

import dev.frontierengage.designation.DesignationProcess.Vars;
import dev.frontierengage.engagement.EngagementRecord;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Records the threshold's recommendation as it leaves the decision (the result lives in the
 * rule task's own scope and ends with it), so no one can restate it.
 */
@Component("recordRecommendation")
class RecordRecommendationListener implements ExecutionListener {

  private final AssessmentRecord record;

  RecordRecommendationListener(AssessmentRecord record) {
    this.record = record;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Object recommendation = execution.getVariableLocal(Vars.RECOMMENDATION);
    record.recommended(EngagementRecord.id(execution), Recommendation.valueOf(String.valueOf(recommendation)).name());
  }
}
