package dev.frontierengage.identity;

import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.identity.IdentityProperties.GroupSpec;
import dev.frontierengage.identity.IdentityProperties.UserSpec;
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
 * restarts.
 */
@Component
class IdentityInitializer implements InitializingBean {

  private static final Logger LOG = LoggerFactory.getLogger(IdentityInitializer.class);

  private final IdentityService identity;
  private final IdentityProperties properties;
  private final AuditLog audit;

  IdentityInitializer(IdentityService identity, IdentityProperties properties, AuditLog audit) {
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
  }
}
