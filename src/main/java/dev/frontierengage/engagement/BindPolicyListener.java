package dev.frontierengage.engagement;

import dev.frontierengage.policy.Policies;

import dev.frontierengage.engagement.EngagementRecord;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Binds a new engagement to the active policy version: its id and every value a later step
 * reads (the access cap, consultation offices, every time limit, the partner categories) are
 * copied into the engagement's record, so a policy change applies to engagements started
 * afterwards only and a running engagement keeps the terms it started under. The inquiry's check
 * before it on the start event ({@link InquiryCheckListener}) opens the record bound to the active
 * policy already, so on H2 and PostgreSQL this listener writes nothing then
 * ({@link EngagementRecord#bindPolicy}); it stays on the model so that every start binds the
 * policy whatever opened the record.
 */
@Component("bindPolicy")
class BindPolicyListener implements ExecutionListener {

  private final Policies policies;
  private final EngagementRecord record;

  BindPolicyListener(Policies policies, EngagementRecord record) {
    this.policies = policies;
    this.record = record;
  }

  @Override
  public void notify(DelegateExecution execution) {
    record.bindPolicy(execution.getProcessBusinessKey(), policies.active());
  }
}
