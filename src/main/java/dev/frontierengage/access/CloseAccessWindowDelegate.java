package dev.frontierengage.access;

import dev.frontierengage.process.Sealed;
import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.process.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records when government access ended (how it ended is set on the flow that led here). */
@Component("closeAccessWindow")
public class CloseAccessWindowDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    Sealed.set(execution, Vars.ACCESS_WINDOW_CLOSED_BY, execution.getVariable(Vars.ACCESS_WINDOW_CLOSED_BY));
    Sealed.set(execution, Vars.ACCESS_WINDOW_CLOSED_AT, EngineClock.now());
  }
}
