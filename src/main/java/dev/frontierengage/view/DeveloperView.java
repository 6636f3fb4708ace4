package dev.frontierengage.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.engagement.EngagementRecord.Engagement;
import dev.frontierengage.process.EngineClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where each engagement stands for its developer (columns of {@code fe_engagement} written by
 * {@link EngagementProjection}): stage, status once closed, the actions open now and when each
 * lapses. Read with the engagement's record in one row; a page of a list is one query.
 */
@Component
public class DeveloperView {

  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

  /** An action open to the developer, and when it lapses (null: it does not). */
  public record OpenAction(DeveloperAction action, Instant lapsesAt) {}

  /**
   * An engagement with where it stands; {@code projected}: whether its row holds a projection
   * (a row never projected reads as {@link Stage#INTAKE} with nothing open).
   */
  public record View(Engagement engagement, Stage stage, Status status, List<OpenAction> openActions,
      boolean projected) {

    /** Whether the row holds this projection already: writing it again would change nothing the developer sees. */
    boolean shows(Stage stage, Status status, List<OpenAction> open) {
      return projected && this.stage == stage && this.status == status && openActions.equals(open);
    }

    public List<DeveloperAction> actions() {
      return openActions.stream().map(OpenAction::action).toList();
    }
  }

  private final JdbcTemplate jdbc;
  private final EngagementRecord record;

  public DeveloperView(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.record = new EngagementRecord(dataSource);
  }

  /**
   * Locks the engagement's row until the transaction ends and reads it as it is then (with what
   * another transaction committed before the lock): the view as it stood, and the record, which
   * the rest of the transaction reads from there ({@link EngagementRecord#remember}). A
   * transaction that already updated the row through the record holds it since, and reads
   * nothing here: the row as that update returned it ({@link EngagementRecord#written}).
   */
  Optional<View> lock(String id) {
    Optional<EngagementRecord.Written> written = EngagementRecord.written(id);
    if (written.isPresent()) {
      // this transaction updated the row and holds it since: as written, it is the row now
      EngagementRecord.Written row = written.get();
      try {
        return Optional.of(view(row.engagement(), row.stage(), row.status(), row.openActions()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("unreadable open actions of engagement " + id, e);
      }
    }
    EngagementRecord.forget(id);
    Optional<View> locked = jdbc.query("SELECT * FROM fe_engagement WHERE engagement_id = ? FOR UPDATE",
        DeveloperView::view, id).stream().findFirst();
    locked.ifPresent(row -> EngagementRecord.remember(row.engagement()));
    return locked;
  }

  /**
   * Writes where the engagement stands now (with, on PostgreSQL, the timeline's events this
   * transaction added for it: {@link EngagementRecord#writeView}).
   */
  void projected(String id, Stage stage, Status status, List<OpenAction> open) {
    try {
      record.writeView(id, stage.name(), status == null ? null : status.name(), JSON.writeValueAsString(open),
          EngineClock.instant());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public Optional<View> find(String id) {
    return jdbc.query("SELECT * FROM fe_engagement WHERE engagement_id = ?", DeveloperView::view, id).stream()
        .findFirst();
  }

  /** Every engagement with an action open to its developer that lapses, for the reminders. */
  public List<View> lapsing() {
    return jdbc.query("SELECT * FROM fe_engagement WHERE engagement_id IS NOT NULL AND stage <> 'CLOSED'"
        + " AND open_actions LIKE '%lapsesAt%'", DeveloperView::view).stream()
        .filter(v -> v.openActions().stream().anyMatch(a -> a.lapsesAt() != null)).toList();
  }

  /** A page of an organization's engagements, newest first, at {@code stage} if given. */
  public List<View> page(String organization, Stage stage, int first, int max) {
    List<Object> arguments = new ArrayList<>(List.of(organization));
    String atStage = "";
    if (stage != null) {
      atStage = " AND stage = ?";
      arguments.add(stage.name());
    }
    arguments.add(max);
    arguments.add(first);
    return jdbc.query("SELECT * FROM fe_engagement WHERE organization = ? AND engagement_id IS NOT NULL" + atStage
        + " ORDER BY opened_at DESC, process_instance_id DESC LIMIT ? OFFSET ?", DeveloperView::view, arguments.toArray());
  }

  public long count(String organization, Stage stage) {
    Long count = stage == null
        ? jdbc.queryForObject("SELECT COUNT(*) FROM fe_engagement WHERE organization = ? AND engagement_id IS NOT NULL",
            Long.class, organization)
        : jdbc.queryForObject("SELECT COUNT(*) FROM fe_engagement WHERE organization = ? AND engagement_id IS NOT NULL"
            + " AND stage = ?", Long.class, organization, stage.name());
    return count == null ? 0 : count;
  }

  private static View view(ResultSet rs, int row) throws SQLException {
    try {
      return view(EngagementRecord.engagement(rs, row), rs.getString("stage"), rs.getString("status"),
          rs.getString("open_actions"));
    } catch (JsonProcessingException e) {
      throw new SQLException("unreadable open actions of engagement " + rs.getString("engagement_id"), e);
    }
  }

  private static View view(Engagement engagement, String stage, String status, String open)
      throws JsonProcessingException {
    List<OpenAction> actions = open == null ? List.of() : JSON.readValue(open, new TypeReference<List<OpenAction>>() {});
    return new View(engagement, stage == null ? Stage.INTAKE : Stage.valueOf(stage),
        status == null ? null : Status.valueOf(status), actions, stage != null);
  }
}
