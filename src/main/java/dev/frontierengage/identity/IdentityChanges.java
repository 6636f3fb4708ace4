package dev.frontierengage.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.SaveGroupCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * A change of the identity store (a user saved, its password among it, or deleted; a membership
 * made or ended; a group saved or deleted), through Admin, engine-rest or our own code, empties
 * the {@link CredentialCache} once it commits: the next request of any user is checked against the
 * store as it is now. Without it a changed password, a deleted user or an ended membership went on
 * working for the cache's minute. On this node: another node forgets within that minute.
 */
@Component
class IdentityChanges extends AbstractProcessEnginePlugin {

  /** The engine's commands that change who may sign in, or with which groups. */
  static final Set<Class<?>> CHANGES = Set.of(SaveUserCmd.class, DeleteUserCmd.class, CreateMembershipCmd.class,
      DeleteMembershipCmd.class, SaveGroupCmd.class, DeleteGroupCmd.class);

  private final CredentialCache cache;

  IdentityChanges(CredentialCache cache) {
    this.cache = cache;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configuration.getCustomPostCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPostCommandInterceptorsTxRequired());
    }
    interceptors.add(new Forget());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }

  /** Inside the command's context: forgets the cache when a change's transaction commits. */
  private final class Forget extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (CHANGES.contains(command.getClass())) {
        Context.getCommandContext().getTransactionContext()
            .addTransactionListener(TransactionState.COMMITTED, committed -> cache.forgetAll());
      }
      return next.execute(command);
    }
  }
}
