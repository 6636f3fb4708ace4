package dev.frontierengage.identity;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * New and changed passwords are hashed with bcrypt; passwords stored earlier with the engine's
 * SHA-512 still verify (the engine always keeps its default checker), so an existing database
 * keeps working.
 */
@Component
class PasswordHashingPlugin extends AbstractProcessEnginePlugin {

  private final SecuritySettings settings;

  PasswordHashingPlugin(SecuritySettings settings) {
    this.settings = settings;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setPasswordEncryptor(new BcryptPasswordEncryptor(settings.bcryptStrength()));
  }
}
