package dev.frontierengage.api;

import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The Idempotency-Keys each organization used, in {@code fe_idempotency_key}. */
@Repository
class IdempotencyKeys {

  record Used(String requestHash, String engagementId) {}

  private final JdbcTemplate jdbc;

  IdempotencyKeys(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Used> find(String organization, String key) {
    return jdbc.query("SELECT request_hash, engagement_id FROM fe_idempotency_key"
            + " WHERE organization = ? AND idem_key = ?",
        (rs, row) -> new Used(rs.getString(1), rs.getString(2)), organization, key)
        .stream().findFirst();
  }

  /** Records the key; a concurrent insert of the same key fails on the primary key. */
  void record(String organization, String key, String requestHash, String engagementId,
      java.time.Instant at) {
    jdbc.update("INSERT INTO fe_idempotency_key (organization, idem_key, request_hash,"
            + " engagement_id, created_at) VALUES (?, ?, ?, ?, ?)",
        organization, key, requestHash, engagementId, Timestamp.from(at));
  }
}
