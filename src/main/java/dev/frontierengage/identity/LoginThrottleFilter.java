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
 * gets 429 without any password being checked; a failed login is counted and audited.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  private final LoginThrottle throttle;
  private final AuditLog audit;

  LoginThrottleFilter(LoginThrottle throttle, AuditLog audit) {
    this.throttle = throttle;
    this.audit = audit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String user = basicUser(request.getHeader("Authorization"));
    if (user == null) {
      chain.doFilter(request, response);
      return;
    }
    String address = request.getRemoteAddr();
    Duration wait = throttle.retryAfter(user, address);
    if (!wait.isZero()) {
      audit.record("login.throttled", user, null, Map.of("path", request.getRequestURI()));
      response.setHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
      Problems.write(response, 429, "Too many failed logins",
          "Too many failed logins for this user or address; try again in "
              + Math.max(1, wait.toSeconds()) + " seconds.");
      return;
    }
    chain.doFilter(request, response);
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      throttle.failed(user, address);
      audit.record("login.failed", user, null, Map.of("path", request.getRequestURI()));
    } else if (authentication != null && user.equals(authentication.getName())) {
      throttle.succeeded(user);
    }
  }

  /** The user name of a Basic Authorization header, or null. */
  static String basicUser(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
          StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon <= 0 ? null : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
