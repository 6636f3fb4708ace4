package dev.frontierengage.identity;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who may take a claimed task out of its holder's hands (set its assignee to nobody): the holder,
 * an administrator, or, once the holder has left every group the task is offered to, a member of
 * its office (the engine has checked that the caller may work the task), so that a task is never
 * stuck with someone gone. The engine's claim for nobody ({@code POST task/{id}/claim} without a
 * user) needs only the right to work the task, and let any colleague un-assign another's task.
 * Checked by the engine whenever an assignee is removed ({@link OfficeTaskGrantsPlugin}), from
 * engine-rest, Tasklist or anywhere else; the engine's own work (no one authenticated: a job, a
 * migration) is not concerned. A refusal is the engine's {@link AuthorizationException} and the
 * command changes nothing.
 */
final class ClaimRelease {

  private ClaimRelease() {}

  static void check(IdentityService identity, DelegateTask task, String holder) {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null || holder.equals(caller.getUserId())
        || caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN)) {
      return;
    }
    List<String> offices = task.getCandidates().stream().map(link -> link.getGroupId()).filter(Objects::nonNull)
        .toList();
    if (!offices.isEmpty() && !AssigneeCheck.memberOfAny(identity, holder, offices)) {
      return; // the holder left the office: its members may free the task
    }
    throw new AuthorizationException("Task " + task.getId() + " is claimed by another user: only that user"
        + " or an administrator can release it.");
  }
}
