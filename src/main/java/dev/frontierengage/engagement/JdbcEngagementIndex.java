package dev.frontierengage.engagement;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The index as rows of {@code fe_engagement} (organization, opened_at, process_instance_id
 * indexed together), written in the transaction of the engine command that starts the
 * engagement: a start that is rolled back leaves no entry behind.
 */
@Component
class JdbcEngagementIndex implements EngagementIndex {

  private final JdbcTemplate jdbc;

  JdbcEngagementIndex(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void add(String processInstanceId, String organization, Instant openedAt) {
    jdbc.update("INSERT INTO fe_engagement (process_instance_id, organization, opened_at) VALUES (?, ?, ?)",
        processInstanceId, organization, Timestamp.from(openedAt));
  }

  @Override
  public long count(String organization) {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM fe_engagement WHERE organization = ?", Long.class,
        organization);
    return count == null ? 0 : count;
  }

  @Override
  public List<String> page(String organization, int first, int max) {
    return jdbc.queryForList("SELECT process_instance_id FROM fe_engagement WHERE organization = ?"
        + " ORDER BY opened_at DESC, process_instance_id DESC LIMIT ? OFFSET ?", String.class, organization, max, first);
  }
}
