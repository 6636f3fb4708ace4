package dev.frontierengage.deadlines;

import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.partners.PartnerRecord;
import dev.frontierengage.policy.Policies;
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
  private final PartnerRecord partners;
  private final Policies policies;

  AgencyDeadlines(EngagementRecord record, PartnerRecord partners, Policies policies) {
    this.record = record;
    this.partners = partners;
    this.policies = policies;
  }

  /** The due date of {@code step} (intake, benchmark, consultation, decision, access-terms, vetting). */
  public Date due(VariableScope execution, String step) {
    return Date.from(dueAfter(EngineClock.instant(), days(execution, step)));
  }

  /**
   * The working days of {@code step} under the engagement's bound policy; a step that policy
   * predates (bound before the step had a deadline of its own) takes the days the configured
   * policy of the same id gives it now, or else the active policy's.
   */
  private int days(VariableScope execution, String step) {
    Policy bound = policyOf(execution);
    Integer days = bound.agencyDueDays().get(step);
    if (days == null) {
      Policy configured = policies.all().getOrDefault(bound.id(), policies.active());
      days = configured.agencyDueDays().getOrDefault(step, policies.active().agencyDueDays().get(step));
    }
    if (days == null) {
      throw new IllegalArgumentException("no agency-due-days for step '" + step + "'");
    }
    return days;
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

  /**
   * A vetting task's due date: the policy's working days for {@code vetting}, counted from when
   * the partner it shows was proposed (a round of several partners is due together, not one
   * period after another), or, when the partner selection closes first (at the planned partner
   * release), a day before it closes (half the time left if that is shorter), so that CISA is
   * escalated while a partner can still be approved.
   */
  public Date vettingDue(VariableScope execution) {
    String id = EngagementRecord.id(execution);
    Instant proposed = partners.awaitingSince(id).orElse(EngineClock.instant());
    Instant due = dueAfter(proposed, days(execution, "vetting"));
    Instant closes = record.of(execution).selectionDeadline();
    Duration left = Duration.between(EngineClock.instant(), closes);
    Duration notice = left.isNegative() ? Duration.ZERO
        : left.dividedBy(2).compareTo(Duration.ofDays(1)) < 0 ? left.dividedBy(2) : Duration.ofDays(1);
    Instant beforeSelectionCloses = closes.minus(notice);
    return Date.from(beforeSelectionCloses.isBefore(due) ? beforeSelectionCloses : due);
  }

  /**
   * When an open evaluation is escalated: it is due when the access window closes (the window's
   * timer ends the task then), so the office is escalated {@link #EVALUATION_NOTICE} before that,
   * or half-way through the window when it is shorter than twice that.
   */
  public Date evaluationReminder(VariableScope execution) {
    EngagementRecord.Engagement engagement = record.of(execution);
    Duration window = Duration.between(engagement.windowStart(), engagement.windowEnd());
    Duration notice = window.dividedBy(2).compareTo(EVALUATION_NOTICE) < 0 ? window.dividedBy(2) : EVALUATION_NOTICE;
    return Date.from(engagement.windowEnd().minus(notice));
  }

  /** How long before the access window closes an open evaluation is escalated. */
  public static final Duration EVALUATION_NOTICE = Duration.ofDays(3);

  /** Close of business on the {@code days}-th working day after {@code from} (Washington time). */
  private static Instant dueAfter(Instant from, int days) {
    LocalDate created = from.atZone(OFFICES).toLocalDate();
    return WorkingDays.add(created, days).atTime(CLOSE_OF_BUSINESS).atZone(OFFICES).toInstant();
  }

  private Policy policyOf(VariableScope execution) {
    return record.policy(execution);
  }
}
