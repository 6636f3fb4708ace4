package dev.frontierengage.identity;

import dev.frontierengage.platform.Problems;
import dev.frontierengage.audit.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Map;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cockpit's and Admin's own APIs answer only a session authorized for that application. Camunda
 * checks the application only for its pages and filters the APIs' data by the engine's
 * authorizations; an agency reviewer logged into Tasklist could otherwise call Cockpit's
 * plugin API (statistics of every process it may see). Need to know: reviewers use Tasklist.
 * And no API of the webapps answers a session that holds a developer (a member of
 * {@code developers} when it signed in): the login refuses them ({@link WebappLoginGuard}); a
 * session that still holds one (a person made a developer after signing in, whose groups the
 * webapps read again) is ended here.
 */
class WebappApiGuard extends OncePerRequestFilter {

  static final String COCKPIT = "/camunda/api/cockpit/";
  static final String ADMIN = "/camunda/api/admin/";
  static final String ENGINE = "/camunda/api/engine/";
  /** Every API of the webapps. */
  static final String APIS = "/camunda/api/";

  private final AuditLog audit;

  WebappApiGuard(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !SecurityConfiguration.decodedPath(request).startsWith(APIS);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    String developer = session == null ? null : WebappLoginGuard.signedInDeveloper(session);
    if (developer != null) {
      session.invalidate();
      WebappLoginGuard.refuseDeveloper(audit, developer, request, response);
      return;
    }
    String app = application(request.getMethod(), SecurityConfiguration.decodedPath(request));
    if (app == null) {
      chain.doFilter(request, response);
      return;
    }
    UserAuthentication user = user(session);
    if (user == null || !user.isAuthorizedForApp(app)) {
      audit.record("access.denied", user == null ? null : user.getName(), null,
          Map.of("path", request.getRequestURI(), "reason", "not authorized for " + app));
      Problems.write(response, user == null ? 401 : 403, user == null ? "Unauthorized" : "Forbidden",
          "The " + app + " API answers users of the " + app + " application only.");
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * The application whose API the path (decoded: {@link SecurityConfiguration#decodedPath}) is,
   * or null for anything else (Admin's login stays open).
   */
  static String application(String method, String uri) {
    if (uri.startsWith(COCKPIT)) {
      return "cockpit";
    }
    if (uri.startsWith(ENGINE) && SecurityConfiguration.forAdministrators(method, uri)) {
      return "admin"; // Tasklist's engine API: a BPMN error at a task, a resolve, the metrics...: for administrators
    }
    if (uri.startsWith(ADMIN) && !uri.startsWith(ADMIN + "auth/")) {
      return "admin";
    }
    return null;
  }

  private static UserAuthentication user(HttpSession session) {
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    return authentications == null ? null
        : (UserAuthentication) authentications.getAuthenticationForProcessEngine("default");
  }
}
