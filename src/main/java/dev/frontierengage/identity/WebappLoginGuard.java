package dev.frontierengage.identity;

import dev.frontierengage.platform.Problems;
import dev.frontierengage.platform.CachedBodyRequest;
import dev.frontierengage.audit.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Developers never log into the Camunda webapps: the webapps would otherwise give any user of
 * the identity store a session for the welcome page and the engine API behind Tasklist (where a
 * developer's own tasks would take any variables, past the developer API's checks). Where staff
 * sign in through an identity provider only, the webapps' password form is closed.
 *
 * <p>Two checks. Before the login, the user name of the form, where this filter can read it, so
 * that a developer's password is not even checked. After it, the session: whoever the webapps
 * signed in, however the request named them (a field name encoded, the query string of a request
 * without a body, a charset: the webapps' JAX-RS reads forms its own way), a developer's login is
 * undone (the session invalidated) and answered 403, its answer held back until then.
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
    // every POST the container maps here (its path decoded): a login, however its path is spelt, or a logout
    return !"POST".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(16 * 1024);
    String user = formValue(new String(body, StandardCharsets.UTF_8), "username");
    if (!passwordLogin && !logout(request)) {
      // staff sign in through the identity provider only (frontier-engage.oauth.staff.password-login)
      audit.record("access.denied", user, null, Map.of("path", request.getRequestURI(),
          "reason", "password login to the webapps is closed"));
      Problems.write(response, 403, "Sign in through your agency",
          "Passwords are not accepted here: sign in through your agency's identity provider at " + StaffSignIn.START + ".");
      return;
    }
    String named = request.getQueryString() == null ? null : formValue(request.getQueryString(), "username");
    if (user != null && !IdentityAuthenticationProvider.couldBeAUser(user)
        || named != null && !IdentityAuthenticationProvider.couldBeAUser(named)) {
      // no user has it, and PostgreSQL refuses to compare it (a NUL): a failed login, not the
      // webapps' 500 (they read a name from the query string of a request without a body, too)
      audit.record("login.failed", user, null, Map.of("path", request.getRequestURI()));
      Problems.write(response, 401, "Login failed", "Wrong user name or password.");
      return;
    }
    if (user != null && SecurityConfiguration.developer(identity.createGroupQuery().groupMember(user).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList())) {
      refuseDeveloper(audit, user, request, response);
      return;
    }
    ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
    chain.doFilter(new CachedBodyRequest(request, body), held);
    HttpSession session = request.getSession(false);
    String developer = session == null ? null : signedInDeveloper(session);
    if (developer != null) {
      session.invalidate();
      held.reset(); // the webapps' answer and its headers (the new session's cookie among them)
      refuseDeveloper(audit, developer, request, response);
      return;
    }
    held.copyBodyToResponse();
  }

  /** The 403 a developer gets from the webapps, audited. */
  static void refuseDeveloper(AuditLog audit, String developer, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    audit.record("access.denied", developer, null, Map.of("path", request.getRequestURI(),
        "reason", "developers use the developer API only"));
    Problems.write(response, 403, "Forbidden", "Developers use the developer API (/api), not the Camunda webapps.");
  }

  /** A logout ({@code POST .../user/{engine}/logout}, the path decoded): anything else here is taken for a login. */
  static boolean logout(HttpServletRequest request) {
    return org.springframework.web.util.UrlPathHelper.defaultInstance.getPathWithinApplication(request).endsWith("/logout");
  }

  /** A developer ({@link SecurityConfiguration#developer}) the session's webapp authentications hold, if any. */
  static String signedInDeveloper(HttpSession session) {
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) {
      return null;
    }
    for (UserAuthentication user : authentications.getAuthentications()) {
      if (SecurityConfiguration.developer(user.getGroupIds())) {
        return user.getName();
      }
    }
    return null;
  }

  /**
   * The first value of the field {@code name} of a form as UTF-8 (names and values decoded), or
   * null; a pair that cannot be decoded is skipped (the check after the login still sees who).
   */
  static String formValue(String form, String name) {
    for (String pair : form.split("&")) {
      int equals = pair.indexOf('=');
      try {
        if (equals > 0 && name.equals(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8))) {
          return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        }
      } catch (IllegalArgumentException malformed) {
        // a broken escape: not a name this check can read
      }
    }
    return null;
  }
}
