package dev.frontierengage.deadlines;

import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.InvalidSubmissionException;
import dev.frontierengage.process.JsonVariables;
import dev.frontierengage.process.Sealed;
import java.util.ArrayList;
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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs when an agency task passes its due date (a non-interrupting timer on the task): the task
 * stays open and keeps its assignee, but its priority is raised to {@link #ESCALATED_PRIORITY},
 * the escalation is written to the audit log (after commit) and to the engagement's
 * {@code escalations} (shown in Cockpit, never to the developer), and each candidate group gets a
 * notification row in the same transaction. The models name the overdue task in the input parameter {@code overdueTask}.
 */
@Component("escalateOverdueTask")
public class EscalateOverdueTask implements JavaDelegate {

  public static final int ESCALATED_PRIORITY = 80;
  public static final String OVERDUE_TASK = "overdueTask";

  /** One escalation as administrators see it. */
  public record Escalation(String at, String task, String taskName, String due, List<String> groups,
      int priority) {}

  private final AuditLog audit;
  private final Notifications notifications;

  public EscalateOverdueTask(AuditLog audit, Notifications notifications) {
    this.audit = audit;
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String taskKey = (String) execution.getVariableLocal(OVERDUE_TASK);
    String engagementId = execution.getProcessBusinessKey();
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    DelegateExecution engagement = root(execution);
    List<Escalation> escalations = earlier(engagement, engagementId);
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
      escalations.add(escalation);
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("task", taskKey);
      detail.put("taskId", task.getId());
      detail.put("due", due);
      detail.put("groups", groups);
      detail.put("priority", priority);
      afterCommit(() -> audit.record("task.escalated", "engine", engagementId, detail));
      for (String group : groups) {
        notifications.notifyGroup(group, engagementId, task.getId(), "Overdue: " + task.getName()
            + " of engagement " + engagementId + " was due " + due);
      }
    }
    Sealed.set(engagement, EngagementProcess.Vars.ESCALATIONS, JsonVariables.list(new ArrayList<>(escalations)));
  }

  /**
   * The escalations listed so far. The list is a convenience for administrators; the audit log
   * is the record. A list whose seal is broken is started afresh (and that is audited) rather
   * than failing every later escalation.
   */
  private List<Escalation> earlier(DelegateExecution engagement, String engagementId) {
    try {
      return JsonVariables.readList(Sealed.get(engagement, EngagementProcess.Vars.ESCALATIONS), Escalation.class);
    } catch (InvalidSubmissionException | IllegalArgumentException broken) {
      afterCommit(() -> audit.record("escalations.reset", "engine", engagementId,
          Map.of("reason", String.valueOf(broken.getMessage()))));
      return new ArrayList<>();
    }
  }

  /** Audit lines tell what happened: written once the transaction commits, never for a rollback. */
  private static void afterCommit(Runnable write) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          write.run();
        }
      });
    } else {
      write.run();
    }
  }

  /** The engagement's own process instance, above any called process. */
  static DelegateExecution root(DelegateExecution execution) {
    DelegateExecution instance = execution.getProcessInstance();
    while (instance.getSuperExecution() != null) {
      instance = instance.getSuperExecution().getProcessInstance();
    }
    return instance;
  }
}
