package dev.frontierengage.access;

import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.Submission;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Checks the developer's access offer against {@link AccessWindowRules} with the cap of the
 * engagement's own policy; a broken rule refuses the completion and changes nothing.
 */
@Component("accessOfferListener")
public class AccessOfferListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Submission submission = Submission.of(task, "Access offer");
    Boolean offerAccess = submission.bool(Vars.OFFER_ACCESS);
    if (!Boolean.TRUE.equals(offerAccess)) {
      submission.requireValid();
      task.setVariable(Vars.OFFER_ACCESS, false);
      return;
    }
    int cap = ((Number) task.getVariable(Vars.ACCESS_CAP_DAYS)).intValue();
    LocalDate planned = submission.date(Vars.PLANNED_PARTNER_RELEASE_DATE);
    LocalDate start = submission.date(Vars.ACCESS_START);
    Integer days = submission.integer(Vars.ACCESS_DAYS, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (planned != null && start != null && days != null) {
      AccessOffer offer = new AccessOffer(planned, start, days);
      AccessWindowRules.violations(offer, EngineClock.today(), cap).forEach(submission::violation);
    }
    submission.requireValid();
    task.setVariable(Vars.OFFER_ACCESS, true);
    task.setVariable(Vars.PLANNED_PARTNER_RELEASE_DATE, Submission.startOfDay(planned));
    task.setVariable(Vars.ACCESS_START, Submission.startOfDay(start));
    task.setVariable(Vars.ACCESS_DAYS, days);
  }
}
