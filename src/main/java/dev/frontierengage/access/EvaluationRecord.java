package dev.frontierengage.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** NSA's findings from the access window ({@code fe_evaluation}): classified, never shown to the developer. */
@Component
public class EvaluationRecord {

  private final JdbcTemplate jdbc;

  public EvaluationRecord(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  public void recorded(String id, String findings, String by, Instant at) {
    jdbc.update("INSERT INTO fe_evaluation (engagement_id, findings, recorded_by, recorded_at) VALUES (?, ?, ?, ?)",
        id, findings, by, Timestamp.from(at));
  }

  public Optional<String> findings(String id) {
    return jdbc.queryForList("SELECT findings FROM fe_evaluation WHERE engagement_id = ?", String.class, id)
        .stream().findFirst();
  }
}
