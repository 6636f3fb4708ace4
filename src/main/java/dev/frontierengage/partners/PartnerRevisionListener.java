package dev.frontierengage.partners;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The developer's revision after a rejection: new or changed partners go back to CISA; an
 * empty revision accepts the partners approved so far.
 */
@Component("partnerRevisionListener")
public class PartnerRevisionListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    PartnerProposals.accept(task, true);
  }
}
