package dev.frontierengage.identity;

import dev.frontierengage.platform.Problems;
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
  private final IdentityAuthenticationProvider identity;
  private final AuditLog audit;

  LoginThrottleFilter(LoginThrottle throttle, CredentialCache verified, IdentityAuthenticationProvider identity,
      AuditLog audit) {
    this.throttle = throttle;
    this.verified = verified;
    this.identity = identity;
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
    if (checkPassword(request, response, credentials)) {
      chain.doFilter(request, response); // the login filter behind finds the credentials verified
    }
  }

  /**
   * The password check of unverified credentials: throttled first, then one check per user name
   * at a time (the others wait, for a bounded time, and then find the credentials verified
   * instead of counting as parallel guesses). Only the check holds the lock, never the request.
   * Answers the request itself (429, 503 or 401) and returns false when it must not go on.
   */
  private boolean checkPassword(HttpServletRequest request, HttpServletResponse response, String[] credentials)
      throws IOException {
    String user = credentials[0];
    String address = request.getRemoteAddr();
    Duration throttled = throttle.retryAfter(user, address);
    if (!throttled.isZero()) {
      refuse(request, response, user, throttled);
      return false;
    }
    Lock oneAtATime = throttle.loginLock(user);
    boolean locked;
    try {
      locked = oneAtATime.tryLock(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      locked = false;
    }
    if (!locked) {
      response.setHeader("Retry-After", "1");
      Problems.write(response, 503, "Busy", "Logins for this user are being checked; try again in a second.");
      return false;
    }
    try {
      if (verified.groupsIfVerified(user, credentials[1]) != null) {
        return true;
      }
      LoginThrottle.Attempt attempt = throttle.begin(user, address);
      if (attempt == null) {
        refuse(request, response, user, throttle.retryAfter(user, address));
        return false;
      }
      boolean right = false;
      try {
        right = identity.verify(user, credentials[1]);
      } finally {
        throttle.finish(attempt, !right);
      }
      if (!right) {
        audit.record("login.failed", user, null, Map.of("path", request.getRequestURI()));
        SecurityConfiguration.challenge(request, response);
        Problems.write(response, 401, "Authentication required",
            "Log in with HTTP Basic as a user of the identity store.");
      }
      return right;
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
    refuse(request, response, audit, user, wait, "for this user or address");
  }

  /** A throttled login: audited, and a 429 problem with {@code Retry-After}; {@code which} says what is throttled. */
  static void refuse(HttpServletRequest request, HttpServletResponse response, AuditLog audit, String user,
      Duration wait, String which) throws IOException {
    long seconds = Math.max(1, wait.toSeconds());
    audit.record("login.throttled", user, null, Map.of("path", request.getRequestURI()));
    response.setHeader("Retry-After", Long.toString(seconds));
    Problems.write(response, 429, "Too many failed logins",
        "Too many failed logins " + which + "; try again in " + seconds + " seconds.");
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
