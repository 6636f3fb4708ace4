package dev.frontierengage.deadlines;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.process.EngineClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Runs when an agency task passes its due date (a non-interrupting timer on the task): the task
 * stays open and keeps its assignee, but its priority is raised to {@link #ESCALATED_PRIORITY},
 * the escalation is written to the audit log (after commit) and to {@code fe_escalation}
 * (for administrators, never shown to the developer), and each candidate group gets a
 * notification row in the same transaction. The models name the overdue task in the input parameter {@code overdueTask}.
 */
@Component("escalateOverdueTask")
class EscalateOverdueTask implements JavaDelegate {

  public static final int ESCALATED_PRIORITY = 80;
  public static final String OVERDUE_TASK = "overdueTask";

  /** One escalation as administrators see it. */
  public record Escalation(String at, String task, String taskName, String due, List<String> groups,
      int priority) {}

  private final AuditLog audit;
  private final Notifications notifications;
  private final JdbcTemplate jdbc;

  EscalateOverdueTask(AuditLog audit, Notifications notifications, DataSource dataSource) {
    this.audit = audit;
    this.notifications = notifications;
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /**
   * "Overdue: ..." once the task's due date has passed; "Due soon: ..." for an escalation that
   * comes before it (an evaluation, escalated while the access window is still open).
   */
  static String subject(Task task, String engagementId, String due) {
    boolean before = task.getDueDate() != null && task.getDueDate().toInstant().isAfter(EngineClock.instant());
    return (before ? "Due soon: " : "Overdue: ") + task.getName() + " of engagement " + engagementId
        + (before ? " is due " : " was due ") + due;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String taskKey = (String) execution.getVariableLocal(OVERDUE_TASK);
    String engagementId = execution.getProcessBusinessKey();
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(taskKey).list()) {
      int priority = Math.max(task.getPriority(), ESCALATED_PRIORITY);
      tasks.setPriority(task.getId(), priority);
      List<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
          .map(IdentityLink::getGroupId).toList();
      String due = task.getDueDate() == null ? null : task.getDueDate().toInstant().toString();
      Escalation escalation = new Escalation(EngineClock.instant().toString(), taskKey, task.getName(), due,
          groups, priority);
      jdbc.update("INSERT INTO fe_escalation (id, engagement_id, task, task_id, due, candidate_groups, priority,"
          + " escalated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), engagementId, taskKey,
          task.getId(), task.getDueDate() == null ? null : new Timestamp(task.getDueDate().getTime()),
          String.join(",", groups), priority, Timestamp.from(Instant.parse(escalation.at())));
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("task", taskKey);
      detail.put("taskId", task.getId());
      detail.put("due", due);
      detail.put("groups", groups);
      detail.put("priority", priority);
      audit.recordOnCommit("task.escalated", "engine", engagementId, detail);
      for (String group : groups) {
        notifications.notifyGroup(group, engagementId, task.getId(), subject(task, engagementId, due));
      }
    }
  }
}
