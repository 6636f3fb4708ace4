package dev.frontierengage.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings (config {@code frontier-engage.security}).
 *
 * @param sessionSecret the server's secret: keys the in-memory cache of verified credentials;
 *     production refuses to start without one of its own
 * @param credentialCacheTtl how long a verified password is accepted without hashing it again
 * @param bcryptStrength log2 of the bcrypt rounds for stored passwords
 * @param maxFailuresPerUser failed logins of one user name before it is throttled
 * @param maxFailuresPerAddress failed logins from one client address before it is throttled
 * @param throttleWindow how long failures count, and how long a throttle lasts
 */
@ConfigurationProperties("frontier-engage.security")
public record SecuritySettings(
    String sessionSecret,
    Duration credentialCacheTtl,
    int bcryptStrength,
    int maxFailuresPerUser,
    int maxFailuresPerAddress,
    Duration throttleWindow) {

  public SecuritySettings {
    credentialCacheTtl = credentialCacheTtl == null ? Duration.ofSeconds(60) : credentialCacheTtl;
    bcryptStrength = bcryptStrength == 0 ? 10 : bcryptStrength;
    maxFailuresPerUser = maxFailuresPerUser == 0 ? 5 : maxFailuresPerUser;
    maxFailuresPerAddress = maxFailuresPerAddress == 0 ? 20 : maxFailuresPerAddress;
    throttleWindow = throttleWindow == null ? Duration.ofMinutes(15) : throttleWindow;
    if (bcryptStrength < 4 || bcryptStrength > 31) {
      throw new IllegalArgumentException("frontier-engage.security.bcrypt-strength must be 4 to 31");
    }
  }
}
