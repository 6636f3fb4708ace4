package dev.frontierengage.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {

  LoginThrottleTest.MutableClock clock =
      new LoginThrottleTest.MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
  CredentialCache cache = new CredentialCache(
      new SecuritySettings("0123456789abcdef0123456789abcdef", Duration.ofSeconds(60), 0, 0, 0, null), clock);

  @Test
  void aVerifiedPasswordIsAcceptedUntilItExpires() {
    cache.remember("alice", "demo", List.of("developers", "org-acme"), cache.generation());
    assertThat(cache.groupsIfVerified("alice", "demo")).containsExactly("developers", "org-acme");
    clock.advance(Duration.ofSeconds(61));
    assertThat(cache.groupsIfVerified("alice", "demo")).isNull();
  }

  @Test
  void anotherPasswordOrUserIsNotAccepted() {
    cache.remember("alice", "demo", List.of("developers"), cache.generation());
    assertThat(cache.groupsIfVerified("alice", "dem0")).isNull();
    assertThat(cache.groupsIfVerified("bob", "demo")).isNull();
    assertThat(cache.groupsIfVerified("alice", "demo")).as("a wrong guess evicts nothing").containsExactly("developers");
  }

  @Test
  void aChangeOfTheIdentityStoreForgetsEveryVerifiedPassword() {
    cache.remember("alice", "demo", List.of("developers", "developer-admins", "org-acme"), cache.generation());
    cache.remember("cisa", "demo", List.of("cisa"), cache.generation());
    cache.forgetAll();
    assertThat(cache.groupsIfVerified("alice", "demo")).isNull();
    assertThat(cache.groupsIfVerified("cisa", "demo")).isNull();
  }

  @Test
  void aCheckThatReadTheStoreBeforeAChangeIsNotRememberedAfterIt() {
    long since = cache.generation(); // the password and groups read ...
    cache.forgetAll(); // ... then an administrator ends a membership
    cache.remember("alice", "demo", List.of("developers", "developer-admins", "org-acme"), since);
    assertThat(cache.groupsIfVerified("alice", "demo")).as("the groups read before the change").isNull();
    cache.remember("alice", "demo", List.of("developers", "org-acme"), cache.generation());
    assertThat(cache.groupsIfVerified("alice", "demo")).containsExactly("developers", "org-acme");
  }
}
