package dev.frontierengage.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per user name and per client address within a sliding window; past the
 * limit, further attempts are turned away without checking any password until the oldest
 * failure leaves the window. Attempts still being checked count too, so a burst of parallel
 * guesses cannot all slip in before the first failure is recorded: each different credential in
 * flight counts once, so a client sending the same user name and password on several
 * connections at once is one attempt, not a burst of guesses. A successful login clears the
 * user's count. Memory stays bounded: empty entries are dropped.
 */
@Component
class LoginThrottle {

  /**
   * One attempt let through; {@link #finish} must be called with its outcome.
   *
   * @param credential identifies the user name and password tried (a keyed hash, never the
   *     password), so that attempts with one credential count once while in flight
   */
  record Attempt(String userKey, String addressKey, String credential) {}

  private final Map<String, Deque<Instant>> failures = new HashMap<>();
  /** Key → credential → attempts with it still being checked. */
  private final Map<String, Map<String, Integer>> inFlight = new HashMap<>();
  private long anonymousAttempts;
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
  synchronized Duration retryAfter(String user, String address) {
    return retryAfter(user, address, null);
  }

  private Duration retryAfter(String user, String address, String credential) {
    Duration byUser = user == null ? Duration.ZERO
        : wait(userKey(user), settings.maxFailuresPerUser(), credential);
    Duration byAddress = wait(addressKey(address), settings.maxFailuresPerAddress(), credential);
    return byUser.compareTo(byAddress) >= 0 ? byUser : byAddress;
  }

  /** Lets an attempt through and counts it as pending, or returns null when throttled. */
  synchronized Attempt begin(String user, String address) {
    return begin(user, address, null);
  }

  /**
   * The same for a known credential: attempts with a credential already in flight do not count
   * again. A null credential counts as different from every other.
   */
  synchronized Attempt begin(String user, String address, String credential) {
    if (!retryAfter(user, address, credential).isZero()) {
      return null;
    }
    Attempt attempt = new Attempt(user == null ? null : userKey(user), addressKey(address),
        credential != null ? credential : "attempt-" + ++anonymousAttempts);
    if (attempt.userKey() != null) {
      hold(attempt.userKey(), attempt.credential());
    }
    hold(attempt.addressKey(), attempt.credential());
    return attempt;
  }

  synchronized void finish(Attempt attempt, boolean failed) {
    release(attempt.userKey(), attempt.credential());
    release(attempt.addressKey(), attempt.credential());
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

  private Duration wait(String key, int max, String credential) {
    Deque<Instant> recent = failures.get(key);
    Map<String, Integer> checking = inFlight.getOrDefault(key, Map.of());
    int pending = checking.size() - (credential != null && checking.containsKey(credential) ? 1 : 0);
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

  private void hold(String key, String credential) {
    inFlight.computeIfAbsent(key, k -> new HashMap<>()).merge(credential, 1, Integer::sum);
  }

  private void release(String key, String credential) {
    if (key != null) {
      inFlight.computeIfPresent(key, (k, checking) -> {
        checking.computeIfPresent(credential, (c, n) -> n <= 1 ? null : n - 1);
        return checking.isEmpty() ? null : checking;
      });
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
