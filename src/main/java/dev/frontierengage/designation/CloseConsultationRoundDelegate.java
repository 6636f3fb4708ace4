package dev.frontierengage.designation;

import dev.frontierengage.process.Sealed;
import dev.frontierengage.designation.DesignationProcess.Vars;
import dev.frontierengage.process.JsonVariables;
import java.util.List;
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
public class CloseConsultationRoundDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    List<Consultation> consultations =
        JsonVariables.readList(Sealed.get(execution, Vars.CONSULTATIONS), Consultation.class);
    List<String> offices =
        JsonVariables.readList(Sealed.get(execution, Vars.CONSULTATION_OFFICES), String.class);
    Set<String> answered =
        consultations.stream().map(Consultation::office).collect(Collectors.toSet());
    for (String office : offices) {
      if (!answered.contains(office)) {
        consultations.add(
            new Consultation(office, ConsultationPosition.NO_RESPONSE, null, null, null));
      }
    }
    Sealed.set(execution, Vars.CONSULTATIONS, JsonVariables.list(consultations));
  }
}
