package dev.frontierengage.identity;

import dev.frontierengage.audit.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of HTTP Basic on the API and engine-rest: a throttled user name or client address
 * gets 429 without any password being checked; a failed login is counted and audited.
 * Credentials verified a moment ago (a hit in {@link CredentialCache}) are not a guess: they
 * pass without being counted, so a client's many parallel requests are never taken for an attack.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  private final LoginThrottle throttle;
  private final CredentialCache verified;
  private final AuditLog audit;

  LoginThrottleFilter(LoginThrottle throttle, CredentialCache verified, AuditLog audit) {
    this.throttle = throttle;
    this.verified = verified;
    this.audit = audit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (!isBasic(header)) {
      chain.doFilter(request, response);
      return;
    }
    String[] credentials = basicCredentials(header);
    if (credentials == null) {
      counted(request, response, chain, null);
      return;
    }
    if (verified.groupsIfVerified(credentials[0], credentials[1]) != null) {
      chain.doFilter(request, response);
      return;
    }
    // one unverified login per user name at a time: the others wait for its outcome, and after
    // a success they find the credentials verified instead of counting as parallel guesses
    Lock oneAtATime = throttle.loginLock(credentials[0]);
    try {
      if (!oneAtATime.tryLock(30, TimeUnit.SECONDS)) {
        refuse(request, response, credentials[0], Duration.ofSeconds(1));
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      refuse(request, response, credentials[0], Duration.ofSeconds(1));
      return;
    }
    try {
      if (verified.groupsIfVerified(credentials[0], credentials[1]) != null) {
        chain.doFilter(request, response);
      } else {
        counted(request, response, chain, credentials[0]);
      }
    } finally {
      oneAtATime.unlock();
    }
  }

  private void counted(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
      String user) throws ServletException, IOException {
    String address = request.getRemoteAddr();
    LoginThrottle.Attempt attempt = throttle.begin(user, address);
    if (attempt == null) {
      refuse(request, response, user, throttle.retryAfter(user, address));
      return;
    }
    boolean failed = true;
    try {
      chain.doFilter(request, response);
      Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
      failed = response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED
          || authentication == null || !authentication.isAuthenticated();
    } finally {
      throttle.finish(attempt, failed);
      if (failed) {
        audit.record("login.failed", user, null, Map.of("path", request.getRequestURI()));
      }
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String user, Duration wait)
      throws IOException {
    long seconds = Math.max(1, wait.toSeconds());
    audit.record("login.throttled", user, null, Map.of("path", request.getRequestURI()));
    response.setHeader("Retry-After", Long.toString(seconds));
    Problems.write(response, 429, "Too many failed logins",
        "Too many failed logins for this user or address; try again in " + seconds + " seconds.");
  }

  /** Whether Spring's Basic converter would try this header: "Basic" in any case, then anything. */
  static boolean isBasic(String header) {
    return header != null && header.trim().regionMatches(true, 0, "Basic", 0, 5);
  }

  /** User name and password of a Basic Authorization header as Spring reads them, or null. */
  static String[] basicCredentials(String header) {
    if (!isBasic(header)) {
      return null;
    }
    String trimmed = header.trim();
    if (trimmed.length() <= 6) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(trimmed.substring(6)), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
