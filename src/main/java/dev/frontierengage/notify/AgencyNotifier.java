package dev.frontierengage.notify;

import dev.frontierengage.deadlines.Notifications;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.EngineEventListener;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Tells agency staff by e-mail: every member of an office's group when one of its tasks is
 * escalated ({@link Notifications}, called by the escalation in its transaction), and a reviewer
 * when someone else assigns an agency task to it. Names the task (the model, the organization)
 * and its due date, never what the task decides.
 */
@Component
class AgencyNotifier implements Notifications, EngineEventListener {

  private final Outbox outbox;
  private final IdentityService identity;

  AgencyNotifier(Outbox outbox, IdentityService identity) {
    this.outbox = outbox;
    this.identity = identity;
  }

  @Override
  public void notifyGroup(String group, String engagementId, String taskId, String subject) {
    for (User member : asEngine(() -> identity.createUserQuery().memberOfGroup(group).list())) {
      if (member.getEmail() == null || member.getEmail().isBlank()) {
        continue;
      }
      outbox.enqueue(new Message("task:" + taskId + ":escalated:" + EngineClock.instant().toEpochMilli(),
          "task.escalated", engagementId, Message.Channel.EMAIL, member.getEmail(), "[Frontier Engage] " + subject,
          subject + ".\n\nOpen it in Tasklist, in the queue of " + group + ".\n"));
    }
  }

  @Override
  public void onTask(DelegateTask task) {
    if (!TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName()) || task.getAssignee() == null) {
      return;
    }
    Authentication caller = identity.getCurrentAuthentication();
    if (caller != null && task.getAssignee().equals(caller.getUserId())) {
      return; // claimed by the reviewer itself
    }
    boolean agency = task.getCandidates().stream().map(link -> link.getGroupId()).filter(Objects::nonNull)
        .anyMatch(group -> !group.startsWith("org-"));
    if (!agency) {
      return;
    }
    User assignee = asEngine(() -> identity.createUserQuery().userId(task.getAssignee()).singleResult());
    if (assignee == null || assignee.getEmail() == null || assignee.getEmail().isBlank()) {
      return;
    }
    String engagementId = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
    String due = task.getDueDate() == null ? "" : ", due " + DeveloperNotifier.MOMENT.format(task.getDueDate().toInstant());
    outbox.enqueue(new Message("task:" + task.getId() + ":assigned:" + task.getAssignee() + ":"
        + EngineClock.instant().toEpochMilli(), "task.assigned", engagementId, Message.Channel.EMAIL,
        assignee.getEmail(), "[Frontier Engage] Assigned to you: " + task.getName(),
        "Assigned to you: " + task.getName() + due + ".\n\nOpen it in Tasklist.\n"));
  }

  /** Reads the identity store as the engine: the caller's own rights do not narrow who is told. */
  private <T> T asEngine(java.util.function.Supplier<T> read) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return read.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

}
