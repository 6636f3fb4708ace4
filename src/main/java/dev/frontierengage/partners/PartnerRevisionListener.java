package dev.frontierengage.partners;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The developer's revision after a rejection: new partners go back to CISA; an empty revision
 * accepts the partners approved so far.
 */
@Component("partnerRevisionListener")
class PartnerRevisionListener implements TaskListener {

  private final PartnerProposals proposals;

  PartnerRevisionListener(PartnerProposals proposals) {
    this.proposals = proposals;
  }

  @Override
  public void notify(DelegateTask task) {
    proposals.accept(task, true);
  }
}
