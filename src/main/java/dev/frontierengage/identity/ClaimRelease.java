package dev.frontierengage.identity;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
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
 * command changes nothing. The check knows the caller only as the thread's authenticated user: a
 * listener or delegate that removed an assignee while a reviewer's request runs would be refused
 * as that reviewer (none does: no model or bean of ours removes one).
 */
final class ClaimRelease {

  private ClaimRelease() {}

  static void check(IdentityService identity, DelegateTask task, String holder) {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null || holder.equals(caller.getUserId())
        || caller.getGroupIds() != null && caller.getGroupIds().contains(SecurityConfiguration.ADMINS)) {
      return;
    }
    List<String> offices = AssigneeCheck.candidateGroups(task);
    if (!offices.isEmpty() && !AssigneeCheck.memberOfAny(identity, holder, offices)) {
      return; // the holder left the office: its members may free the task
    }
    throw new AuthorizationException("Task " + task.getId() + " is claimed by another user: only that user"
        + " or an administrator can release it.");
  }
}
