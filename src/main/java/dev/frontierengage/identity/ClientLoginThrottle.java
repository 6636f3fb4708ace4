package dev.frontierengage.identity;

import dev.frontierengage.audit.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of the token endpoint: a client's failed authentication (a wrong secret, an assertion
 * that does not verify or serves again, a revoked client: Spring's {@code 401 invalid_client}) is
 * a failed login like any other. It is audited with the client id the request gave (one that
 * cannot be a client's, too long or with control characters, as a placeholder), never its secret
 * or assertion, and counted against the client's address ({@link LoginThrottle}, with HTTP
 * Basic's limit per address); a throttled address gets 429 with {@code Retry-After} and no secret
 * is checked. Until then a failure left no trace, and each one cost a full bcrypt check (about a
 * quarter of a second of a core), unlimited.
 *
 * <p>Only the address is counted, not the client id: anyone may send a client's id, and counting
 * it would let them lock that client out. The token endpoint's count is its own, apart from HTTP
 * Basic's: agency staff sign-in exchanges its codes here from the node itself (127.0.0.1), which
 * a local script's failed Basic logins would otherwise have throttled. Requests being checked
 * count too, so a burst of parallel guesses cannot all slip in before the first failure is
 * recorded; a request naming no client is no login.
 */
class ClientLoginThrottle extends OncePerRequestFilter {

  private final RequestMatcher tokenEndpoint;
  private final LoginThrottle throttle;
  private final AuditLog audit;

  ClientLoginThrottle(RequestMatcher tokenEndpoint, LoginThrottle throttle, AuditLog audit) {
    this.tokenEndpoint = tokenEndpoint;
    this.throttle = throttle;
    this.audit = audit;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !tokenEndpoint.matches(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String[] basic = LoginThrottleFilter.basicCredentials(request.getHeader("Authorization"));
    String clientId = basic != null ? basic[0] : request.getParameter(OAuth2ParameterNames.CLIENT_ID);
    if (clientId == null) {
      chain.doFilter(request, response);
      return;
    }
    String address = ADDRESS + request.getRemoteAddr();
    String actor = ApiClients.possibleId(clientId) ? clientId : "(not a client id)";
    LoginThrottle.Attempt attempt = throttle.begin(null, address);
    if (attempt == null) {
      LoginThrottleFilter.refuse(request, response, audit, actor, throttle.retryAfter(null, address),
          "from this address");
      return;
    }
    boolean failed = true;
    try {
      chain.doFilter(request, response);
      failed = response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED;
    } finally {
      throttle.finish(attempt, failed);
      if (failed) {
        audit.record("login.failed", actor, null, Map.of("path", request.getRequestURI()));
      }
    }
  }

  /** The token endpoint's own count per address, apart from HTTP Basic's. */
  static final String ADDRESS = "token endpoint, ";
}
