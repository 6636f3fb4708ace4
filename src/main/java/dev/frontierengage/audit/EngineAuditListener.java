package dev.frontierengage.audit;

import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.partners.PartnerSelectionProcess;
import dev.frontierengage.process.EngineEventListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Audits what people do in the engine, from the engine's own events ({@code process.EngineEvents}):
 * every task completion with who completed it, the decision it carried where that decision is not
 * classified, and every withdrawal.
 */
@Component
class EngineAuditListener implements EngineEventListener {

  /** Task → the variables that state its (releasable) decision. */
  static final Map<String, List<String>> DECISIONS = Map.of(
      EngagementProcess.Elements.REVIEW_INTAKE, List.of(EngagementProcess.Vars.INTAKE_OUTCOME),
      DesignationProcess.Elements.DECIDE_DESIGNATION, List.of(DesignationProcess.Vars.DESIGNATED),
      DesignationProcess.Elements.PROVIDE_CONSULTATION, List.of(),
      EngagementProcess.Elements.DECIDE_ACCESS_OFFER, List.of(EngagementProcess.Vars.OFFER_ACCESS),
      EngagementProcess.Elements.ACCEPT_ACCESS_TERMS, List.of(EngagementProcess.Vars.ACCEPT_TERMS),
      // the partner decided is the record's (in the timeline), not a copy a completion could rewrite
      PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS, List.of(PartnerSelectionProcess.Vars.PARTNER_APPROVED));

  private final AuditLog audit;

  EngineAuditListener(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void onTask(DelegateTask task) {
    if (!TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())) {
      return;
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("task", task.getTaskDefinitionKey());
    detail.put("taskId", task.getId());
    List<String> decision = DECISIONS.get(task.getTaskDefinitionKey());
    if (decision != null) {
      decision.forEach(variable -> detail.put(variable, task.getVariable(variable)));
    }
    if (DesignationProcess.Elements.PROVIDE_CONSULTATION.equals(task.getTaskDefinitionKey())) {
      // the office the task was offered to, not a variable the completion could have sent
      task.getCandidates().stream().filter(link -> link.getGroupId() != null).findFirst()
          .ifPresent(link -> detail.put(DesignationProcess.Vars.OFFICE, link.getGroupId()));
    }
    audit.recordOnCommit(decision == null ? "task.completed" : "decision",
        actor(task.getProcessEngineServices()), task.getExecution().getProcessBusinessKey(), detail);
  }

  @Override
  public void onExecution(DelegateExecution execution) {
    if (ExecutionListener.EVENTNAME_START.equals(execution.getEventName())
        && EngagementProcess.Elements.ENGAGEMENT_WITHDRAWN.equals(execution.getCurrentActivityId())) {
      String actor = actor(execution.getProcessEngineServices());
      audit.recordOnCommit("engagement.withdrawn",
          actor != null ? actor : (String) execution.getVariable(EngagementProcess.Vars.WITHDRAWN_BY),
          execution.getProcessBusinessKey(), Map.of());
    }
  }

  private static String actor(ProcessEngineServices engine) {
    var authentication = engine.getIdentityService().getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }
}
