package dev.frontierengage.partners;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The developer's first proposal: at least one partner. */
@Component("partnerProposalListener")
public class PartnerProposalListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    PartnerProposals.accept(task, false);
  }
}
