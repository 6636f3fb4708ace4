package dev.frontierengage.identity;

import dev.frontierengage.process.EngineEventListener;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * A task is worked by a member of a group it is offered to, whoever assigns it. The engine lets
 * a candidate claim a task for another user ({@code POST task/{id}/claim {"userId": ...}}), and
 * the assignee may then read the task's form and complete it: a reviewer of intake handed its
 * task to the Director of NSA, who read the inquiry and closed the engagement as out of scope.
 * Every assignment (a claim, a delegation, an administrator's in Tasklist or Cockpit) to a user
 * of none of the task's candidate groups is refused, and the command changes nothing (403 over
 * engine-rest and in the webapps' engine API). A task offered to no group is not concerned.
 */
@Component
class AssigneeCheck implements EngineEventListener {

  private final IdentityService identity;

  AssigneeCheck(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public void onTask(DelegateTask task) {
    if (!TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName()) || task.getAssignee() == null) {
      return;
    }
    List<String> groups = candidateGroups(task);
    if (groups.isEmpty() || memberOfAny(identity, task.getAssignee(), groups)) {
      return;
    }
    throw new AuthorizationException("Task " + task.getId() + " is offered to " + String.join(", ", groups)
        + ": it can be assigned only to a member of one of them, not to '" + task.getAssignee() + "'");
  }

  /** The groups the task is offered to. */
  static List<String> candidateGroups(DelegateTask task) {
    return task.getCandidates().stream().map(link -> link.getGroupId()).filter(Objects::nonNull).toList();
  }

  /** Whether {@code user} is a member of any of {@code groups}, read as the engine. */
  static boolean memberOfAny(IdentityService identity, String user, List<String> groups) {
    return asEngine(identity, () -> identity.createGroupQuery().groupMember(user)
        .groupIdIn(groups.toArray(String[]::new)).count() > 0);
  }

  /**
   * Read as the engine: the caller may not read other users' groups or the task's links (or
   * another office's task: {@link EngineRestRefusals}), which does not make them none.
   */
  static <T> T asEngine(IdentityService identity, java.util.function.Supplier<T> read) {
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
