package dev.frontierengage.process;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.springframework.stereotype.Component;

/**
 * A job (a timer: a consultation round closing, an access window opening or ending, a deadline
 * lapsing) whose transaction the database rolled back for a lock another transaction held keeps
 * its retries, as the engine already does for an optimistic-locking conflict: it is run again at
 * once and, the other transaction having ended, goes through. Two transactions moving one
 * engagement at the same moment can take its record's row and the engine's rows in opposite
 * orders (a listener updates the record before the engine flushes, the view locks it just before
 * commit), and PostgreSQL breaks such a deadlock by rolling one back. Counted as a failure, three
 * such losses in a row would have used up the timer's retries, raised an incident and left that
 * wait without its bound until an administrator acted. Every other failure counts as before.
 *
 * <p>Installed once the engine is built ({@link #postInit}; each command reads the factory from
 * the configuration as it starts): the Spring Boot starter's own plugin sets the default factory
 * in its {@code preInit}, unconditionally, and which of two plugins' {@code preInit} runs last is
 * only the beans' order. The command is the engine's default for a failed job
 * ({@link DefaultJobRetryCmd}, which also applies a model's retry cycle) with
 * {@code shouldDecrementRetriesFor} widened; both are the engine's internal API (see the README's
 * Maintenance section).
 */
@Component
class LockConflictRetries extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setFailedJobCommandFactory((jobId, failure) -> new Retry(jobId, failure));
  }

  /** The engine's retry command, which counts no lock conflict against the job's retries. */
  static final class Retry extends DefaultJobRetryCmd {

    Retry(String jobId, Throwable failure) {
      super(jobId, failure);
    }

    @Override
    protected boolean shouldDecrementRetriesFor(Throwable failure) {
      return super.shouldDecrementRetriesFor(failure) && !EngineRefusal.lockConflict(failure);
    }
  }
}
