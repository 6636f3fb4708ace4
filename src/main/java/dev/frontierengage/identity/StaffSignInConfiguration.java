package dev.frontierengage.identity;

import dev.frontierengage.platform.Problems;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;

/**
 * Agency staff sign-in ({@link StaffSignIn}): Spring Security's OAuth2 login on its own two
 * paths, {@code /oauth2/authorization/agency} (start) and {@code /login/oauth2/code/agency} (the
 * identity provider's answer), with PKCE; then to Tasklist. The webapps' own chain and their
 * CSRF protection are unchanged.
 */
@Configuration
class StaffSignInConfiguration {

  static final String TASKLIST = "/camunda/app/tasklist/";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StaffSignInConfiguration.class);

  @Bean
  @Order(8)
  SecurityFilterChain staffSignInChain(HttpSecurity http, StaffSignIn staff) throws Exception {
    var registrations = staff.registrations();
    var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
    resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
    SimpleUrlAuthenticationSuccessHandler toTasklist = new SimpleUrlAuthenticationSuccessHandler(TASKLIST);
    toTasklist.setAlwaysUseDefaultTargetUrl(true);
    return http.securityMatcher(SecurityConfiguration.paths(StaffSignIn.START, "/login/oauth2/code/" + StaffSignIn.REGISTRATION))
        .oauth2Login(login -> login
            .clientRegistrationRepository(registrations)
            .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver))
            .successHandler((request, response, authentication) -> {
              String refusal;
              boolean failed = false;
              try {
                refusal = staff.admit(authentication);
              } catch (RuntimeException e) {
                // Spring has already put the person in the session: take them out again
                LOG.warn("sign-in of {} not completed",
                    authentication.getName(), e);
                refusal = "the sign-in could not be completed; try again";
                failed = true;
              }
              if (refusal != null) {
                staff.refused(authentication.getName(), refusal);
                SecurityContextHolder.clearContext();
                request.getSession().invalidate();
                Problems.write(response, failed ? 503 : 403, failed ? "Sign-in not completed" : "Sign-in refused",
                    "You cannot sign in here: " + refusal + ".");
                return;
              }
              toTasklist.onAuthenticationSuccess(request, response, authentication);
            })
            .failureHandler((request, response, exception) ->
                Problems.write(response, 401, "Sign-in failed", "The identity provider's answer was not accepted: "
                    + exception.getMessage())))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .build();
  }

  /** The webapps' user is the signed-in person (before Camunda's own session filter). */
  @Bean
  FilterRegistrationBean<StaffSessionFilter> staffSession() {
    var registration = new FilterRegistrationBean<>(new StaffSessionFilter());
    registration.setName("frontier-engage-staff-session");
    registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }
}
