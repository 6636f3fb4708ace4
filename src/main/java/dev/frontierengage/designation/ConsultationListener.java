package dev.frontierengage.designation;

import dev.frontierengage.designation.DesignationProcess.Vars;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.InvalidSubmissionException;
import dev.frontierengage.process.ReviewerIdentity;
import dev.frontierengage.process.Submission;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Records one office's position and comment as a row of its own. The office is the group the
 * task was offered to (not a variable a completion could change); a second answer from an
 * office is refused, so no answer can be rewritten, replayed or removed.
 *
 * <p>Once recorded, the answer's variables end with the task, as every task's do: a round's
 * consultations share one execution per office, which outlives its task until the round closes,
 * and a task query's variable filters match any execution of the instance, so an office still
 * answering could otherwise test another's position and read its comment through its own task's
 * query. Their history stays, for administrators.
 */
@Component("consultationListener")
class ConsultationListener implements TaskListener {

  static final int MAX_COMMENT = Submission.MAX_TEXT;

  private final AssessmentRecord record;

  ConsultationListener(AssessmentRecord record) {
    this.record = record;
  }

  @Override
  public void notify(DelegateTask task) {
    Submission submission = Submission.of(task, "Consultation");
    ConsultationPosition position = submission.oneOf(Vars.POSITION, ConsultationPosition.class);
    if (position == ConsultationPosition.NO_RESPONSE) {
      submission.violation("position NO_RESPONSE is recorded by the engine for silent offices;"
          + " choose CONCUR, NONCONCUR or NO_OBJECTION");
    }
    String comment = submission.optionalText(Vars.COMMENT, MAX_COMMENT);
    if (position == ConsultationPosition.NONCONCUR && comment == null) {
      submission.violation("comment is required with NONCONCUR: tell the Director of NSA why the office does not concur");
    }
    String respondedBy = ReviewerIdentity.of(task, submission);
    String office = office(task);
    submission.requireValid();
    boolean recorded = record.consulted(EngagementRecord.id(task), new Consultation(office, position, comment,
        respondedBy, EngineClock.instant().toString()));
    if (!recorded) {
      throw new InvalidSubmissionException("Consultation", List.of("office " + office
          + " has answered this consultation already; an answer is never replaced"));
    }
    task.getExecution().removeVariablesLocal(List.of(Vars.POSITION, Vars.COMMENT));
  }

  /** The office the task is offered to. */
  static String office(DelegateTask task) {
    return task.getCandidates().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(link -> link.getGroupId()).findFirst()
        .orElseThrow(() -> new IllegalStateException("consultation task " + task.getId() + " has no office"));
  }
}
