package dev.frontierengage.notify;

import dev.frontierengage.process.EngineClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox after commit: every {@code frontier-engage.notify.poll} it claims the rows
 * that are due (one node per row: a claim is a conditional update, held for
 * {@link #CLAIM}), hands each to its channel (e-mail, or a webhook: {@link WebhookSender}) and
 * records the outcome; a webhook refused for good (410, another 4xx, an address not allowed) is
 * dead at once. A failed delivery is tried
 * again after an exponential backoff with jitter ({@code retry-base}, doubling, at most
 * {@code retry-max}); after {@code max-attempts} the row is {@code DEAD}, which administrators see
 * ({@code /actuator/outbox}) and can put back in line. A node that dies holding a claim loses it
 * when the claim runs out. The message id is the row's, the same at every attempt.
 */
@Component
public class OutboxWorker {

  static final Duration CLAIM = Duration.ofMinutes(2);
  private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);

  private final JdbcTemplate jdbc;
  private final Mailer mailer;
  private final WebhookSender webhooks;
  private final String node = UUID.randomUUID().toString();
  private final Duration retryBase;
  private final Duration retryMax;
  private final int maxAttempts;
  private final String domain;

  OutboxWorker(DataSource dataSource, Mailer mailer, WebhookSender webhooks,
      @Value("${frontier-engage.notify.retry-base:30s}") Duration retryBase,
      @Value("${frontier-engage.notify.retry-max:1h}") Duration retryMax,
      @Value("${frontier-engage.notify.max-attempts:8}") int maxAttempts,
      @Value("${frontier-engage.notify.message-id-domain:frontierengage.invalid}") String domain) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.mailer = mailer;
    this.webhooks = webhooks;
    this.retryBase = retryBase;
    this.retryMax = retryMax;
    this.maxAttempts = maxAttempts;
    this.domain = domain;
  }

  @Scheduled(fixedDelayString = "${frontier-engage.notify.poll:5s}", initialDelayString = "${frontier-engage.notify.poll:5s}")
  void poll() {
    try {
      deliverDue();
    } catch (RuntimeException e) {
      LOG.warn("Outbox delivery round failed; tried again at the next poll", e);
    }
  }

  /** Delivers every row due now that this node can claim; returns how many were delivered. */
  public int deliverDue() {
    Instant now = EngineClock.instant();
    List<Map<String, Object>> due = jdbc.queryForList("SELECT id FROM fe_outbox WHERE status = 'PENDING'"
        + " AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 50", Timestamp.from(now));
    int delivered = 0;
    for (Map<String, Object> row : due) {
      String id = (String) row.get("id");
      // each row claimed just before its delivery, for a full claim: a slow delivery before it
      // does not leave it to another node while it is sent
      if (claim(id, EngineClock.instant()) && deliver(id)) {
        delivered++;
      }
    }
    return delivered;
  }

  private boolean claim(String id, Instant now) {
    return jdbc.update("UPDATE fe_outbox SET locked_by = ?, locked_until = ? WHERE id = ? AND status = 'PENDING'"
        + " AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until < ?)", node,
        Timestamp.from(now.plus(CLAIM)), id, Timestamp.from(now), Timestamp.from(now)) == 1;
  }

  private boolean deliver(String id) {
    Map<String, Object> row = jdbc.queryForMap("SELECT channel, recipient, subject, body, attempts FROM fe_outbox"
        + " WHERE id = ?", id);
    int attempts = ((Number) row.get("attempts")).intValue() + 1;
    String failure;
    boolean forGood = false;
    try {
      if (Message.Channel.WEBHOOK.name().equals(row.get("channel"))) {
        WebhookSender.Result result = webhooks.send(id, (String) row.get("recipient"), (String) row.get("body"));
        failure = result.outcome() == WebhookSender.Outcome.DELIVERED ? null : result.detail();
        forGood = result.outcome() == WebhookSender.Outcome.GONE || result.outcome() == WebhookSender.Outcome.REFUSED;
      } else {
        mailer.send("<" + id + "@" + domain + ">", (String) row.get("recipient"), (String) row.get("subject"),
            (String) row.get("body"));
        failure = null;
      }
    } catch (Exception failed) {
      // whatever the channel threw counts as a failed attempt: the row is never left claimed
      failure = failed.getClass().getSimpleName() + ": " + failed.getMessage();
    }
    if (failure != null) {
      boolean dead = forGood || attempts >= maxAttempts;
      Instant next = EngineClock.instant().plus(backoff(attempts));
      lostClaim(id, jdbc.update("UPDATE fe_outbox SET attempts = ?, status = ?, next_attempt_at = ?, last_error = ?,"
          + " locked_by = NULL, locked_until = NULL WHERE id = ? AND locked_by = ?", attempts,
          dead ? Outbox.Status.DEAD.name() : Outbox.Status.PENDING.name(), Timestamp.from(next),
          Outbox.clip(failure, 1000), id, node));
      LOG.warn("Outbox row {} not delivered (attempt {} of {}: {}){}", id, attempts, maxAttempts, failure,
          dead ? ": given up, dead letter for administrators" : "; tried again at " + next);
      return false;
    }
    lostClaim(id, jdbc.update("UPDATE fe_outbox SET attempts = ?, status = ?, sent_at = ?, last_error = NULL,"
        + " locked_by = NULL, locked_until = NULL WHERE id = ? AND locked_by = ?", attempts,
        Outbox.Status.SENT.name(), Timestamp.from(EngineClock.instant()), id, node));
    return true;
  }

  /** A delivery that outlasted its claim: another node may have sent the row too (the receiver sees the same id). */
  private static void lostClaim(String id, int updated) {
    if (updated == 0) {
      LOG.warn("Outbox row {} outlasted its claim of {}: another node may have delivered it as well", id, CLAIM);
    }
  }

  /** {@code retry-base} doubled per failed attempt, at most {@code retry-max}, then 75% to 125% of it. */
  Duration backoff(int attempts) {
    Duration delay = retryBase.multipliedBy(1L << Math.min(attempts - 1, 20));
    if (delay.compareTo(retryMax) > 0 || delay.isNegative()) {
      delay = retryMax;
    }
    double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
    return Duration.ofMillis((long) (delay.toMillis() * jitter));
  }
}
