package dev.frontierengage.identity;

import dev.frontierengage.audit.AuditLog;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * A person's password on the embedded identity provider's sign-in page, checked against the
 * identity store and throttled by the same counts as HTTP Basic: a user name or an address with
 * too many failures is refused before its password is looked at.
 */
class FormLoginProvider implements AuthenticationProvider {

  private final LoginThrottle throttle;
  private final IdentityAuthenticationProvider identity;
  private final AuditLog audit;

  FormLoginProvider(LoginThrottle throttle, IdentityAuthenticationProvider identity, AuditLog audit) {
    this.throttle = throttle;
    this.identity = identity;
    this.audit = audit;
  }

  @Override
  public Authentication authenticate(Authentication request) {
    String user = request.getName();
    String address = request.getDetails() instanceof WebAuthenticationDetails details
        ? details.getRemoteAddress() : "unknown";
    LoginThrottle.Attempt attempt = throttle.begin(user, address);
    if (attempt == null) {
      audit.record("login.throttled", user, null, Map.of("path", "/login"));
      throw new LockedException("Too many failed sign-ins: try again in "
          + throttle.retryAfter(user, address).toMinutes() + " minutes or so");
    }
    boolean right = false;
    try {
      String password = request.getCredentials() == null ? "" : request.getCredentials().toString();
      right = identity.verify(user, password);
    } finally {
      throttle.finish(attempt, !right);
    }
    if (!right) {
      audit.record("login.failed", user, null, Map.of("path", "/login"));
      throw new BadCredentialsException("Bad credentials");
    }
    audit.record("login.succeeded", user, null, Map.of("path", "/login"));
    return identity.authenticate(request);
  }

  @Override
  public boolean supports(Class<?> type) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
  }
}
