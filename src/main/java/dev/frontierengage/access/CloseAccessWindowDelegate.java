package dev.frontierengage.access;

import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.process.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Records when government access ended, if the flow that led here did not: each flow to it records
 * how the window closed, and when, in the current models ({@code EngagementRecord.windowClosedBy}).
 */
@Component("closeAccessWindow")
class CloseAccessWindowDelegate implements JavaDelegate {

  private final EngagementRecord record;

  CloseAccessWindowDelegate(EngagementRecord record) {
    this.record = record;
  }

  @Override
  public void execute(DelegateExecution execution) {
    record.windowClosed(EngagementRecord.id(execution), EngineClock.instant());
  }
}
