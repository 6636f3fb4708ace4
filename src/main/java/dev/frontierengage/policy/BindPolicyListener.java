package dev.frontierengage.policy;

import dev.frontierengage.process.Sealed;
import dev.frontierengage.process.JsonVariables;
import dev.frontierengage.engagement.EngagementProcess.Vars;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Binds a new engagement to the active policy: every value a later step of the process reads
 * (the access cap, consultation offices, every timer's duration) is copied into the
 * engagement, so a policy change applies to engagements started afterwards only.
 */
@Component("bindPolicy")
public class BindPolicyListener implements ExecutionListener {

  private final PolicyProperties policy;

  public BindPolicyListener(PolicyProperties policy) {
    this.policy = policy;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Sealed.set(execution, Vars.POLICY_ID, policy.id());
    Sealed.set(execution, Vars.ACCESS_CAP_DAYS, policy.accessCapDays());
    Sealed.set(execution, Vars.CONSULTATION_OFFICES, JsonVariables.list(policy.consultationOffices()));
    Sealed.set(execution, Vars.CONSULTATION_PERIOD, policy.consultationPeriod().toString());
    Sealed.set(execution, Vars.CLARIFICATION_TIMEOUT, policy.clarificationTimeout().toString());
    Sealed.set(execution, Vars.ACCESS_OFFER_TIMEOUT, policy.accessOfferTimeout().toString());
    Sealed.set(execution, Vars.TERMS_ACCEPTANCE_TIMEOUT, policy.termsAcceptanceTimeout().toString());
    Sealed.set(execution, Vars.RELEASE_REPORT_GRACE, policy.releaseReportGrace().toString());
  }
}
