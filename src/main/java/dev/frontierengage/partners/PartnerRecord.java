package dev.frontierengage.partners;

import dev.frontierengage.policy.PartnerCategory;

import dev.frontierengage.engagement.EngagementRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sec. 3(b)(iii): every partner the developer proposed ({@code fe_partner}), in the round it was
 * proposed, and where it stands: {@code PROPOSED} (awaiting CISA), {@code APPROVED} or
 * {@code REJECTED} with CISA's reason. Only the listeners write it.
 */
@Component("partnerRecord")
public class PartnerRecord {

  /** Where a partner stands. */
  public enum Status { PROPOSED, APPROVED, REJECTED }

  /** One partner as recorded. */
  public record Partner(TrustedPartner partner, int round, Status status, String reason) {}

  private final JdbcTemplate jdbc;

  public PartnerRecord(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** Records a proposal (or revision) as a new round; each partner gets the next id P1, P2, ... */
  public List<TrustedPartner> propose(String id, List<TrustedPartner> partners, Instant at) {
    Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM fe_partner WHERE engagement_id = ?", Integer.class, id);
    Integer round = jdbc.queryForObject("SELECT COALESCE(MAX(round), 0) + 1 FROM fe_partner WHERE engagement_id = ?",
        Integer.class, id);
    int sequence = count == null ? 0 : count;
    List<TrustedPartner> recorded = new ArrayList<>();
    for (TrustedPartner partner : partners) {
      TrustedPartner withId = partner.withId("P" + (++sequence));
      jdbc.update("INSERT INTO fe_partner (engagement_id, partner_id, round, name, category, sector, contact_email,"
          + " status, proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, withId.id(), round, withId.name(),
          withId.category().name(), withId.sector(), withId.contactEmail(), Status.PROPOSED.name(), Timestamp.from(at));
      recorded.add(withId);
    }
    return recorded;
  }

  /** CISA's decision on a partner awaiting vetting. */
  public void decided(String id, String partnerId, boolean approved, String reason, String by, Instant at) {
    int changed = jdbc.update("UPDATE fe_partner SET status = ?, reason = ?, decided_by = ?, decided_at = ?"
        + " WHERE engagement_id = ? AND partner_id = ? AND status = ?", (approved ? Status.APPROVED : Status.REJECTED).name(),
        reason, by, Timestamp.from(at), id, partnerId, Status.PROPOSED.name());
    if (changed != 1) {
      throw new IllegalStateException("partner " + partnerId + " of engagement " + id + " is not awaiting vetting");
    }
  }

  public List<Partner> all(String id) {
    return jdbc.query("SELECT * FROM fe_partner WHERE engagement_id = ?"
        + " ORDER BY round, proposed_at, LENGTH(partner_id), partner_id",
        PartnerRecord::partner, id);
  }

  public List<TrustedPartner> withStatus(String id, Status status) {
    return all(id).stream().filter(p -> p.status() == status).map(Partner::partner).toList();
  }

  // what the models read

  /** Whether CISA rejected any partner of the latest round: {@code ${partnerRecord.anyRejected(execution)}}. */
  public boolean anyRejected(VariableScope scope) {
    String id = EngagementRecord.id(scope);
    Integer rejected = jdbc.queryForObject("SELECT COUNT(*) FROM fe_partner WHERE engagement_id = ? AND status = ?"
        + " AND round = (SELECT MAX(round) FROM fe_partner WHERE engagement_id = ?)", Integer.class, id,
        Status.REJECTED.name(), id);
    return rejected != null && rejected > 0;
  }

  /** Whether partners await CISA's vetting (a revision that proposed none keeps the approved ones). */
  public boolean awaitingVetting(VariableScope scope) {
    return !withStatus(EngagementRecord.id(scope), Status.PROPOSED).isEmpty();
  }

  /**
   * The partner CISA vets next: the first awaiting vetting in the order proposed. The vetting
   * task shows it and its completion decides it, both read here, so what a completion sends
   * cannot point the decision at another partner.
   */
  public java.util.Optional<TrustedPartner> nextAwaiting(String id) {
    return withStatus(id, Status.PROPOSED).stream().findFirst();
  }

  /** When the partner CISA vets next was proposed: its vetting is due counting from then. */
  public java.util.Optional<Instant> awaitingSince(String id) {
    return jdbc.queryForList("SELECT MIN(proposed_at) FROM fe_partner WHERE engagement_id = ? AND status = ?",
        Timestamp.class, id, Status.PROPOSED.name()).stream().filter(java.util.Objects::nonNull)
        .map(Timestamp::toInstant).findFirst();
  }

  private static Partner partner(ResultSet rs, int row) throws SQLException {
    TrustedPartner partner = new TrustedPartner(rs.getString("partner_id"), rs.getString("name"),
        PartnerCategory.valueOf(rs.getString("category")), rs.getString("sector"), rs.getString("contact_email"));
    return new Partner(partner, rs.getInt("round"), Status.valueOf(rs.getString("status")), rs.getString("reason"));
  }
}
