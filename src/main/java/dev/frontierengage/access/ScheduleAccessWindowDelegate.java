package dev.frontierengage.access;

import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.engagement.EngagementRecord.Engagement;
import dev.frontierengage.process.EngineClock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Fixes the dates the timers of the access window, the partner selection and the release
 * report read, from the record only: the window from {@link AccessWindowRules#window}
 * (starting today when the terms were accepted after the offered start), the selection
 * deadline at the planned partner release, the release report deadline a policy grace period
 * after it.
 */
@Component("scheduleAccessWindow")
class ScheduleAccessWindowDelegate implements JavaDelegate {

  private final EngagementRecord record;

  ScheduleAccessWindowDelegate(EngagementRecord record) {
    this.record = record;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Engagement engagement = record.of(execution);
    LocalDate planned = engagement.plannedRelease();
    AccessWindow window = AccessWindowRules.window(
        new AccessOffer(planned, engagement.accessStart(), engagement.accessDays()),
        engagement.policy().accessCapDays(), EngineClock.today());
    record.windowScheduled(engagement.id(), window.start(), window.end(),
        planned.atStartOfDay(ZoneOffset.UTC).toInstant(),
        planned.plus(engagement.policy().releaseReportGrace()).atStartOfDay(ZoneOffset.UTC).toInstant());
  }
}
