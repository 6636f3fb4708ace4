package dev.frontierengage.identity;

import jakarta.servlet.DispatcherType;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Deny by default. The Camunda webapps under {@code /camunda/**} authenticate against the
 * engine's identity store and protect themselves against CSRF with their own filters, so
 * Spring Security leaves them to it (adding its own CSRF check would break their requests).
 */
@Configuration
class SecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain webapps(HttpSecurity http) throws Exception {
    return http.securityMatcher(paths("/camunda/**", "/"))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain health(HttpSecurity http) throws Exception {
    return http.securityMatcher(paths("/actuator/health", "/actuator/health/**"))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  /** Matches the request path whichever servlet serves it (the webapps and engine-rest are Jersey). */
  static RequestMatcher paths(String... patterns) {
    return new OrRequestMatcher(Arrays.stream(patterns)
        .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(pattern))
        .toList());
  }

  @Bean
  @Order(Integer.MAX_VALUE)
  SecurityFilterChain denyEverythingElse(HttpSecurity http) throws Exception {
    // error pages of responses already decided elsewhere render; a direct request is denied
    return http.authorizeHttpRequests(auth -> auth
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .anyRequest().denyAll())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }
}
