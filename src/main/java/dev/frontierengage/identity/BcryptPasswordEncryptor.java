package dev.frontierengage.identity;

import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Stores passwords in the identity store as bcrypt hashes (the engine's default is one round
 * of salted SHA-512). Checking one costs tens of milliseconds on purpose; {@link
 * CredentialCache} keeps API calls fast without weakening what is stored.
 */
class BcryptPasswordEncryptor implements PasswordEncryptor {

  static final String NAME = "BCRYPT";

  private final BCryptPasswordEncoder bcrypt;

  BcryptPasswordEncryptor(int strength) {
    this.bcrypt = new BCryptPasswordEncoder(strength);
  }

  @Override
  public String encrypt(String password) {
    return bcrypt.encode(password);
  }

  @Override
  public boolean check(String password, String encrypted) {
    return encrypted != null && bcrypt.matches(password, encrypted);
  }

  @Override
  public String hashAlgorithmName() {
    return NAME;
  }
}
