package dev.frontierengage.access;

import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.Submission;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Checks the developer's access offer against {@link AccessWindowRules} with the cap of the
 * engagement's own policy (from its record); a broken rule refuses the completion and changes
 * nothing.
 */
@Component("accessOfferListener")
class AccessOfferListener implements TaskListener {

  private final EngagementRecord record;

  AccessOfferListener(EngagementRecord record) {
    this.record = record;
  }

  @Override
  public void notify(DelegateTask task) {
    String id = EngagementRecord.id(task);
    Submission submission = Submission.of(task, "Access offer");
    Boolean offerAccess = submission.bool(Vars.OFFER_ACCESS);
    if (!Boolean.TRUE.equals(offerAccess)) {
      submission.requireValid();
      record.accessDeclined(id);
      record.event(id, EngineClock.instant(), "ACCESS_DECLINED", null);
      return;
    }
    int cap = record.policy(task).accessCapDays();
    LocalDate planned = submission.date(Vars.PLANNED_PARTNER_RELEASE_DATE);
    LocalDate start = submission.date(Vars.ACCESS_START);
    Integer days = submission.integer(Vars.ACCESS_DAYS, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (planned != null && start != null && days != null) {
      AccessOffer offer = new AccessOffer(planned, start, days);
      AccessWindowRules.violations(offer, EngineClock.today(), cap).forEach(submission::violation);
    }
    submission.requireValid();
    record.accessOffered(id, planned, start, days);
    record.event(id, EngineClock.instant(), "ACCESS_OFFERED", days + " days from " + start
        + ", before the release to trusted partners on " + planned);
  }
}
