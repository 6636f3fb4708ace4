package dev.frontierengage.identity;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The webapps take a person signed in by OpenID Connect ({@link StaffSignIn}) as their user,
 * through Camunda's container-based authentication: user id from the token, groups from the
 * identity store (where the sign-in put them). A person who logged in with the webapps' own
 * password form is left to the webapps, as before. Logging out of the webapps ends the sign-in
 * too (otherwise the next request would sign the person in again).
 */
class StaffSessionFilter implements Filter {

  private static final Pattern LOGOUT = Pattern.compile("^/camunda/api/admin/auth/user/[^/]+/logout$");

  private final ContainerBasedAuthenticationFilter container = new ContainerBasedAuthenticationFilter();

  @Override
  public void init(FilterConfig config) throws ServletException {
    Map<String, String> parameters = Map.of(org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        SignedInStaff.class.getName());
    container.init(new FilterConfig() {
      @Override
      public String getFilterName() {
        return config.getFilterName();
      }

      @Override
      public jakarta.servlet.ServletContext getServletContext() {
        return config.getServletContext();
      }

      @Override
      public String getInitParameter(String name) {
        return parameters.get(name);
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(parameters.keySet());
      }
    });
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    if (!signedIn(SecurityContextHolder.getContext().getAuthentication())) {
      chain.doFilter(request, response);
      return;
    }
    if ("POST".equals(http.getMethod()) && LOGOUT.matcher(http.getRequestURI()).matches()) {
      chain.doFilter(request, response);
      // only a logout the webapps accepted ends the sign-in (one they refuse for its CSRF token ends
      // the whole session by itself: Camunda's CSRF filter invalidates it)
      if (((HttpServletResponse) response).getStatus() < 400) {
        SecurityContextHolder.clearContext();
        HttpSession session = http.getSession(false);
        if (session != null) {
          session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        }
      }
      return;
    }
    container.doFilter(request, response, chain);
  }

  @Override
  public void destroy() {
    container.destroy();
  }

  static boolean signedIn(Authentication authentication) {
    return authentication instanceof OAuth2AuthenticationToken token && token.isAuthenticated()
        && StaffSignIn.REGISTRATION.equals(token.getAuthorizedClientRegistrationId());
  }

  /** Made by Camunda's filter by its class name: reads the person from Spring Security's context. */
  public static class SignedInStaff extends ContainerBasedAuthenticationProvider {
    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
      Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
      if (!signedIn(authentication)) {
        return AuthenticationResult.unsuccessful();
      }
      return AuthenticationResult.successful(authentication.getName()); // groups: the identity store's
    }
  }
}
