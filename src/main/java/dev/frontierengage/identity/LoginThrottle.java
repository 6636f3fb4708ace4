package dev.frontierengage.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per user name and per client address within a sliding window; past the
 * limit, further attempts are turned away without checking any password until the oldest
 * failure leaves the window. Attempts still being checked count too, so a burst of parallel
 * guesses cannot all slip in before the first failure is recorded. A successful login clears
 * the user's count. Memory stays bounded: empty entries are dropped.
 */
@Component
class LoginThrottle {

  /** One attempt let through; {@link #finish} must be called with its outcome. */
  record Attempt(String userKey, String addressKey) {}

  private final Map<String, Deque<Instant>> failures = new HashMap<>();
  private final Map<String, Integer> inFlight = new HashMap<>();
  private final Lock[] loginLocks = new Lock[64];
  private final SecuritySettings settings;
  private final Clock clock;

  @Autowired
  LoginThrottle(SecuritySettings settings) {
    this(settings, Clock.systemUTC());
  }

  LoginThrottle(SecuritySettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    for (int i = 0; i < loginLocks.length; i++) {
      loginLocks[i] = new ReentrantLock();
    }
  }

  /** The lock that lets one unverified login of this user name be checked at a time (striped). */
  Lock loginLock(String user) {
    return loginLocks[Math.floorMod(userKey(user).hashCode(), loginLocks.length)];
  }

  /** How long to wait before trying again, or {@link Duration#ZERO} when not throttled. */
  synchronized Duration retryAfter(String user, String address) {
    Duration byUser = user == null ? Duration.ZERO : wait(userKey(user), settings.maxFailuresPerUser());
    Duration byAddress = wait(addressKey(address), settings.maxFailuresPerAddress());
    return byUser.compareTo(byAddress) >= 0 ? byUser : byAddress;
  }

  /** Lets an attempt through and counts it as pending, or returns null when throttled. */
  synchronized Attempt begin(String user, String address) {
    if (!retryAfter(user, address).isZero()) {
      return null;
    }
    Attempt attempt = new Attempt(user == null ? null : userKey(user), addressKey(address));
    if (attempt.userKey() != null) {
      inFlight.merge(attempt.userKey(), 1, Integer::sum);
    }
    inFlight.merge(attempt.addressKey(), 1, Integer::sum);
    return attempt;
  }

  synchronized void finish(Attempt attempt, boolean failed) {
    release(attempt.userKey());
    release(attempt.addressKey());
    if (failed) {
      if (attempt.userKey() != null) {
        add(attempt.userKey());
      }
      add(attempt.addressKey());
    } else if (attempt.userKey() != null) {
      failures.remove(attempt.userKey());
    }
  }

  /** Records a failure outside {@link #begin}/{@link #finish} (tests, other entry points). */
  synchronized void failed(String user, String address) {
    if (user != null) {
      add(userKey(user));
    }
    add(addressKey(address));
  }

  synchronized int tracked() {
    return failures.size() + inFlight.size();
  }

  private Duration wait(String key, int max) {
    Deque<Instant> recent = failures.get(key);
    int pending = inFlight.getOrDefault(key, 0);
    if (recent != null) {
      prune(key, recent);
    }
    int count = (recent == null ? 0 : recent.size()) + pending;
    if (count < max) {
      return Duration.ZERO;
    }
    if (recent == null || recent.isEmpty()) {
      return Duration.ofSeconds(1);
    }
    Duration wait = Duration.between(clock.instant(), recent.peekFirst().plus(settings.throttleWindow()));
    return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
  }

  private void add(String key) {
    Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    prune(null, recent);
    recent.addLast(clock.instant());
    if (failures.size() > 10_000) {
      failures.entrySet().removeIf(entry -> {
        prune(null, entry.getValue());
        return entry.getValue().isEmpty();
      });
    }
  }

  private void release(String key) {
    if (key != null) {
      inFlight.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
  }

  private void prune(String key, Deque<Instant> recent) {
    Instant horizon = clock.instant().minus(settings.throttleWindow());
    while (!recent.isEmpty() && recent.peekFirst().isBefore(horizon)) {
      recent.removeFirst();
    }
    if (key != null && recent.isEmpty()) {
      failures.remove(key);
    }
  }

  private static String userKey(String user) {
    return "user:" + user;
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }
}
