package dev.frontierengage.designation;

import dev.frontierengage.engagement.EngagementRecord;

import dev.frontierengage.designation.AssessmentRecord;
import dev.frontierengage.designation.AssessmentRecord.Assessment;
import dev.frontierengage.process.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sec. 3(a) sharing: from here on the developer sees the designation and the releasable
 * summary (and nothing else of the assessment): the two are copied from the classified
 * assessment into the engagement's record, with the moment of sharing ({@code sharedAt}).
 */
@Component("shareAssessment")
class ShareAssessmentDelegate implements JavaDelegate {

  private final AssessmentRecord assessments;
  private final EngagementRecord record;

  ShareAssessmentDelegate(AssessmentRecord assessments, EngagementRecord record) {
    this.assessments = assessments;
    this.record = record;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Assessment assessment = assessments.of(execution);
    if (assessment.designated() == null || assessment.summary() == null) {
      throw new IllegalStateException("engagement " + assessment.engagementId() + " has no decision to share");
    }
    record.assessmentShared(assessment.engagementId(), assessment.designated(), assessment.summary(),
        EngineClock.instant());
  }
}
