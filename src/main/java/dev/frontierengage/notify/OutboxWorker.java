package dev.frontierengage.notify;

import dev.frontierengage.process.EngineClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox after commit: every {@code frontier-engage.notify.poll} it claims the rows
 * that are due (one node per row: a claim is held for {@link #CLAIM}; a round claims its rows at
 * once, see {@link #deliverDue}), hands each to its channel (e-mail, or a
 * webhook: {@link WebhookSender}) and records the outcome (a failure at once; the rows a round
 * sent together, in one statement, at its end and before it claims a row again: a node that dies
 * between sending and recording leaves them to be sent again once its claim runs out, with the
 * same message id); a webhook refused for good (410,
 * another 4xx, an address not allowed) is dead at once. A failed delivery is tried again after an
 * exponential backoff with jitter ({@code retry-base}, doubling, at most {@code retry-max}); after
 * {@code max-attempts} the row is {@code DEAD}, which administrators see ({@code /actuator/outbox})
 * and can put back in line. A node that dies holding a claim loses it when the claim runs out. The
 * message id is the row's, the same at every attempt.
 */
@Component
public class OutboxWorker {

  static final Duration CLAIM = Duration.ofMinutes(2);
  /** The least of the round's own claim left for it to go on (the rows it has not reached are given back). */
  static final Duration LEFT = Duration.ofMinutes(1);
  /** How long a round's own claim serves its deliveries; a row sent later is claimed again first. */
  static final Duration FRESH = Duration.ofSeconds(10);
  /** The most rows one round claims. */
  static final int ROUND = 50;
  /** A row that is due and that no node holds (two parameters, both now). */
  private static final String CLAIMABLE = "status = 'PENDING' AND next_attempt_at <= ?"
      + " AND (locked_until IS NULL OR locked_until < ?)";
  /**
   * The e-mails a round claims come before its webhooks, whenever they were due: a webhook's
   * receiver may hold each exchange for its whole limit, and one organization's slow receivers
   * (ten webhooks an event) held every e-mail due after theirs back, round after round, as the
   * rows a round gives back stay first in line. A round sends for about a minute at most
   * ({@link #LEFT}), so an e-mail waits for at most that and the next poll.
   */
  private static final String EMAIL_FIRST = "CASE WHEN channel = 'EMAIL' THEN 0 ELSE 1 END";
  private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);

  private final JdbcTemplate jdbc;
  /** The claim's transactions, on the worker's data source, each of its own. */
  private final TransactionTemplate transactions;
  private final Mailer mailer;
  private final WebhookSender webhooks;
  private final String node = UUID.randomUUID().toString();
  /** This node's rounds: each round's claim is the node and its number. */
  private final java.util.concurrent.atomic.AtomicLong rounds = new java.util.concurrent.atomic.AtomicLong();
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
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    // a claim commits at once, also when a caller's transaction is open (it would hold the claim's locks)
    this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
      // a full round may have left more behind it: another round at once, until one is not full
      while (round().claimed() == ROUND) {
        LOG.debug("Outbox round was full: another round at once");
      }
    } catch (RuntimeException e) {
      LOG.warn("Outbox delivery round failed; tried again at the next poll", e);
    }
  }

  /**
   * Delivers the rows due now that this node can claim, at most {@link #ROUND} (one round; the
   * scheduled poll runs rounds until one is not full); returns how many were delivered. The
   * round's rows are read and locked in one statement and claimed by their ids under a claim of
   * this round's own, in one transaction, so the claim reads the due rows only, however many sent
   * rows the outbox keeps. A row sent once the round is older than {@link #FRESH} is claimed
   * again for a full {@link #CLAIM} just before it is sent (skipped if another node took it meanwhile), so every
   * delivery has at least {@code CLAIM - FRESH} to finish in; once less than {@link #LEFT} of the
   * round's own claim is left, or if a delivery throws, the rows the round did not reach are given
   * back for the next round, here or on another node.
   */
  public int deliverDue() {
    return round().delivered();
  }

  /** What a round did: the rows it claimed and those it delivered. */
  private record Round(int claimed, int delivered) {}

  private Round round() {
    Instant now = EngineClock.instant();
    Instant until = now.plus(CLAIM);
    String claim = node + "/" + rounds.incrementAndGet();
    Timestamp at = Timestamp.from(now);
    // the due rows are read and locked in one statement, then claimed by their ids, in one
    // transaction: two nodes claiming at once each get the rows the other did not, and the rows
    // another node is claiming are skipped rather than waited for (no two claims wait on each
    // other's rows). The rows' ids, not a subquery, name them in the update: on H2 an update
    // whose subquery picks the rows read the whole table, which only grows (sent rows stay)
    List<Claimed> rows = transactions.execute(status -> {
      List<Claimed> due = jdbc.query("SELECT id, channel, recipient, subject, body, attempts FROM fe_outbox WHERE "
          + CLAIMABLE + " ORDER BY " + EMAIL_FIRST + ", next_attempt_at, id LIMIT " + ROUND + " FOR UPDATE SKIP LOCKED", (rs, n) -> new Claimed(
              rs.getString("id"), rs.getString("channel"), rs.getString("recipient"), rs.getString("subject"),
              rs.getString("body"), rs.getInt("attempts")), at, at);
      if (!due.isEmpty()) {
        List<Object> arguments = new ArrayList<>(List.of(claim, Timestamp.from(until)));
        due.forEach(row -> arguments.add(row.id()));
        jdbc.update("UPDATE fe_outbox SET locked_by = ?, locked_until = ? WHERE id IN ("
            + String.join(", ", Collections.nCopies(due.size(), "?")) + ")", arguments.toArray());
      }
      return due;
    });
    int claimed = rows == null ? 0 : rows.size();
    if (claimed == 0) {
      return new Round(0, 0);
    }
    int delivered = 0;
    int reached = 0;
    List<String> sent = new ArrayList<>();
    try {
      for (Claimed row : rows) {
        Instant moment = EngineClock.instant();
        if (moment.isAfter(until.minus(LEFT))) {
          LOG.info("Outbox round ran out of claim time: {} rows left for the next round", rows.size() - reached);
          break;
        }
        reached++;
        if (moment.isAfter(now.plus(FRESH))) {
          recordSent(sent, claim); // what was sent is recorded before the round holds its rows longer
          if (jdbc.update("UPDATE fe_outbox SET locked_until = ? WHERE id = ? AND locked_by = ? AND status = 'PENDING'",
              Timestamp.from(moment.plus(CLAIM)), row.id(), claim) != 1) {
            continue; // its claim ran out and another node holds it
          }
        }
        if (deliver(row, claim)) {
          sent.add(row.id());
          delivered++;
        }
      }
    } finally {
      // the rows sent are recorded before the rest are given back: given back unrecorded, they
      // would be sent again at the next poll. If they cannot be recorded, nothing is given back
      // (the claims run out instead). Neither replaces what the round threw: that is what the poll sees
      if (recordedOrKept(sent, claim) && reached < rows.size()) {
        givenBackOrKept(claim, rows.size() - reached);
      }
    }
    return new Round(claimed, delivered);
  }

  /** Gives back the rows of {@code claim} the round did not reach; if it cannot, they stay claimed (logged) until the claim runs out. */
  private void givenBackOrKept(String claim, int left) {
    try {
      jdbc.update("UPDATE fe_outbox SET locked_by = NULL, locked_until = NULL WHERE status = 'PENDING'"
          + " AND locked_by = ?", claim);
    } catch (RuntimeException failed) {
      LOG.warn("Outbox: {} rows not reached could not be given back; they stay claimed until the claim of {} runs out",
          left, CLAIM, failed);
    }
  }

  /** {@link #recordSent}, at the end of a round: false (logged) when the rows sent could not be recorded. */
  private boolean recordedOrKept(List<String> sent, String claim) {
    try {
      recordSent(sent, claim);
      return true;
    } catch (RuntimeException failed) {
      LOG.warn("Outbox: {} rows sent could not be recorded; they stay claimed until the claim of {} runs out and"
          + " are then sent again", sent.size(), CLAIM, failed);
      return false;
    }
  }

  /**
   * Records the rows this round sent since it last recorded them, in one statement: at the end of
   * the round, and once the round is older than {@link #FRESH} before it claims a row again (so a
   * slow round records each row before it sends the next). A node that dies in between leaves
   * them claimed until the claim runs out, and then they are sent again (with the same message
   * id). {@code sent_at} is the moment recorded, within {@link #FRESH} and one delivery of the
   * sending.
   */
  private void recordSent(List<String> sent, String claim) {
    if (sent.isEmpty()) {
      return;
    }
    List<Object> arguments = new ArrayList<>(List.of(Outbox.Status.SENT.name(), Timestamp.from(EngineClock.instant()),
        claim));
    arguments.addAll(sent);
    int updated = jdbc.update("UPDATE fe_outbox SET attempts = attempts + 1, status = ?, sent_at = ?, last_error = NULL,"
        + " locked_by = NULL, locked_until = NULL WHERE locked_by = ? AND id IN ("
        + String.join(", ", Collections.nCopies(sent.size(), "?")) + ")", arguments.toArray());
    if (updated < sent.size()) {
      LOG.warn("{} of {} outbox rows sent outlasted their claim of {}: another node may have delivered them as well",
          sent.size() - updated, sent.size(), CLAIM);
    }
    sent.clear();
  }

  /** A row this round claimed, as it was read with the claim. */
  private record Claimed(String id, String channel, String recipient, String subject, String body, int attempts) {}

  /** Hands the row to its channel; records a failure at once; true when sent (recorded by {@link #recordSent}). */
  private boolean deliver(Claimed row, String claim) {
    String id = row.id();
    int attempts = row.attempts() + 1;
    String failure;
    boolean forGood = false;
    try {
      if (Message.Channel.WEBHOOK.name().equals(row.channel())) {
        WebhookSender.Result result = webhooks.send(id, row.recipient(), row.body());
        failure = result.outcome() == WebhookSender.Outcome.DELIVERED ? null : result.detail();
        forGood = result.outcome() == WebhookSender.Outcome.GONE || result.outcome() == WebhookSender.Outcome.REFUSED;
      } else {
        mailer.send("<" + id + "@" + domain + ">", row.recipient(), row.subject(), row.body());
        failure = null;
      }
    } catch (Exception failed) {
      // whatever the channel threw counts as a failed attempt: the row is never left claimed
      failure = failed.getClass().getSimpleName() + ": " + failed.getMessage();
    }
    if (failure != null) {
      // what the receiver answered, quoted, as the column and the log can hold it (no NUL, no control character)
      failure = Outbox.storableError(failure, 1000);
      boolean dead = forGood || attempts >= maxAttempts;
      Instant next = EngineClock.instant().plus(backoff(attempts));
      lostClaim(id, jdbc.update("UPDATE fe_outbox SET attempts = ?, status = ?, next_attempt_at = ?, last_error = ?,"
          + " locked_by = NULL, locked_until = NULL WHERE id = ? AND locked_by = ?", attempts,
          dead ? Outbox.Status.DEAD.name() : Outbox.Status.PENDING.name(), Timestamp.from(next),
          failure, id, claim));
      LOG.warn("Outbox row {} not delivered (attempt {} of {}: {}){}", id, attempts, maxAttempts, failure,
          dead ? ": given up, dead letter for administrators" : "; tried again at " + next);
      return false;
    }
    return true; // recorded with the round's other sent rows (recordSent)
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
