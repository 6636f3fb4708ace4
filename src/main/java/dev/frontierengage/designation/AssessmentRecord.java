package dev.frontierengage.designation;

import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.process.ReadOnce;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The classified record of Sec. 3(a) ({@code fe_assessment}, {@code fe_consultation}): the
 * benchmark and who recorded it, the threshold's recommendation, one row per consulted office,
 * the decision and its author. Never shown to the developer; each agency group sees of it only
 * what its form shows (README, Need to know).
 */
@Component("assessmentRecord")
public class AssessmentRecord {

  /** The record's score columns, in the order of {@link DesignationProcess.Vars#SCORES}. */
  static final Map<String, String> SCORE_COLUMNS = scoreColumns();

  /** One engagement's assessment. */
  public record Assessment(String engagementId, Map<String, Integer> scores, String suiteVersion,
      String recordedBy, Instant recordedAt, String recommendation, Boolean designated, String rationale,
      String summary, String decidedBy, Instant decidedAt) {}

  private final JdbcTemplate jdbc;
  private final EngagementRecord engagements;

  public AssessmentRecord(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.engagements = new EngagementRecord(dataSource);
  }

  public void benchmarkRecorded(String id, Map<String, Integer> scores, String suiteVersion, String by,
      Instant at) {
    // one benchmark per engagement: a second one is refused by the key, never written over
    StringBuilder columns = new StringBuilder("engagement_id, suite_version, recorded_by, recorded_at");
    List<Object> values = new java.util.ArrayList<>(List.of(id, suiteVersion, by, Timestamp.from(at)));
    SCORE_COLUMNS.forEach((variable, column) -> {
      columns.append(", ").append(column);
      values.add(scores.get(variable));
    });
    READ.forget(id);
    jdbc.update("INSERT INTO fe_assessment (" + columns + ") VALUES ("
        + "?, ".repeat(values.size() - 1) + "?)", values.toArray());
  }

  public void recommended(String id, String recommendation) {
    update(id, "recommendation = ?", recommendation);
  }

  public void decided(String id, boolean designated, String rationale, String summary, String by,
      Instant at) {
    update(id, "designated = ?, rationale = ?, summary = ?, decided_by = ?, decided_at = ?", designated,
        rationale, summary, by, Timestamp.from(at));
  }

  /**
   * Records one office's answer; a second answer from the same office is refused (the row's key),
   * so no answer is ever rewritten, replayed or removed by a later submission.
   *
   * @return false when the office has answered already
   */
  public boolean consulted(String id, Consultation consultation) {
    ROUNDS.forget(id);
    // one statement: written unless the office's row is there; the key refuses a concurrent
    // second answer all the same (the whole completion is then rolled back)
    return jdbc.update("INSERT INTO fe_consultation (engagement_id, office, position, comment, responded_by,"
        + " responded_at) SELECT ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP)"
        + " WHERE NOT EXISTS (SELECT 1 FROM fe_consultation WHERE engagement_id = ? AND office = ?)",
        id, consultation.office(), consultation.position().name(), consultation.comment(), consultation.respondedBy(),
        consultation.respondedAt() == null ? null : Timestamp.from(Instant.parse(consultation.respondedAt())),
        id, consultation.office()) == 1;
  }

  /** The assessments read in the current transaction. */
  private static final ReadOnce<Assessment> READ = new ReadOnce<>("assessments");

  /** The consultation rounds' answers read in the current transaction. */
  private static final ReadOnce<List<Consultation>> ROUNDS = new ReadOnce<>("consultation rounds");

  /**
   * Drops the copies of the assessment and of the round's answers this transaction read: for
   * whoever writes their rows other than through this bean.
   */
  public static void forget(String id) {
    READ.forget(id);
    ROUNDS.forget(id);
  }

  /**
   * The engagement's assessment, read once per transaction ({@link ReadOnce}: the threshold
   * decision alone asks for five scores); every write through this bean drops the copy.
   */
  public Optional<Assessment> find(String id) {
    return READ.get(id, key -> jdbc.query("SELECT * FROM fe_assessment WHERE engagement_id = ?",
        AssessmentRecord::assessment, key).stream().findFirst());
  }

  /**
   * Reads the engagement's record and its assessment in one statement, each then read for the
   * rest of the transaction ({@link ReadOnce}), unless the transaction has read either already: a
   * designation form shows both, and would read them one after the other.
   */
  public void readWithEngagement(String id) {
    if (READ.get(id, key -> Optional.empty()).isPresent() || EngagementRecord.known(id).isPresent()) {
      return;
    }
    StringBuilder assessment = new StringBuilder();
    COLUMNS.forEach(column -> assessment.append(", a.").append(column).append(" AS a_").append(column));
    jdbc.query("SELECT e.*" + assessment + " FROM fe_engagement e LEFT JOIN fe_assessment a"
        + " ON a.engagement_id = e.engagement_id WHERE e.engagement_id = ?", rs -> {
          EngagementRecord.remember(EngagementRecord.engagement(rs, 0));
          if (rs.getString("a_engagement_id") != null) {
            READ.put(id, assessment(rs, "a_"));
          }
        }, id);
  }

