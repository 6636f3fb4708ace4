package dev.frontierengage.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A bean that hears the engine's events ({@link EngineEvents}): the start and end of every
 * activity and process, the taking of every sequence flow, and every task's creation, assignment,
 * update, completion and deletion, in the engine's transaction, after the models' own listeners.
 * What it throws fails the engine's command. The beans are looked up at the first event and kept:
 * an engine command run while the application context is still being built (none is today) would
 * create them then, where Spring's {@code @EventListener}s would have missed the event.
 */
public interface EngineEventListener {

  /** An execution event: {@code execution.getEventName()} is {@code start}, {@code end} or {@code take}. */
  default void onExecution(DelegateExecution execution) {
  }

  /** A task event: {@code task.getEventName()} is {@code create}, {@code assignment}, {@code update}, {@code complete} or {@code delete}. */
  default void onTask(DelegateTask task) {
  }
}
