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
  /** Counts {@link #forgetAll}: a check that began before one is not remembered after it. */
  private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
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

  /** What {@link #remember} takes as {@code since}: read it before the identity store is read. */
  long generation() {
    return generation.get();
  }

  /**
   * Remembers credentials verified against the identity store as it was read after
   * {@link #generation()} gave {@code since}; not if the store changed meanwhile ({@link #forgetAll}).
   */
  void remember(String userId, String password, List<String> groups, long since) {
    Verified entry = new Verified(mac(userId, password), List.copyOf(groups),
        clock.instant().plus(settings.credentialCacheTtl()));
    verified.put(userId, entry);
    if (generation.get() != since) {
      verified.remove(userId, entry); // read before a change that forgot everything after it
    }
  }

  /**
   * Forgets every verified credential: the identity store changed (a password, a user deleted, a
   * membership; {@link IdentityChanges}), and the next request of each user is checked against it.
   */
  void forgetAll() {
    generation.incrementAndGet();
    verified.clear();
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