  /** Every column of {@code fe_assessment}, as {@link #assessment} reads them. */
  static final List<String> COLUMNS = columns();

  private static List<String> columns() {
    List<String> columns = new java.util.ArrayList<>(List.of("engagement_id", "suite_version", "recorded_by",
        "recorded_at", "recommendation", "designated", "rationale", "summary", "decided_by", "decided_at"));
    columns.addAll(SCORE_COLUMNS.values());
    return List.copyOf(columns);
  }

  public Assessment of(VariableScope scope) {
    String id = engagementId(scope);
    return find(id).orElseThrow(() -> new IllegalStateException("engagement " + id + " has no assessment"));
  }

  /**
   * The round's answers in the order they came, offices recorded as silent last: read once per
   * transaction ({@link ReadOnce}: the last answer's completion asks whether every office has
   * answered, then the round's closing asks who has not); each answer recorded drops the copy.
   */
  public List<Consultation> consultations(String id) {
    return ROUNDS.get(id, key -> Optional.of(List.copyOf(jdbc.query("SELECT * FROM fe_consultation"
        + " WHERE engagement_id = ? ORDER BY CASE WHEN responded_at IS NULL THEN 1 ELSE 0 END, responded_at, office",
        (rs, row) -> new Consultation(rs.getString("office"), ConsultationPosition.valueOf(rs.getString("position")),
            rs.getString("comment"), rs.getString("responded_by"),
            rs.getTimestamp("responded_at") == null ? null : rs.getTimestamp("responded_at").toInstant().toString()),
        key)))).orElseThrow();
  }

  /**
   * Whether every office of the engagement's policy has answered: the round's completion
   * condition, read from the record, so no variable a completion sends (the round's counters
   * among them) can close the round early or hold it open.
   */
  public boolean everyOfficeAnswered(VariableScope scope) {
    String id = engagementId(scope);
    java.util.Set<String> answered = new java.util.HashSet<>();
    consultations(id).forEach(c -> answered.add(c.office()));
    return answered.containsAll(engagements.consultationOffices(scope));
  }

  /** A score, as the threshold decision reads it: {@code ${assessmentRecord.score(execution, 'scoreX')}}. */
  public Integer score(VariableScope scope, String variable) {
    return of(scope).scores().get(variable);
  }

  static String engagementId(VariableScope scope) {
    return EngagementRecord.id(scope);
  }

  private void update(String id, String assignments, Object... values) {
    READ.forget(id);
    Object[] arguments = java.util.Arrays.copyOf(values, values.length + 1);
    arguments[values.length] = id;
    if (jdbc.update("UPDATE fe_assessment SET " + assignments + " WHERE engagement_id = ?", arguments) != 1) {
      throw new IllegalStateException("engagement " + id + " has no benchmark recorded");
    }
  }

  private static Assessment assessment(ResultSet rs, int row) throws SQLException {
    return assessment(rs, "");
  }

  /** The assessment in the current row, its columns named with {@code prefix} (see {@link #COLUMNS}). */
  private static Assessment assessment(ResultSet rs, String prefix) throws SQLException {
    Map<String, Integer> scores = new LinkedHashMap<>();
    for (Map.Entry<String, String> score : SCORE_COLUMNS.entrySet()) {
      scores.put(score.getKey(), (Integer) rs.getObject(prefix + score.getValue()));
    }
    Timestamp recorded = rs.getTimestamp(prefix + "recorded_at");
    Timestamp decided = rs.getTimestamp(prefix + "decided_at");
    return new Assessment(rs.getString(prefix + "engagement_id"), scores, rs.getString(prefix + "suite_version"),
        rs.getString(prefix + "recorded_by"), recorded == null ? null : recorded.toInstant(),
        rs.getString(prefix + "recommendation"), (Boolean) rs.getObject(prefix + "designated"),
        rs.getString(prefix + "rationale"), rs.getString(prefix + "summary"), rs.getString(prefix + "decided_by"),
        decided == null ? null : decided.toInstant());
  }

  private static Map<String, String> scoreColumns() {
    Map<String, String> columns = new LinkedHashMap<>();
    for (String variable : DesignationProcess.Vars.SCORES) {
      // scoreVulnerabilityDiscovery -> score_vulnerability_discovery
      columns.put(variable, variable.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT));
    }
    return columns;
  }
}
