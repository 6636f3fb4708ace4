package dev.frontierengage.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.identity.AuditCapture;
import dev.frontierengage.process.ProcessWiring;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/** Assertions on an escalated task, shared by the process tests. */
public final class Escalated {

  private Escalated() {}

  /** One row of {@code fe_escalation}: an overdue agency task as administrators see it. */
  public record Row(String engagementId, String task, String taskId, Instant due, List<String> groups,
      int priority, Instant escalatedAt) {}

  /** Close of business in Washington on {@code day}: when an agency task is due. */
  public static Date closeOfBusiness(LocalDate day) {
    return Date.from(day.atTime(AgencyDeadlines.CLOSE_OF_BUSINESS).atZone(AgencyDeadlines.OFFICES).toInstant());
  }

  /** The escalations recorded for the engagement {@code engagementId}, oldest first. */
  public static List<Row> escalations(ProcessEngine engine, String engagementId) {
    return new JdbcTemplate(ProcessWiring.dataSource(engine)).query(
        "SELECT * FROM fe_escalation WHERE engagement_id = ? ORDER BY escalated_at, id",
        (rs, row) -> new Row(rs.getString("engagement_id"), rs.getString("task"), rs.getString("task_id"),
            instant(rs.getTimestamp("due")), groups(rs.getString("candidate_groups")), rs.getInt("priority"),
            instant(rs.getTimestamp("escalated_at"))),
        engagementId);
  }

  /**
   * The task is still open with its id, at the escalated priority; the engagement of the process
   * instance {@code instanceId} (the engagement's own, or a process it called: they share the
   * business key) has the escalation recorded in {@code fe_escalation}; {@code group} was
   * notified; the audit log has it.
   */
  public static void assertEscalated(ProcessEngine engine, Task before, String instanceId, String group) {
    Task after = engine.getTaskService().createTaskQuery().taskId(before.getId()).singleResult();
    assertThat(after).as("the overdue task stays open").isNotNull();
    assertThat(after.getPriority()).isEqualTo(EscalateOverdueTask.ESCALATED_PRIORITY);
    String engagementId = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(instanceId).singleResult().getBusinessKey();
    assertThat(escalations(engine, engagementId)).as("escalations recorded for engagement " + engagementId)
        .anySatisfy(escalation -> {
          assertThat(escalation.task()).isEqualTo(before.getTaskDefinitionKey());
          assertThat(escalation.taskId()).isEqualTo(before.getId());
          assertThat(escalation.groups()).contains(group);
          assertThat(escalation.due()).isEqualTo(before.getDueDate().toInstant());
          assertThat(escalation.priority()).isEqualTo(EscalateOverdueTask.ESCALATED_PRIORITY);
        });
    // past its due date "Overdue"; escalated before it (the evaluation, while the window is open) "Due soon"
    String kind = before.getDueDate().toInstant().isAfter(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime()
        .toInstant()) ? "Due soon: " : "Overdue: ";
    assertThat(ProcessWiring.NOTIFIED).anySatisfy(notified -> {
      assertThat(notified.get(0)).isEqualTo(group);
      assertThat(notified.get(1)).isEqualTo(engagementId);
      assertThat(notified.get(2)).startsWith(kind + before.getName());
    });
    assertThat(new AuditCapture().lines("task.escalated")).anySatisfy(line -> assertThat(line)
        .contains(engagementId).contains(before.getId()).contains(group));
  }

  private static Instant instant(Timestamp at) {
    return at == null ? null : at.toInstant();
  }

  private static List<String> groups(String joined) {
    return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
  }
}
