package dev.frontierengage.designation;

import dev.frontierengage.process.Sealed;
import dev.frontierengage.designation.DesignationProcess.Vars;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.JsonVariables;
import dev.frontierengage.process.Submission;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Adds one office's position and comment to the round's collected {@code consultations}. */
@Component("consultationListener")
public class ConsultationListener implements TaskListener {

  static final int MAX_COMMENT = Submission.MAX_TEXT;

  @Override
  public void notify(DelegateTask task) {
    Submission submission = Submission.of(task, "Consultation", Vars.SEALED);
    ConsultationPosition position = submission.oneOf(Vars.POSITION, ConsultationPosition.class);
    if (position == ConsultationPosition.NO_RESPONSE) {
      submission.violation("position NO_RESPONSE is recorded by the engine for silent offices;"
          + " choose CONCUR, NONCONCUR or NO_OBJECTION");
    }
    String comment = submission.optionalText(Vars.COMMENT, MAX_COMMENT);
    String respondedBy = ReviewerIdentity.of(task, submission);
    submission.requireValid();

    String office = (String) task.getVariable(Vars.OFFICE);
    DelegateExecution processInstance = task.getExecution().getProcessInstance();
    List<Consultation> consultations = JsonVariables.readList(
        Sealed.get(processInstance, Vars.CONSULTATIONS), Consultation.class);
    consultations.add(new Consultation(office, position, comment, respondedBy,
        EngineClock.instant().toString()));
    Sealed.set(processInstance, Vars.CONSULTATIONS, JsonVariables.list(consultations));
  }
}
