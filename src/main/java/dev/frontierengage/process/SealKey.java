package dev.frontierengage.process;

import java.security.SecureRandom;
import java.util.Base64;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The key of {@link Sealed}: drawn at random on the first start and kept in the engine's own
 * property table, so every node of a cluster and every restart seals alike. Only engine
 * administrators can read that table.
 */
@Component
class SealKey implements InitializingBean {

  static final String PROPERTY = "frontier-engage.seal-key";

  private final ManagementService management;

  SealKey(ManagementService management) {
    this.management = management;
  }

  @Override
  public void afterPropertiesSet() {
    String stored = management.getProperties().get(PROPERTY);
    if (stored == null) {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      management.setProperty(PROPERTY, Base64.getEncoder().encodeToString(fresh));
      stored = management.getProperties().get(PROPERTY);
    }
    Sealed.useKey(Base64.getDecoder().decode(stored));
  }
}
