package dev.frontierengage.access;

import dev.frontierengage.process.Sealed;
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
    Submission submission = Submission.of(task, "Access offer", Vars.SEALED, Vars.OFFER_ACCESS,
        Vars.PLANNED_PARTNER_RELEASE_DATE, Vars.ACCESS_START, Vars.ACCESS_DAYS);
    Boolean offerAccess = submission.bool(Vars.OFFER_ACCESS);
    if (!Boolean.TRUE.equals(offerAccess)) {
      submission.requireValid();
      Sealed.set(task, Vars.OFFER_ACCESS, false);
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
    Sealed.set(task, Vars.OFFER_ACCESS, true);
    Sealed.set(task, Vars.PLANNED_PARTNER_RELEASE_DATE, Submission.startOfDay(planned));
    Sealed.set(task, Vars.ACCESS_START, Submission.startOfDay(start));
    Sealed.set(task, Vars.ACCESS_DAYS, days);
  }
}
