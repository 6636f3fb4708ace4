package dev.frontierengage.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

/**
 * Every office a policy consults must be a group of the identity store, or its consultation
 * tasks would be offered to nobody. Checked once the configured identities exist.
 */
@Component
@DependsOn("identityInitializer")
class PolicyGroupsCheck implements InitializingBean {

  private final Policies policies;
  private final IdentityService identity;

  PolicyGroupsCheck(Policies policies, IdentityService identity) {
    this.policies = policies;
    this.identity = identity;
  }

  @Override
  public void afterPropertiesSet() {
    List<String> problems = problems(policies,
        group -> identity.createGroupQuery().groupId(group).count() > 0);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Invalid policy configuration:\n - " + String.join("\n - ", problems));
    }
  }

  static List<String> problems(Policies policies, Predicate<String> groupExists) {
    List<String> problems = new ArrayList<>();
    policies.all().values().forEach(policy -> policy.consultationOffices().stream()
        .filter(office -> !groupExists.test(office))
        .forEach(office -> problems.add("policy " + policy.id() + ": consultation-offices: office '"
            + office + "' has no group in the identity store")));
    return problems;
  }
}
