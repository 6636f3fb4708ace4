package dev.frontierengage.engagement;

import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.process.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Adds a new engagement to the {@link EngagementIndex} when it starts, whichever client started
 * it (the developer API, Tasklist, engine-rest), after its inquiry was checked.
 */
@Component("indexEngagement")
public class IndexEngagementListener implements ExecutionListener {

  private final EngagementIndex index;

  public IndexEngagementListener(EngagementIndex index) {
    this.index = index;
  }

  @Override
  public void notify(DelegateExecution execution) {
    index.add(execution.getProcessInstanceId(), (String) execution.getVariable(Vars.ORGANIZATION),
        EngineClock.instant());
  }
}
