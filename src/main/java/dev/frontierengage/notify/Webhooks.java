package dev.frontierengage.notify;

import dev.frontierengage.platform.OrganizationLimits;
import dev.frontierengage.process.EngineClock;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The webhooks each organization registered ({@code fe_webhook}): where its engagements' events
 * are posted, which events, and the secret that signs them (Standard Webhooks: {@code whsec_}
 * and 24 random bytes in base64), shown to the organization when made or rotated and never
 * again. A webhook its receiver answered 410 Gone is disabled.
 */
@Component
public class Webhooks {

  /** The events a webhook may subscribe to: what the developer hears of by e-mail. */
  public static final Set<String> EVENTS = Set.of("action.opened", "action.reminder", "engagement.closed");
  /** How many webhooks one organization may have. */
  public static final int MAX_PER_ORGANIZATION = 10;
  static final String SECRET_PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A webhook as its organization sees it (the secret only when made or rotated). */
  public record Webhook(String id, String url, List<String> events, Instant createdAt, Instant disabledAt,
      String disabledReason, String secret) {}

  /** The organization has {@link #MAX_PER_ORGANIZATION} webhooks already. */
  public static final class LimitReached extends RuntimeException {
    LimitReached() {
      super("Your organization has " + MAX_PER_ORGANIZATION + " webhooks, the most it may have; delete one first.");
    }
  }

  private final JdbcTemplate jdbc;
  private final OrganizationLimits limits;

  Webhooks(DataSource dataSource, OrganizationLimits limits) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.limits = limits;
  }

  /** A new webhook; {@link LimitReached} when the organization has as many as it may (counted alone among its requests). */
  public Webhook register(String organization, String url, List<String> events) {
    String id = "wh_" + UUID.randomUUID().toString().replace("-", "");
    String secret = newSecret();
    Instant now = EngineClock.instant();
    List<String> sorted = List.copyOf(new TreeSet<>(events));
    limits.alone("webhooks", organization, () -> {
      if (count(organization) >= MAX_PER_ORGANIZATION) {
        throw new LimitReached();
      }
      return jdbc.update("INSERT INTO fe_webhook (id, organization, url, events, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)",
          id, organization, url, String.join(",", sorted), secret, Timestamp.from(now));
    });
    return new Webhook(id, url, sorted, now, null, null, secret);
  }

  public long count(String organization) {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM fe_webhook WHERE organization = ?", Long.class, organization);
    return count == null ? 0 : count;
  }

  public List<Webhook> list(String organization) {
    return jdbc.query("SELECT * FROM fe_webhook WHERE organization = ? ORDER BY created_at, id", (rs, n) -> webhook(rs,
        false), organization);
  }

  public Optional<Webhook> find(String organization, String id) {
    return jdbc.query("SELECT * FROM fe_webhook WHERE organization = ? AND id = ?", (rs, n) -> webhook(rs, false),
        organization, id).stream().findFirst();
  }

  /** A new secret for the organization's webhook (the old one stops signing at once); empty when it has none. */
  public Optional<Webhook> rotate(String organization, String id) {
    String secret = newSecret();
    if (jdbc.update("UPDATE fe_webhook SET secret = ? WHERE organization = ? AND id = ?", secret, organization, id) != 1) {
      return Optional.empty();
    }
    return find(organization, id).map(w -> new Webhook(w.id(), w.url(), w.events(), w.createdAt(), w.disabledAt(),
        w.disabledReason(), secret));
  }

  public boolean delete(String organization, String id) {
    return jdbc.update("DELETE FROM fe_webhook WHERE organization = ? AND id = ?", organization, id) == 1;
  }

  /** Where a delivery goes and what signs it; empty for a deleted or disabled webhook. */
  Optional<String[]> target(String id) {
    return jdbc.query("SELECT url, secret FROM fe_webhook WHERE id = ? AND disabled_at IS NULL", (rs, n) ->
        new String[] {rs.getString("url"), rs.getString("secret")}, id).stream().findFirst();
  }

  void disable(String id, String reason) {
    jdbc.update("UPDATE fe_webhook SET disabled_at = ?, disabled_reason = ? WHERE id = ? AND disabled_at IS NULL",
        Timestamp.from(EngineClock.instant()), Outbox.clip(reason, 500), id);
  }

  private static Webhook webhook(java.sql.ResultSet rs, boolean withSecret) throws java.sql.SQLException {
    Timestamp disabled = rs.getTimestamp("disabled_at");
    return new Webhook(rs.getString("id"), rs.getString("url"), List.of(rs.getString("events").split(",")),
        rs.getTimestamp("created_at").toInstant(), disabled == null ? null : disabled.toInstant(),
        rs.getString("disabled_reason"), withSecret ? rs.getString("secret") : null);
  }

  private static String newSecret() {
    byte[] key = new byte[24];
    RANDOM.nextBytes(key);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }
}
