package dev.frontierengage.access;

import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.process.Submission;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Fixes the dates the timers of the access window, the partner selection and the release
 * report read: the window from {@link AccessWindowRules#window}, the selection deadline at the
 * planned partner release, the release report deadline a policy grace period after it.
 */
@Component("scheduleAccessWindow")
public class ScheduleAccessWindowDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate planned = Submission.toDate(execution.getVariable(Vars.PLANNED_PARTNER_RELEASE_DATE));
    LocalDate start = Submission.toDate(execution.getVariable(Vars.ACCESS_START));
    int days = ((Number) execution.getVariable(Vars.ACCESS_DAYS)).intValue();
    int cap = ((Number) execution.getVariable(Vars.ACCESS_CAP_DAYS)).intValue();
    Period grace = Period.parse((String) execution.getVariable(Vars.RELEASE_REPORT_GRACE));

    AccessWindow window = AccessWindowRules.window(new AccessOffer(planned, start, days), cap);
    execution.setVariable(Vars.ACCESS_WINDOW_START, Date.from(window.start()));
    execution.setVariable(Vars.ACCESS_WINDOW_END, Date.from(window.end()));
    execution.setVariable(Vars.PARTNER_SELECTION_DEADLINE, Submission.startOfDay(planned));
    Instant reportDeadline = planned.plus(grace).atStartOfDay(ZoneOffset.UTC).toInstant();
    execution.setVariable(Vars.RELEASE_REPORT_DEADLINE, Date.from(reportDeadline));
  }
}
