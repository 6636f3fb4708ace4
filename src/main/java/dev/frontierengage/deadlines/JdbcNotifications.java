package dev.frontierengage.deadlines;

import dev.frontierengage.process.EngineClock;
import java.sql.Timestamp;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Notifications as rows of {@code fe_notification}, written in the transaction of the engine
 * command that raises them: an escalation rolled back leaves no notification behind.
 */
@Component
class JdbcNotifications implements Notifications {

  private final JdbcTemplate jdbc;

  JdbcNotifications(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void notifyGroup(String group, String engagementId, String taskId, String subject) {
    jdbc.update("INSERT INTO fe_notification (id, recipient_group, engagement_id, task_id, subject, created_at)"
        + " VALUES (?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), group, engagementId, taskId,
        subject, Timestamp.from(EngineClock.instant()));
  }
}
