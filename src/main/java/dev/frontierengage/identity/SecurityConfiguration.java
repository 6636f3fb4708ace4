package dev.frontierengage.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

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
    return http.securityMatcher("/camunda/**", "/")
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain health(HttpSecurity http) throws Exception {
    return http.securityMatcher("/actuator/health", "/actuator/health/**")
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  @Bean
  @Order(Integer.MAX_VALUE)
  SecurityFilterChain denyEverythingElse(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(auth -> auth.anyRequest().denyAll())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }
}
