package dev.frontierengage.identity;

import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.identity.IdentityProperties.GroupSpec;
import dev.frontierengage.identity.IdentityProperties.UserSpec;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Creates the configured groups, users and memberships when they are missing. Idempotent: what
 * exists is left as it is, so an administrator's changes in Admin (a new password, say) survive
 * restarts. With the {@code prod} profile, one exception: a configured user whose stored password
 * is still a demo value ({@link ProductionSafety#DEMO_PASSWORDS}: an earlier start without
 * {@code prod} made it with the laptop's defaults) gets its configured password, which the profile
 * has checked is none of them; else {@code admin}/{@code admin} would open a production node
 * whatever ADMIN_PASSWORD says.
 */
@Component
class IdentityInitializer implements InitializingBean {

  private static final Logger LOG = LoggerFactory.getLogger(IdentityInitializer.class);

  private final IdentityService identity;
  private final IdentityProperties properties;
  private final AuditLog audit;

  private final boolean production;
  private final org.camunda.bpm.engine.ProcessEngine engine;

  IdentityInitializer(IdentityService identity, IdentityProperties properties, AuditLog audit,
      org.springframework.core.env.Environment environment, org.camunda.bpm.engine.ProcessEngine engine) {
    this.production = environment.matchesProfiles(ProductionSafety.PROFILE);
    this.engine = engine;
    this.identity = identity;
    this.properties = properties;
    this.audit = audit;
  }

  @Override
  public void afterPropertiesSet() {
    int created = 0;
    for (GroupSpec spec : properties.groups()) {
      if (identity.createGroupQuery().groupId(spec.id()).singleResult() == null) {
        Group group = identity.newGroup(spec.id());
        group.setName(spec.name());
        group.setType(spec.type());
        identity.saveGroup(group);
        audit.record("config.group.created", "startup", null, Map.of("group", spec.id()));
        created++;
      }
    }
    for (UserSpec spec : properties.users()) {
      if (identity.createUserQuery().userId(spec.id()).singleResult() == null) {
        User user = identity.newUser(spec.id());
        user.setFirstName(spec.firstName());
        user.setLastName(spec.lastName());
        user.setEmail(spec.email());
        user.setPassword(spec.password());
        identity.saveUser(user);
        audit.record("config.user.created", "startup", null, Map.of("user", spec.id()));
        created++;
      }
      for (String groupId : spec.groups()) {
        if (identity.createGroupQuery().groupId(groupId).singleResult() == null) {
          throw new IllegalStateException("frontier-engage.identity: user '" + spec.id()
              + "' names group '" + groupId + "', which is neither configured nor in the store");
        }
        if (identity.createUserQuery().userId(spec.id()).memberOfGroup(groupId).count() == 0) {
          identity.createMembership(spec.id(), groupId);
          audit.record("config.membership.created", "startup", null,
              Map.of("user", spec.id(), "group", groupId));
          created++;
        }
      }
    }
    LOG.info("Identities: {} groups, {} users configured; {} entries created",
        properties.groups().size(), properties.users().size(), created);
    if (production) {
      replaceDemoPasswords();
    }
  }

  /**
   * Every configured user whose stored password is a demo value gets its configured one. Each
   * check is a bcrypt against the stored hash (the users in parallel; the configured password
   * first, which matches on every start after the first), not {@code IdentityService.checkPassword}:
   * a miss there counts as a failed login and locks the user for seconds, then for good.
   */
  void replaceDemoPasswords() {
    var passwords = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration()).getPasswordManager();
    List<String> weak = ProductionSafety.DEMO_PASSWORDS.stream().filter(p -> !p.isEmpty()).sorted().toList();
    List<UserSpec> replaced = properties.users().parallelStream()
        .filter(spec -> spec.password() != null && !ProductionSafety.DEMO_PASSWORDS.contains(spec.password()))
        .filter(spec -> {
          User stored = identity.createUserQuery().userId(spec.id()).singleResult();
          if (!(stored instanceof org.camunda.bpm.engine.impl.persistence.entity.UserEntity entity)
              || entity.getPassword() == null) {
            return false;
          }
          java.util.function.Predicate<String> matches = password -> passwords.check(
              entity.getSalt() == null ? password : password + entity.getSalt(), entity.getPassword());
          // the configured password first: on every start after the first, one check a user
          return !matches.test(spec.password()) && weak.stream().anyMatch(matches);
        })
        .toList();
    for (UserSpec spec : replaced) {
      User user = identity.createUserQuery().userId(spec.id()).singleResult();
      user.setPassword(spec.password());
      try {
        identity.saveUser(user);
      } catch (org.camunda.bpm.engine.OptimisticLockingException another) {
        continue; // another node starting beside this one replaced it a moment ago
      }
      // (no audit line names a password, nor says "password": SecurityIT holds the log to it)
      audit.record("config.user.credential-replaced", "startup", null, Map.of("user", spec.id(),
          "reason", "a laptop default, made by a start without the prod profile"));
      LOG.warn("User '{}' had a demo password in the identity store: it now has its configured one", spec.id());
    }
  }
}
