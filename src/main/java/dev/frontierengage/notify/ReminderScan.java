package dev.frontierengage.notify;

import dev.frontierengage.process.EngineClock;
import dev.frontierengage.view.DeveloperView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reminds the developer of an open action 7 and 2 days before it lapses: every
 * {@code frontier-engage.notify.reminder-scan} it reads the engagements with a lapsing action and
 * writes a reminder for each threshold passed. A reminder's event names the action, the threshold
 * and the lapse, so a scan repeated (on this node or another) writes it once.
 */
@Component
public class ReminderScan {

  /** Before a lapse, when the developer is reminded. */
  static final List<Duration> BEFORE = List.of(Duration.ofDays(7), Duration.ofDays(2));
  private static final Logger LOG = LoggerFactory.getLogger(ReminderScan.class);

  private final DeveloperView view;
  private final Outbox outbox;
  private final org.springframework.transaction.support.TransactionTemplate transaction;

  ReminderScan(DeveloperView view, Outbox outbox,
      org.springframework.transaction.PlatformTransactionManager transactions) {
    this.transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
    this.view = view;
    this.outbox = outbox;
  }

  @Scheduled(fixedDelayString = "${frontier-engage.notify.reminder-scan:15m}",
      initialDelayString = "${frontier-engage.notify.reminder-scan:15m}")
  void scan() {
    try {
      remind();
    } catch (RuntimeException e) {
      LOG.warn("Reminder scan failed; tried again at the next scan", e);
    }
  }

  /** Writes the reminders due now; returns how many new ones. */
  public int remind() {
    Instant now = EngineClock.instant();
    int written = 0;
    for (DeveloperView.View engagement : view.lapsing()) {
      for (DeveloperView.OpenAction action : engagement.openActions()) {
        if (action.lapsesAt() == null || !action.lapsesAt().isAfter(now)
            || !DeveloperNotifier.ASKS.containsKey(action.action())) {
          continue;
        }
        // the nearest threshold passed: 2 days left gives the 2-day reminder only
        Duration left = Duration.between(now, action.lapsesAt());
        Duration threshold = BEFORE.stream().filter(before -> left.compareTo(before) <= 0)
            .min(Duration::compareTo).orElse(null);
        if (threshold == null) {
          continue;
        }
        String id = engagement.engagement().id();
        String eventId = id + ":" + action.action().name() + ":reminder-" + threshold.toDays() + "d:"
            + action.lapsesAt().toEpochMilli();
        boolean added;
        try {
          // the e-mail and the webhook deliveries of one reminder together, or none of them
          added = Boolean.TRUE.equals(transaction.execute(status -> {
            if (outbox.known(eventId)) {
              return false;
            }
            DeveloperNotifier.tell(outbox, engagement.engagement(), eventId, "action.reminder",
              engagement.stage().name(), action,
              DeveloperNotifier.subject(engagement.engagement(), "reminder, " + threshold.toDays() + " days left to answer"),
              DeveloperNotifier.body(engagement.engagement(), "A reminder: " + DeveloperNotifier.ASKS.get(action.action())
                  + ". It lapses in less than " + threshold.toDays() + " days.", action, action.action()), null);
            return true;
          }));
        } catch (org.springframework.dao.DataIntegrityViolationException writtenMeanwhile) {
          added = false; // another node's scan wrote the same reminder a moment before
        }
        written += added ? 1 : 0;
      }
    }
    return written;
  }
}
