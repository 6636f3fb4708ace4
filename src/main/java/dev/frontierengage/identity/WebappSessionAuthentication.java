package dev.frontierengage.identity;

import dev.frontierengage.platform.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Set;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The agency pages' API ({@code /agency/api/**}) knows agency staff by their Tasklist login: the
 * webapps' session (the links on their task forms open in the same browser), with the groups the
 * identity store gave at that login. A request that changes something must carry
 * {@code X-Requested-With: XMLHttpRequest}, which no other site's page can send with the cookie
 * (a custom header needs a CORS preflight this server never grants): the session cannot be
 * ridden by a cross-site form. The groups are read from the identity store at every request,
 * not taken from the session: a user removed from an office, or deleted, loses access at once.
 * HTTP Basic, for an office's own tools, goes through the usual filter after this one.
 */
class WebappSessionAuthentication extends OncePerRequestFilter {

  /** The methods that only read: any other is a write (here, and of a user in {@link SecurityConfiguration#forAdministrators}). */
  static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  private final org.camunda.bpm.engine.IdentityService identities;

  WebappSessionAuthentication(org.camunda.bpm.engine.IdentityService identities) {
    this.identities = identities;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    if (!SAFE.contains(request.getMethod()) && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
      Problems.write(response, 403, "Forbidden", "A change through the agency API needs the header"
          + " X-Requested-With: XMLHttpRequest (protection against cross-site requests).");
      return;
    }
    UserAuthentication user = user(request.getSession(false));
    if (user != null && request.getHeader("Authorization") == null
        && SecurityContextHolder.getContext().getAuthentication() == null
        && identities.createUserQuery().userId(user.getName()).count() == 1) {
      var authorities = identities.createGroupQuery().groupMember(user.getName()).list().stream()
          .map(group -> new SimpleGrantedAuthority(group.getId())).toList();
      var context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.getName(), null, authorities));
      SecurityContextHolder.setContext(context);
    }
    chain.doFilter(request, response);
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
