package dev.frontierengage.identity;

import dev.frontierengage.platform.Problems;
import dev.frontierengage.platform.CachedBodyRequest;
import dev.frontierengage.audit.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Developers never log into the Camunda webapps: the webapps would otherwise give any user of
 * the identity store a session for the welcome page and the engine API behind Tasklist. Where
 * staff sign in through an identity provider only, the webapps' password form is closed.
 */
class WebappLoginGuard extends OncePerRequestFilter {

  static final String LOGIN = "/camunda/api/admin/auth/user/";

  private final IdentityService identity;
  private final AuditLog audit;
  private final boolean passwordLogin;

  WebappLoginGuard(IdentityService identity, AuditLog audit, boolean passwordLogin) {
    this.identity = identity;
    this.audit = audit;
    this.passwordLogin = passwordLogin;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !("POST".equals(request.getMethod()) && request.getRequestURI().startsWith(LOGIN)
        && request.getRequestURI().contains("/login/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(16 * 1024);
    String user = formValue(new String(body, StandardCharsets.UTF_8), "username");
    if (!passwordLogin) {
      // staff sign in through the identity provider only (frontier-engage.oauth.staff.password-login)
      audit.record("access.denied", user, null, Map.of("path", request.getRequestURI(),
          "reason", "password login to the webapps is closed"));
      Problems.write(response, 403, "Sign in through your agency",
          "Passwords are not accepted here: sign in through your agency's identity provider at " + StaffSignIn.START + ".");
      return;
    }
    if (user != null && identity.createUserQuery().userId(user)
        .memberOfGroup(SecurityConfiguration.DEVELOPERS).count() > 0) {
      audit.record("access.denied", user, null, Map.of("path", request.getRequestURI(),
          "reason", "developers use the developer API only"));
      Problems.write(response, 403, "Forbidden",
          "Developers use the developer API (/api), not the Camunda webapps.");
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private static String formValue(String form, String name) {
    for (String pair : form.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && name.equals(pair.substring(0, equals))) {
        return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
