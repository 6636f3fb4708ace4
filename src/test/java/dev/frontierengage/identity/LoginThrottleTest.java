package dev.frontierengage.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
  LoginThrottle throttle = new LoginThrottle(
      new SecuritySettings(null, null, 0, 2, 4, Duration.ofMinutes(10)), clock);

  @Test
  void userIsThrottledAfterTheLimitUntilTheOldestFailureLeavesTheWindow() {
    throttle.failed("bob", "10.0.0.1");
    assertThat(throttle.retryAfter("bob", "10.0.0.1")).isZero();
    clock.advance(Duration.ofMinutes(2));
    throttle.failed("bob", "10.0.0.1");
    assertThat(throttle.retryAfter("bob", "10.0.0.2")).isEqualTo(Duration.ofMinutes(8));
    clock.advance(Duration.ofMinutes(8).plusSeconds(1));
    assertThat(throttle.retryAfter("bob", "10.0.0.2")).isZero();
  }

  @Test
  void addressIsThrottledAcrossUserNames() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("user" + i, "10.0.0.9");
    }
    assertThat(throttle.retryAfter("alice", "10.0.0.9")).isPositive();
    assertThat(throttle.retryAfter("alice", "10.0.0.8")).isZero();
  }

  @Test
  void successClearsTheUsersCount() {
    throttle.failed("bob", "10.0.0.1");
    throttle.finish(throttle.begin("bob", "10.0.0.1"), false);
    throttle.failed("bob", "10.0.0.1");
    assertThat(throttle.retryAfter("bob", "10.0.0.3")).isZero();
  }

  @Test
  void attemptsStillBeingCheckedCountSoParallelGuessesCannotSlipIn() {
    assertThat(throttle.begin("bob", "10.0.0.1")).isNotNull();
    assertThat(throttle.begin("bob", "10.0.0.2")).isNotNull();
    assertThat(throttle.begin("bob", "10.0.0.3")).as("two pending of a limit of two").isNull();
  }

  @Test
  void oneClientsParallelRequestsWithTheSameCredentialsAreOneAttempt() {
    for (int i = 0; i < 16; i++) {
      assertThat(throttle.begin("alice", "10.0.0.1", "alice-credential")).as("request " + i).isNotNull();
    }
    assertThat(throttle.begin("alice", "10.0.0.1", "guess-1")).as("one credential pending of two").isNotNull();
    assertThat(throttle.begin("alice", "10.0.0.1", "guess-2")).as("two different pending").isNull();
  }

  @Test
  void sameCredentialsStillFailOnePerRequest() {
    var first = throttle.begin("bob", "10.0.0.1", "wrong");
    var second = throttle.begin("bob", "10.0.0.1", "wrong");
    throttle.finish(first, true);
    throttle.finish(second, true);
    assertThat(throttle.begin("bob", "10.0.0.1", "wrong")).as("two failures of a limit of two").isNull();
  }

  @Test
  void finishedSuccessReleasesThePendingAttempt() {
    var attempt = throttle.begin("bob", "10.0.0.1");
    throttle.finish(attempt, false);
    assertThat(throttle.begin("bob", "10.0.0.1")).isNotNull();
  }

  @Test
  void memoryStaysBoundedAfterTheWindow() {
    for (int i = 0; i < 500; i++) {
      throttle.failed("user" + i, "10.0.1." + (i % 200));
    }
    clock.advance(Duration.ofMinutes(11));
    throttle.failed("late", "10.0.9.9");
    for (int i = 0; i < 500; i++) {
      throttle.retryAfter("user" + i, "10.0.1." + (i % 200));
    }
    assertThat(throttle.tracked()).isLessThanOrEqualTo(2);
  }

  @Test
  void headerVariantsSpringAcceptsAreRecognised() {
    assertThat(LoginThrottleFilter.basicUser("Basic\tYWxpY2U6ZGVtbw==")).isEqualTo("alice");
    assertThat(LoginThrottleFilter.basicUser("basicXYWxpY2U6ZGVtbw==")).isEqualTo("alice");
    assertThat(LoginThrottleFilter.basicUser("  BASIC YWxpY2U6ZGVtbw==  ")).isEqualTo("alice");
    assertThat(LoginThrottleFilter.isBasic("Basic")).isTrue();
    assertThat(LoginThrottleFilter.isBasic("Bearer x")).isFalse();
  }

  @Test
  void basicHeaderUserIsRead() {
    assertThat(LoginThrottleFilter.basicUser("Basic YWxpY2U6ZGVtbw==")).isEqualTo("alice");
    assertThat(LoginThrottleFilter.basicUser("Basic !!!")).isNull();
    assertThat(LoginThrottleFilter.basicUser("Bearer abc")).isNull();
    assertThat(LoginThrottleFilter.basicUser(null)).isNull();
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
