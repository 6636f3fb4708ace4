package dev.frontierengage.partners;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The developer's first proposal: at least one partner. */
@Component("partnerProposalListener")
class PartnerProposalListener implements TaskListener {

  private final PartnerProposals proposals;

  PartnerProposalListener(PartnerProposals proposals) {
    this.proposals = proposals;
  }

  @Override
  public void notify(DelegateTask task) {
    proposals.accept(task, false);
  }
}
