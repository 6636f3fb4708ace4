package dev.frontierengage.identity;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * A task is worked through the office it is offered to, never through a grant of its own to a
 * person. The engine grants a task's assignee (and owner) READ and TASK_WORK on it as a user, and
 * that grant outlived the person's office: a reviewer of the Department of War who claimed its
 * consultation, then moved to APST, still read the DoW's form and answered as the DoW. Every task
 * here is offered to a group, whose grant its members work it by (claimed or not), so the
 * assignee's, owner's and candidate user's grants are not made: a person who leaves the office
 * leaves its tasks, claimed ones too. Grants an earlier version made are revoked at start-up
 * ({@link EngineAuthorizations}).
 */
@Component
class OfficeTaskGrantsPlugin extends AbstractProcessEnginePlugin {

  /**
   * The engine's grants, less those to a task's assignee and owner; and, as the engine calls it at
   * every change of a task's assignee, the check of who may take a claimed task out of its
   * holder's hands ({@link ClaimRelease}).
   */
  static final class OfficeTaskGrants extends DefaultAuthorizationProvider {
    @Override
    public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
      if (oldAssignee != null && newAssignee == null) {
        DelegateTask released = (DelegateTask) task;
        ClaimRelease.check(released.getProcessEngineServices().getIdentityService(), released, oldAssignee);
      }
      return new AuthorizationEntity[0];
    }

    @Override
    public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
      return new AuthorizationEntity[0];
    }

    /** A candidate user (only an administrator can add one; no model names any) gets no grant either. */
    @Override
    public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
      return new AuthorizationEntity[0];
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new OfficeTaskGrants());
  }
}
