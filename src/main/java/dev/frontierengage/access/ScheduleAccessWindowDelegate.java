package dev.frontierengage.access;

import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.JsonVariables;
import dev.frontierengage.process.Sealed;
import dev.frontierengage.process.Submission;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Fixes the dates the timers of the access window, the partner selection and the release
 * report read, from sealed values only: the window from {@link AccessWindowRules#window}
 * (starting today when the terms were accepted after the offered start), the selection
 * deadline at the planned partner release, the release report deadline a policy grace period
 * after it.
 */
@Component("scheduleAccessWindow")
public class ScheduleAccessWindowDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate planned = Submission.toDate(Sealed.get(execution, Vars.PLANNED_PARTNER_RELEASE_DATE));
    LocalDate start = Submission.toDate(Sealed.get(execution, Vars.ACCESS_START));
    int days = ((Number) Sealed.get(execution, Vars.ACCESS_DAYS)).intValue();
    int cap = ((Number) Sealed.get(execution, Vars.ACCESS_CAP_DAYS)).intValue();
    Period grace = Period.parse((String) Sealed.get(execution, Vars.RELEASE_REPORT_GRACE));

    AccessWindow window = AccessWindowRules.window(new AccessOffer(planned, start, days), cap,
        EngineClock.today());
    Sealed.set(execution, Vars.ACCESS_WINDOW_START, Date.from(window.start()));
    Sealed.set(execution, Vars.ACCESS_WINDOW_END, Date.from(window.end()));
    Sealed.set(execution, Vars.PARTNER_SELECTION_DEADLINE, Submission.startOfDay(planned));
    Sealed.set(execution, Vars.APPROVED_PARTNERS, JsonVariables.list(List.of()));
    Sealed.set(execution, Vars.RELEASE_REPORT_DEADLINE,
        Date.from(planned.plus(grace).atStartOfDay(ZoneOffset.UTC).toInstant()));
  }
}
