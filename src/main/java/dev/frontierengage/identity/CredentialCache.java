package dev.frontierengage.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Remembers, for a short time and in memory only, that a user's password was verified, as an
 * HMAC keyed by the server secret (or a random key when none is set). A repeated API call with
 * the same credentials then costs a MAC instead of a bcrypt check. Nothing here is stored.
 */
@Component
class CredentialCache {

  record Verified(byte[] mac, List<String> groups, Instant expires) {}

  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private final SecretKeySpec key;
  private final SecuritySettings settings;
  private final Clock clock;

  @Autowired
  CredentialCache(SecuritySettings settings) {
    this(settings, Clock.systemUTC());
  }

  CredentialCache(SecuritySettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    byte[] secret = settings.sessionSecret() == null || settings.sessionSecret().isBlank()
        ? randomKey() : settings.sessionSecret().getBytes(StandardCharsets.UTF_8);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** The user's groups when these credentials were verified recently, else null. */
  List<String> groupsIfVerified(String userId, String password) {
    Verified entry = verified.get(userId);
    if (entry == null) {
      return null;
    }
    if (entry.expires().isBefore(clock.instant())) {
      verified.remove(userId, entry);
      return null;
    }
    return MessageDigest.isEqual(entry.mac(), mac(userId, password)) ? entry.groups() : null;
  }

  void remember(String userId, String password, List<String> groups) {
    verified.put(userId, new Verified(mac(userId, password), List.copyOf(groups),
        clock.instant().plus(settings.credentialCacheTtl())));
  }

  void forget(String userId) {
    verified.remove(userId);
  }

  /** Tells credentials apart without keeping the password: a keyed hash of user and password. */
  String fingerprint(String userId, String password) {
    return java.util.Base64.getEncoder().encodeToString(mac(userId, password));
  }

  private byte[] mac(String userId, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(userId.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
