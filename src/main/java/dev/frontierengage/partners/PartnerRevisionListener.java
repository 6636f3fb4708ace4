package dev.frontierengage.partners;

import dev.frontierengage.process.Sealed;
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
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      // a revision proposes anew: the rejected round's list is no answer to it
      Sealed.remove(task.getExecution(), PartnerSelectionProcess.Vars.PROPOSED_PARTNERS);
      return;
    }
    PartnerProposals.accept(task, true);
  }
}
