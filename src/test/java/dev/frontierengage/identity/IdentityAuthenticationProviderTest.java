package dev.frontierengage.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

class IdentityAuthenticationProviderTest {

  IdentityService identity = mock(IdentityService.class, RETURNS_DEEP_STUBS);
  CredentialCache cache = new CredentialCache(
      new SecuritySettings("0123456789abcdef0123456789abcdef", Duration.ofSeconds(60), 0, 0, 0, null));
  IdentityAuthenticationProvider provider = new IdentityAuthenticationProvider(identity, cache);

  @Test
  void aWrongPasswordIsRefusedAndNotRemembered() {
    when(identity.checkPassword("alice", "guess")).thenReturn(false);
    assertThatThrownBy(() -> provider.authenticate(basic("alice", "guess"))).isInstanceOf(BadCredentialsException.class);
    assertThatThrownBy(() -> provider.authenticate(basic("alice", "guess"))).isInstanceOf(BadCredentialsException.class);
    verify(identity, times(2)).checkPassword("alice", "guess");
  }

  private static Authentication basic(String user, String password) {
    return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
  }
}
