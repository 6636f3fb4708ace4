package dev.frontierengage.designation;

import dev.frontierengage.engagement.EngagementRecord;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Closes the consultation round: every office of the engagement's policy that has not
 * answered is recorded as NO_RESPONSE, so the decision always sees the whole list.
 */
@Component("closeConsultationRound")
class CloseConsultationRoundDelegate implements JavaDelegate {

  private final AssessmentRecord record;
  private final EngagementRecord engagements;

  CloseConsultationRoundDelegate(AssessmentRecord record, EngagementRecord engagements) {
    this.record = record;
    this.engagements = engagements;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String id = EngagementRecord.id(execution);
    Set<String> answered = record.consultations(id).stream().map(Consultation::office).collect(Collectors.toSet());
    for (String office : engagements.consultationOffices(execution)) {
      if (!answered.contains(office)) {
        record.consulted(id, new Consultation(office, ConsultationPosition.NO_RESPONSE, null, null, null));
      }
    }
  }
}
