package dev.frontierengage.policy;

import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.process.JsonVariables;
import dev.frontierengage.process.Sealed;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Binds a new engagement to the active policy version: its id and every value a later step
 * reads (the access cap, consultation offices, every time limit, the partner categories) are
 * copied into the engagement and sealed, so a policy change applies to engagements started
 * afterwards only and a running engagement keeps the terms it started under.
 */
@Component("bindPolicy")
public class BindPolicyListener implements ExecutionListener {

  private final Policies policies;

  public BindPolicyListener(Policies policies) {
    this.policies = policies;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Policy policy = policies.active();
    Sealed.set(execution, Vars.POLICY_ID, policy.id());
    Sealed.set(execution, Vars.ACCESS_CAP_DAYS, policy.accessCapDays());
    Sealed.set(execution, Vars.CONSULTATION_OFFICES, JsonVariables.list(policy.consultationOffices()));
    Sealed.set(execution, Vars.CONSULTATION_PERIOD, Policy.iso(policy.consultationPeriod()));
    Sealed.set(execution, Vars.CLARIFICATION_TIMEOUT, Policy.iso(policy.clarificationTimeout()));
    Sealed.set(execution, Vars.ACCESS_OFFER_TIMEOUT, Policy.iso(policy.accessOfferTimeout()));
    Sealed.set(execution, Vars.TERMS_ACCEPTANCE_TIMEOUT, Policy.iso(policy.termsAcceptanceTimeout()));
    Sealed.set(execution, Vars.RELEASE_REPORT_GRACE, policy.releaseReportGrace().toString());
    Sealed.set(execution, Vars.PARTNER_CATEGORIES,
        JsonVariables.list(policy.partnerCategories().stream().map(Enum::name).toList()));
  }
}
