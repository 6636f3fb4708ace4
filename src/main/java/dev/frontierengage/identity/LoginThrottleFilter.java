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
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of HTTP Basic on the API and engine-rest: a throttled user name or client address
 * gets 429 without any password being checked; a failed login is counted and audited. Attempts
 * are told apart by a keyed hash of their credentials ({@link CredentialCache#fingerprint}), so
 * one client's parallel requests with the same credentials are not mistaken for guesses.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  private final LoginThrottle throttle;
  private final AuditLog audit;
  private final CredentialCache credentials;

  LoginThrottleFilter(LoginThrottle throttle, AuditLog audit, CredentialCache credentials) {
    this.throttle = throttle;
    this.audit = audit;
    this.credentials = credentials;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (!isBasic(header)) {
      chain.doFilter(request, response);
      return;
    }
    String[] basic = basicCredentials(header);
    String user = basic == null ? null : basic[0];
    String address = request.getRemoteAddr();
    LoginThrottle.Attempt attempt = throttle.begin(user, address,
        basic == null ? null : credentials.fingerprint(basic[0], basic[1]));
    if (attempt == null) {
      Duration wait = throttle.retryAfter(user, address);
      long seconds = Math.max(1, wait.toSeconds());
      audit.record("login.throttled", user, null, Map.of("path", request.getRequestURI()));
      response.setHeader("Retry-After", Long.toString(seconds));
      Problems.write(response, 429, "Too many failed logins",
          "Too many failed logins for this user or address; try again in " + seconds + " seconds.");
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

  /** Whether Spring's Basic converter would try this header: "Basic" in any case, then anything. */
  static boolean isBasic(String header) {
    return header != null && header.trim().regionMatches(true, 0, "Basic", 0, 5);
  }

  /** The user name of a Basic Authorization header as Spring reads it, or null. */
  static String basicUser(String header) {
    String[] credentials = basicCredentials(header);
    return credentials == null ? null : credentials[0];
  }

  /** The user name and password of a Basic Authorization header as Spring reads them, or null. */
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
