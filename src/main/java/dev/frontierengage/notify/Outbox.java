package dev.frontierengage.notify;

import dev.frontierengage.process.EngineClock;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one outbox ({@code fe_outbox}): a message is written in the transaction of the change that
 * calls for it (a rolled back change leaves none) and delivered after commit by
 * {@link OutboxWorker}. An event gives each recipient one row, however often it is raised.
 */
@Component
public class Outbox {

  /** Where a row stands. */
  public enum Status { PENDING, SENT, DEAD }

  /** A row as administrators see it. */
  public record Row(String id, String eventId, String eventType, String engagementId, String channel,
      String recipient, String subject, String status, int attempts, Instant nextAttemptAt, String lastError,
      Instant createdAt, Instant sentAt) {}

  private final JdbcTemplate jdbc;

  Outbox(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** Writes {@code message} unless its event already gave this recipient a row; true when written. */
  public boolean enqueue(Message message) {
    Timestamp now = Timestamp.from(EngineClock.instant());
    return jdbc.update("INSERT INTO fe_outbox (id, event_id, event_type, engagement_id, channel, recipient, subject,"
        + " body, status, attempts, next_attempt_at, created_at)"
        + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP)"
        + " WHERE NOT EXISTS (SELECT 1 FROM fe_outbox WHERE event_id = ? AND channel = ? AND recipient = ?)",
        UUID.randomUUID().toString(), message.eventId(), message.eventType(), message.engagementId(),
        message.channel().name(), message.recipient(), clip(message.subject(), 500), clip(message.body(), 4000),
        Status.PENDING.name(), now, now, message.eventId(), message.channel().name(), message.recipient()) == 1;
  }

  /**
   * Writes an event for an organization's developer, in one statement: {@code email} to its
   * recipient (none when it has none), and {@code payload} to each of {@code organization}'s
   * enabled webhooks subscribed to the event's type; each unless the event already gave that
   * recipient a row. A webhook's row is named by the webhook's id after a prefix of this call's
   * own (the row's id is the delivery's {@code webhook-id}). Returns the rows written.
   */
  public int enqueueForOrganization(Message email, String organization, String payload) {
    Timestamp now = Timestamp.from(EngineClock.instant());
    String prefix = UUID.randomUUID().toString().replace("-", "").substring(0, WEBHOOK_ROW_PREFIX - 1) + "-";
    return jdbc.update("INSERT INTO fe_outbox (id, event_id, event_type, engagement_id, channel, recipient, subject,"
        + " body, status, attempts, next_attempt_at, created_at)"
        + " SELECT m.id, CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64)), m.channel, m.recipient,"
        + " m.subject, m.body, 'PENDING', 0, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP) FROM ("
        + " SELECT CAST(? AS VARCHAR(64)) AS id, CAST('EMAIL' AS VARCHAR(16)) AS channel,"
        + " CAST(? AS VARCHAR(320)) AS recipient, CAST(? AS VARCHAR(500)) AS subject, CAST(? AS VARCHAR(4000)) AS body"
        + " UNION ALL"
        + " SELECT SUBSTRING(CONCAT(CAST(? AS VARCHAR(" + WEBHOOK_ROW_PREFIX + ")), w.id), 1, 64),"
        + " CAST('WEBHOOK' AS VARCHAR(16)), w.id,"
        + " CAST(? AS VARCHAR(500)), CAST(? AS VARCHAR(4000)) FROM fe_webhook w WHERE w.organization = ?"
        + " AND w.disabled_at IS NULL AND CONCAT(',', w.events, ',') LIKE ?) m"
        + " WHERE m.recipient IS NOT NULL AND NOT EXISTS (SELECT 1 FROM fe_outbox o WHERE o.event_id = ?"
        + " AND o.channel = m.channel AND o.recipient = m.recipient)",
        email.eventId(), email.eventType(), email.engagementId(), now, now,
        UUID.randomUUID().toString(), email.recipient(), clip(email.subject(), 500), clip(email.body(), 4000),
        prefix, clip(email.eventType(), 500), clip(payload, 4000), organization, "%," + email.eventType() + ",%",
        email.eventId());
  }

  /**
   * How long the prefix of a webhook's row id is: with a webhook's id as {@link Webhooks#register}
   * makes it (35) it fits the column (64); a longer one is cut to fit rather than fail the event.
   */
  static final int WEBHOOK_ROW_PREFIX = 28;

  /** Whether {@code eventId} already gave anyone a row. */
  public boolean known(String eventId) {
    Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM fe_outbox WHERE event_id = ?", Integer.class, eventId);
    return rows != null && rows > 0;
  }

  /** Rows of {@code status}, newest first, at most {@code max}. */
  public List<Row> list(Status status, int max) {
    return jdbc.query("SELECT * FROM fe_outbox WHERE status = ? ORDER BY created_at DESC LIMIT ?", (rs, n) -> new Row(
        rs.getString("id"), rs.getString("event_id"), rs.getString("event_type"), rs.getString("engagement_id"),
        rs.getString("channel"), rs.getString("recipient"), rs.getString("subject"), rs.getString("status"),
        rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")), rs.getString("last_error"),
        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("sent_at"))), status.name(), max);
  }

  /** Puts a dead row back in line for delivery now; false when there is no such dead row. */
  public boolean retry(String id) {
    return jdbc.update("UPDATE fe_outbox SET status = ?, attempts = 0, next_attempt_at = ?, last_error = NULL"
        + " WHERE id = ? AND status = ?", Status.PENDING.name(), Timestamp.from(EngineClock.instant()), id,
        Status.DEAD.name()) == 1;
  }

  static String clip(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never half of a character
    }
    return text.substring(0, end) + "…";
  }

  /**
   * A delivery's failure as {@code last_error} can hold it on every database, at most {@code max}
   * characters: what a receiver answered is quoted in the HTTP client's or the mail library's
   * message, so a control character (a NUL, which PostgreSQL refuses: the row's failure could not
   * be recorded and it stayed claimed, uncounted, to be sent again for ever) is written as
   * a backslash, {@code u} and its four hexadecimal digits, and half of a surrogate pair as U+FFFD.
   */
  static String storableError(String text, int max) {
    if (text == null) {
      return null;
    }
    StringBuilder kept = new StringBuilder(Math.min(text.length(), max + 8));
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        kept.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        kept.append('\uFFFD');
      } else if (Character.isISOControl(c)) {
        kept.append(String.format("\\u%04x", (int) c));
      } else {
        kept.append(c);
      }
    }
    return clip(kept.toString(), max);
  }

  private static Instant instant(Timestamp at) {
    return at == null ? null : at.toInstant();
  }
}
