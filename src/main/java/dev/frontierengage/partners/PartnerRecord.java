package dev.frontierengage.partners;

import dev.frontierengage.policy.PartnerCategory;

import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.process.ReadOnce;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
  public record Partner(TrustedPartner partner, int round, Status status, String reason, Instant proposedAt) {}

  private final JdbcTemplate jdbc;

  public PartnerRecord(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** Records a proposal (or revision) as a new round; each partner gets the next id P1, P2, ... */
  public List<TrustedPartner> propose(String id, List<TrustedPartner> partners, Instant at) {
    List<Partner> before = all(id);
    int round = before.stream().mapToInt(Partner::round).max().orElse(0) + 1;
    int sequence = before.size();
    List<TrustedPartner> recorded = new ArrayList<>();
    try {
      for (TrustedPartner partner : partners) {
        TrustedPartner withId = partner.withId("P" + (++sequence));
        jdbc.update("INSERT INTO fe_partner (engagement_id, partner_id, round, name, category, sector, contact_email,"
            + " status, proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, withId.id(), round, withId.name(),
            withId.category().name(), withId.sector(), withId.contactEmail(), Status.PROPOSED.name(), Timestamp.from(at));
        recorded.add(withId);
      }
    } finally {
      forget(id);
    }
    return recorded;
  }

  /** CISA's decision on a partner awaiting vetting. */
  public void decided(String id, String partnerId, boolean approved, String reason, String by, Instant at) {
    forget(id);
    int changed = jdbc.update("UPDATE fe_partner SET status = ?, reason = ?, decided_by = ?, decided_at = ?"
        + " WHERE engagement_id = ? AND partner_id = ? AND status = ?", (approved ? Status.APPROVED : Status.REJECTED).name(),
        reason, by, Timestamp.from(at), id, partnerId, Status.PROPOSED.name());
    if (changed != 1) {
      throw new IllegalStateException("partner " + partnerId + " of engagement " + id + " is not awaiting vetting");
    }
  }

  /**
   * The engagement's partners in the order proposed, read once per transaction ({@link ReadOnce}:
   * a vetting task's name, its form, its completion and the gateways after it read them in
   * turn); every write through this bean drops the copy.
   */
  public List<Partner> all(String id) {
    return READ.get(id, key -> Optional.of(List.copyOf(jdbc.query("SELECT * FROM fe_partner WHERE engagement_id = ?"
        + " ORDER BY round, proposed_at, LENGTH(partner_id), partner_id", PartnerRecord::partner, key)))).orElseThrow();
  }

  /** Drops the partners this transaction read: to be called by whoever writes them other than through this bean. */
  public static void forget(String id) {
    READ.forget(id);
  }

  private static final ReadOnce<List<Partner>> READ = new ReadOnce<>("partners");

  public List<TrustedPartner> withStatus(String id, Status status) {
    return all(id).stream().filter(p -> p.status() == status).map(Partner::partner).toList();
  }

  // what the models read

  /** Whether CISA rejected any partner of the latest round: {@code ${partnerRecord.anyRejected(execution)}}. */
  public boolean anyRejected(VariableScope scope) {
    List<Partner> all = all(EngagementRecord.id(scope));
    int latest = all.stream().mapToInt(Partner::round).max().orElse(0);
    return all.stream().anyMatch(p -> p.round() == latest && p.status() == Status.REJECTED);
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

  /**
   * When the partner CISA vets next was proposed: its vetting is due counting from then. From the
   * partners as this transaction read them ({@link #all}): after a vetting, the gateway that asks
   * whether any await vetting has read them just before the next vetting task asks for its due date.
   */
  public java.util.Optional<Instant> awaitingSince(String id) {
    return all(id).stream().filter(p -> p.status() == Status.PROPOSED).map(Partner::proposedAt)
        .filter(java.util.Objects::nonNull).min(java.util.Comparator.naturalOrder());
  }

  private static Partner partner(ResultSet rs, int row) throws SQLException {
    TrustedPartner partner = new TrustedPartner(rs.getString("partner_id"), rs.getString("name"),
        PartnerCategory.valueOf(rs.getString("category")), rs.getString("sector"), rs.getString("contact_email"));
    Timestamp proposed = rs.getTimestamp("proposed_at");
    return new Partner(partner, rs.getInt("round"), Status.valueOf(rs.getString("status")), rs.getString("reason"),
        proposed == null ? null : proposed.toInstant());
  }
}
