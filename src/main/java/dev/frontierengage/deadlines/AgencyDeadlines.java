package dev.frontierengage.deadlines;

import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.policy.Policy;
import dev.frontierengage.process.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * When an agency step is due: the policy's {@code agency-due-days} for the step, counted in
 * federal working days ({@link WorkingDays}) from the day the task is created, at the close of
 * business in Washington (17:00, America/New_York). The models read it as
 * {@code ${agencyDeadlines.due(execution, 'intake')}} for a task's due date and for the timer
 * that escalates it. The engagement's own policy counts, as bound when it started.
 *
 * <p>Only the agencies' deadlines are working days. Every wait of the developer and the access
 * window of Sec. 3(b)(ii) stay in calendar days: their timers never pass through here.
 */
@Component("agencyDeadlines")
public class AgencyDeadlines {

  public static final ZoneId OFFICES = ZoneId.of("America/New_York");
  public static final LocalTime CLOSE_OF_BUSINESS = LocalTime.of(17, 0);

  private final EngagementRecord record;

  AgencyDeadlines(EngagementRecord record) {
    this.record = record;
  }

  /** The due date of {@code step} (intake, benchmark, consultation, decision, access-terms). */
  public Date due(VariableScope execution, String step) {
    Integer days = policyOf(execution).agencyDueDays().get(step);
    if (days == null) {
      throw new IllegalArgumentException("no agency-due-days for step '" + step + "'");
    }
    return Date.from(dueAfter(EngineClock.instant(), days));
  }

  /**
   * A consultation task's due date: its working-day deadline, or, when the consultation round
   * ({@code consultationPeriod}, calendar time) closes first, a day before it closes (half the
   * round if that is shorter), so that an office is escalated while it can still answer rather
   * than when the round has recorded it as giving no response.
   */
  public Date consultationDue(VariableScope execution) {
    Date due = due(execution, "consultation");
    Duration round = policyOf(execution).consultationPeriod();
    Duration reminder = round.dividedBy(2).compareTo(Duration.ofDays(1)) < 0 ? round.dividedBy(2) : Duration.ofDays(1);
    Instant beforeRoundCloses = EngineClock.instant().plus(round).minus(reminder);
    return beforeRoundCloses.isBefore(due.toInstant()) ? Date.from(beforeRoundCloses) : due;
  }

  /** Close of business on the {@code days}-th working day after {@code from} (Washington time). */
  private static Instant dueAfter(Instant from, int days) {
    LocalDate created = from.atZone(OFFICES).toLocalDate();
    return WorkingDays.add(created, days).atTime(CLOSE_OF_BUSINESS).atZone(OFFICES).toInstant();
  }

  private Policy policyOf(VariableScope execution) {
    return record.policy(execution);
  }
}
