package dev.frontierengage.policy;

import dev.frontierengage.engagement.EngagementProcess.Vars;
import java.util.ArrayList;
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
    execution.setVariable(Vars.POLICY_ID, policy.id());
    execution.setVariable(Vars.ACCESS_CAP_DAYS, policy.accessCapDays());
    execution.setVariable(Vars.CONSULTATION_OFFICES, new ArrayList<>(policy.consultationOffices()));
    execution.setVariable(Vars.CONSULTATION_PERIOD, policy.consultationPeriod().toString());
    execution.setVariable(Vars.CLARIFICATION_TIMEOUT, policy.clarificationTimeout().toString());
    execution.setVariable(Vars.ACCESS_OFFER_TIMEOUT, policy.accessOfferTimeout().toString());
    execution.setVariable(Vars.TERMS_ACCEPTANCE_TIMEOUT, policy.termsAcceptanceTimeout().toString());
    execution.setVariable(Vars.RELEASE_REPORT_GRACE, policy.releaseReportGrace().toString());
  }
}
