package dev.frontierengage.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per user name and per client address within a sliding window; past the
 * limit, further attempts are turned away without checking any password until the oldest
 * failure leaves the window. A successful login clears the user's count.
 */
@Component
class LoginThrottle {

  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final SecuritySettings settings;
  private final Clock clock;

  @Autowired
  LoginThrottle(SecuritySettings settings) {
    this(settings, Clock.systemUTC());
  }

  LoginThrottle(SecuritySettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** How long to wait before trying again, or {@link Duration#ZERO} when not throttled. */
  Duration retryAfter(String user, String address) {
    Duration byUser = user == null ? Duration.ZERO : wait(userKey(user), settings.maxFailuresPerUser());
    Duration byAddress = wait(addressKey(address), settings.maxFailuresPerAddress());
    return byUser.compareTo(byAddress) >= 0 ? byUser : byAddress;
  }

  void failed(String user, String address) {
    if (user != null) {
      add(userKey(user));
    }
    add(addressKey(address));
  }

  void succeeded(String user) {
    failures.remove(userKey(user));
  }

  private Duration wait(String key, int max) {
    Deque<Instant> recent = failures.get(key);
    if (recent == null) {
      return Duration.ZERO;
    }
    synchronized (recent) {
      prune(recent);
      if (recent.size() < max) {
        return Duration.ZERO;
      }
      Duration wait = Duration.between(clock.instant(), recent.peekFirst().plus(settings.throttleWindow()));
      return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
    }
  }

  private void add(String key) {
    Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (recent) {
      prune(recent);
      recent.addLast(clock.instant());
    }
  }

  private void prune(Deque<Instant> recent) {
    Instant horizon = clock.instant().minus(settings.throttleWindow());
    while (!recent.isEmpty() && recent.peekFirst().isBefore(horizon)) {
      recent.removeFirst();
    }
  }

  private static String userKey(String user) {
    return "user:" + user;
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }
}
