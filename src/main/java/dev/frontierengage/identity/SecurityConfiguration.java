package dev.frontierengage.identity;

import dev.frontierengage.platform.Problems;
import dev.frontierengage.audit.AuditLog;
import jakarta.servlet.DispatcherType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.springframework.boot.autoconfigure.web.servlet.JerseyApplicationPath;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Deny by default, one chain per family of endpoints:
 * <ul>
 *   <li>{@code /api/**}: HTTP Basic, stateless, group {@code developers} only;</li>
 *   <li>{@code /engine-rest/**}: HTTP Basic, agency groups and {@code camunda-admin} only;</li>
 *   <li>{@code /agency/**}: the agency documents page (public, static) and its API, agency groups
 *       only, by the Tasklist session or HTTP Basic;</li>
 *   <li>{@code /camunda/**}: the webapps' own login and CSRF protection (Spring adds neither);</li>
 *   <li>{@code /v3/api-docs}, Swagger UI: any authenticated user;</li>
 *   <li>{@code /actuator/health}: public; other actuator endpoints {@code camunda-admin} only;</li>
 *   <li>anything else: denied.</li>
 * </ul>
 * Every Basic login goes through {@link LoginThrottleFilter}; every refusal is audited.
 */
@Configuration
class SecurityConfiguration {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SecurityConfiguration.class);

  static final String REALM = "Frontier Engage";
  static final String DEVELOPERS = "developers";

  /**
   * Whether groups make their member a developer, for whom the webapps and engine-rest are
   * closed: {@code developers}, or an organization's group ({@code org-...}, to which the
   * organization's own tasks are offered). The one rule of the webapps' login, their APIs and
   * the agency sign-in.
   */
  static boolean developer(java.util.Collection<String> groups) {
    return groups != null && groups.stream().anyMatch(g -> DEVELOPERS.equals(g) || g.startsWith("org-"));
  }
  static final String ADMINS = "camunda-admin";
  /** An organization's people who manage its API clients. */
  static final String ORGANIZATION_ADMINS = "developer-admins";
  /** A BPMN error or escalation thrown at a task, in a path as decoded ({@link #decodedPath}), however written. */
  private static final java.util.regex.Pattern BPMN_SIGNAL =
      java.util.regex.Pattern.compile(".*/task/[^/]+/(bpmnError|bpmnEscalation)/*");

  /**
   * Counts across every organization, in a decoded path: the engine's metrics (engagements
   * started, decisions evaluated) and the process definitions' statistics (every running
   * instance, failed job and incident, counted without a check per instance).
   */
  private static final java.util.regex.Pattern METRICS = java.util.regex.Pattern.compile(
      "(/engine-rest|/camunda/api/engine)(/engine/[^/]+)?(/metrics(/.*)?|/process-definition/statistics/*)");

  /**
   * A task resolved (its values written without completing it: tasks here are never delegated),
   * or a message triggered at one execution (past the correlation the developer API makes, and
   * answered differently where the execution waits for it and where it does not), in a decoded path.
   */
  private static final java.util.regex.Pattern RESOLVE_OR_TRIGGER = java.util.regex.Pattern.compile(
      ".*/(task/[^/]+/resolve|execution/[^/]+/messageSubscriptions/[^/]+/trigger)/*");

  /**
   * A message correlated, a signal sent or start conditions evaluated by name, in a decoded path:
   * the engagement's messages are the developer's (the developer API correlates them), and the
   * answer to a reviewer's correlation told which message an engagement waits for (refused where it
   * waits, no match where it does not), and named its process instance.
   */
  private static final java.util.regex.Pattern EVENTS = java.util.regex.Pattern.compile(
      "(/engine-rest|/camunda/api/engine)(/engine/[^/]+)?/(message|signal|condition)/*");

  /**
   * A user, in a decoded path: the engine grants each user every permission on its own user, so a
   * reviewer could set its own password to anything ({@code a}: the rule of 12 characters in
   * production is checked at start-up only), change its name or delete itself. Users are an
   * administrator's to manage (Admin); reading them stays as the engine's authorizations allow.
   */
  private static final java.util.regex.Pattern USER = java.util.regex.Pattern.compile(
      "(/engine-rest|/camunda/api/engine)(/engine/[^/]+)?/user(/.*)?");

  /** A task itself, in a decoded path (deleting it: a process's task is completed or left, never deleted). */
  private static final java.util.regex.Pattern TASK = java.util.regex.Pattern.compile(".*/task/[^/]+/*");

  /**
   * Whether the request (its method, its decoded path) is for administrators only, in engine-rest
   * or the webapps' engine API: a BPMN error or escalation thrown at a task (it ends or moves the
   * task past every listener; a reviewer completes or leaves its task), a task resolved or
   * deleted, a message triggered at an execution or correlated by name (a signal, a condition
   * alike), a user created, changed or deleted (its own too), or counts across every organization
   * (the engine's metrics, the process definitions' statistics), which no reviewer's task needs.
   */
  static boolean forAdministrators(String method, String decodedPath) {
    return BPMN_SIGNAL.matcher(decodedPath).matches() || METRICS.matcher(decodedPath).matches()
        || RESOLVE_OR_TRIGGER.matcher(decodedPath).matches() || EVENTS.matcher(decodedPath).matches()
        || "DELETE".equalsIgnoreCase(method) && TASK.matcher(decodedPath).matches()
        || !WebappSessionAuthentication.SAFE.contains(method.toUpperCase(java.util.Locale.ROOT))
            && USER.matcher(decodedPath).matches();
  }

  /**
   * The request's path within the application as the servlets it reaches read it: percent-decoded,
   * without path parameters. Rules that look at a path's end read this one, not the raw URI (where
   * {@code /%62pmnError} or a trailing slash reach the same resource under another spelling).
   */
  static String decodedPath(jakarta.servlet.http.HttpServletRequest request) {
    return org.springframework.web.util.UrlPathHelper.defaultInstance.getPathWithinApplication(request);
  }

  private final LoginThrottle throttle;
  private final AuditLog audit;
  private final IdentityAuthenticationProvider identity;
  private final AgencyGroups agencies;
  private final CredentialCache verified;

  SecurityConfiguration(LoginThrottle throttle, AuditLog audit,
      IdentityAuthenticationProvider identity, AgencyGroups agencies, CredentialCache verified) {
    this.verified = verified;
    this.throttle = throttle;
    this.audit = audit;
    this.identity = identity;
    this.agencies = agencies;
  }

  /**
   * An organization's API clients are managed by its people in {@code developer-admins}, signed
   * in with their own password (HTTP Basic, throttled, even where {@code /api} takes tokens only):
   * a token can never make or change a client. Without the embedded authorization server there
   * are no clients to manage here (the identity provider registers them).
   */
  @Bean
  @Order(-1)
  SecurityFilterChain apiClientAdministration(HttpSecurity http, OAuthSettings oauth) throws Exception {
    return basic(http, paths("/api/clients", "/api/clients/**"))
        .authorizeHttpRequests(auth -> {
          if (oauth.embedded()) {
            auth.anyRequest().hasAuthority(ORGANIZATION_ADMINS);
          } else {
            auth.anyRequest().denyAll();
          }
        })
        .build();
  }

  /**
   * The developer API: a bearer token of an organization's API client (OAuth2, {@link BearerTokens}),
   * or a person's password by HTTP Basic unless {@code frontier-engage.oauth.basic-auth} is off.
   */
  @Bean
  @Order(1)
  SecurityFilterChain developerApi(HttpSecurity http, BearerTokens tokens, OAuthSettings oauth) throws Exception {
    HttpSecurity chain = oauth.basicAuth() ? basic(http, paths("/api/**")) : stateless(http, paths("/api/**"));
    return chain
        .oauth2ResourceServer(rs -> rs
            .jwt(jwt -> jwt.decoder(tokens.decoder()).jwtAuthenticationConverter(tokens.authentication()))
            .authenticationEntryPoint(unauthenticated(oauth.basicAuth()))
            .accessDeniedHandler(deniedHandler()))
        .authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority(DEVELOPERS))
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain engineRest(HttpSecurity http) throws Exception {
    String[] allowed = agencies.withAdmins().toArray(String[]::new);
    return basic(http, paths("/engine-rest/**"))
        .authorizeHttpRequests(auth -> auth
            // a BPMN error or escalation thrown at a task ends or moves it past every listener, a
            // resolve writes values without completing: only administrators may (a reviewer
            // completes or leaves its task)
            .requestMatchers(request -> forAdministrators(request.getMethod(), decodedPath(request)))
            .hasAuthority(ADMINS)
            .anyRequest().hasAnyAuthority(allowed))
        .build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain apiDocs(HttpSecurity http) throws Exception {
    return basic(http, paths("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"))
        .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
        .build();
  }

  @Bean
  @Order(4)
  SecurityFilterChain actuator(HttpSecurity http) throws Exception {
    return basic(http, paths("/actuator/**"))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(paths("/actuator/health", "/actuator/health/**")).permitAll()
            .anyRequest().hasAuthority(ADMINS))
        .build();
  }

  @Bean
  @Order(5)
  SecurityFilterChain portal(HttpSecurity http) throws Exception {
    // the developer portal's page, script and style: public and static (it calls /api, whose own
    // chain authenticates); only GET, only this origin's own script and style
    return http.securityMatcher(paths("/", "/index.html", "/portal/**"))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(org.springframework.http.HttpMethod.GET).permitAll()
            .anyRequest().denyAll())
        // another method is a 403 problem, as every chain refuses (it was Spring Boot's error JSON)
        .exceptionHandling(e -> e.authenticationEntryPoint((request, response, refused) -> Problems.write(response, 403,
                "Forbidden", "The developer portal's page and files are only read, with GET; the portal acts through /api."))
            .accessDeniedHandler(deniedHandler()))
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
                + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'")))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  @Bean
  @Order(6)
  SecurityFilterChain agency(HttpSecurity http, org.camunda.bpm.engine.IdentityService identityService)
      throws Exception {
    // the agency documents page: static and public like the portal; its API answers agency staff
    // (by their Tasklist session or HTTP Basic), each office only what its open tasks show
    String[] allowed = agencies.groups().toArray(String[]::new);
    return basic(http, paths("/agency/**"))
        .addFilterBefore(new WebappSessionAuthentication(identityService), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(paths("/agency/documents.html", "/agency/agency.js")).access((authentication, request) ->
                new org.springframework.security.authorization.AuthorizationDecision(
                    "GET".equals(request.getRequest().getMethod())))
            .requestMatchers(paths("/agency/api/**")).hasAnyAuthority(allowed)
            .anyRequest().denyAll())
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
                + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'")))
        .build();
  }

  @Bean
  @Order(7)
  SecurityFilterChain webapps(HttpSecurity http) throws Exception {
    // the webapps authenticate against the identity store and check CSRF themselves
    return http.securityMatcher(paths("/camunda/**"))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .build();
  }

  /**
   * A request the firewall rejects (a semicolon, a line break or another character a path may not
   * hold, a header it refuses) is a 400 problem, not a 500, and says which kind of thing it was.
   */
  @Bean
  org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler() {
    return (request, response, rejected) -> {
      LOG.debug("Request rejected by the firewall: {}", rejected.getMessage());
      Problems.write(response, 400, "Request rejected", "The request holds a character or a sequence this server"
          + " never accepts in a path, a parameter's name or a header (a semicolon, a line break, a NUL, a"
          + " percent sign or a character outside printable ASCII, ...): send the path as the resource's own,"
          + " and names and headers in printable ASCII.");
    };
  }

  @Bean
  @Order(Integer.MAX_VALUE)
  SecurityFilterChain denyEverythingElse(HttpSecurity http) throws Exception {
    // error pages of responses already decided elsewhere render; a direct request is denied
    return http.authorizeHttpRequests(auth -> auth
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .anyRequest().denyAll())
        .exceptionHandling(e -> e.authenticationEntryPoint(denied()).accessDeniedHandler(deniedHandler()))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  /**
   * Camunda's engine-rest learns who is calling from the servlet request's principal, which
   * Spring Security has already authenticated; the engine then checks its authorizations.
   */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(
      JerseyApplicationPath path) {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-engine-rest-authentication");
    registration.setInitParameters(Map.of(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        ContainerBasedAuthenticationProvider.class.getName()));
    registration.addUrlPatterns(path.getUrlMapping());
    return registration;
  }

  /** Cockpit's and Admin's APIs answer their applications' users only (need to know); no webapp API answers a developer. */
  @Bean
  FilterRegistrationBean<WebappApiGuard> webappApiGuard() {
    var registration = new FilterRegistrationBean<>(new WebappApiGuard(audit));
    registration.addUrlPatterns(WebappApiGuard.APIS + "*");
    registration.setName("frontier-engage-webapp-api-guard");
    return registration;
  }

  /**
   * An unclaim, in the webapps' engine API and in engine-rest, goes on as the engine's claim for
   * nobody ({@link TaskAssignmentGuard}).
   */
  @Bean
  FilterRegistrationBean<TaskAssignmentGuard> taskAssignmentGuard() {
    var registration = new FilterRegistrationBean<>(new TaskAssignmentGuard());
    registration.setUrlPatterns(TaskAssignmentGuard.PATHS);
    registration.setName("frontier-engage-task-assignment-guard");
    return registration;
  }

  /** Developers are refused at the webapps' login: by the form's user name before it, by the session after it. */
  @Bean
  FilterRegistrationBean<WebappLoginGuard> webappLoginGuard(
      org.camunda.bpm.engine.IdentityService identityService, OAuthSettings oauth) {
    var registration = new FilterRegistrationBean<>(new WebappLoginGuard(identityService, audit,
        oauth.staff().passwordLogin()));
    registration.addUrlPatterns(WebappLoginGuard.LOGIN + "*");
    registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  private HttpSecurity basic(HttpSecurity http, RequestMatcher matcher) throws Exception {
    return http.securityMatcher(matcher)
        .authenticationProvider(identity)
        .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated()))
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated())
            .accessDeniedHandler(deniedHandler()))
        .csrf(csrf -> csrf.disable()) // stateless Basic: no cookie a browser could replay
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(new LoginThrottleFilter(throttle, verified, identity, audit), BasicAuthenticationFilter.class);
  }

  /** Bearer tokens only: no password is looked at. */
  private HttpSecurity stateless(HttpSecurity http, RequestMatcher matcher) throws Exception {
    return http.securityMatcher(matcher)
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated(false))
            .accessDeniedHandler(deniedHandler()))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
  }

  /**
   * The challenge of a 401: {@code WWW-Authenticate: Basic}, except to a script that says it is
   * one ({@code X-Requested-With: XMLHttpRequest}, as the portal page does), which a browser
   * would otherwise answer with its own login prompt instead of letting the page say why.
   */
  static void challenge(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
    if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
    }
  }

  private static AuthenticationEntryPoint unauthenticated() {
    return (request, response, exception) -> {
      challenge(request, response);
      Problems.write(response, 401, "Authentication required",
          "Log in with HTTP Basic as a user of the identity store.");
    };
  }

  /**
   * The developer API's 401: a bearer token that is missing, expired, for another audience or
   * issuer, tampered with or of a revoked client ({@code WWW-Authenticate: Bearer}, RFC 6750),
   * and Basic where passwords are still accepted.
   */
  private static AuthenticationEntryPoint unauthenticated(boolean basicToo) {
    return (request, response, exception) -> {
      String header = request.getHeader("Authorization");
      boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
      response.addHeader("WWW-Authenticate", bearer
          ? "Bearer realm=\"" + REALM + "\", error=\"invalid_token\""
          : "Bearer realm=\"" + REALM + "\"");
      if (basicToo && !bearer) {
        challenge(request, response);
      }
      Problems.write(response, 401, bearer ? "Invalid token" : "Authentication required", bearer
          ? "The bearer token is not accepted (expired, not for this API, not from the expected issuer, altered,"
              + " or its client was revoked or rotated). Get a new token from the token endpoint."
          : "Send a bearer token of your organization's API client" + (basicToo ? ", or log in with HTTP Basic." : "."));
    };
  }

  private static AuthenticationEntryPoint denied() {
    return (request, response, exception) ->
        Problems.write(response, 403, "Forbidden", "There is nothing to see here.");
  }

  private AccessDeniedHandler deniedHandler() {
    return (request, response, exception) -> {
      var user = request.getUserPrincipal();
      audit.record("access.denied", user == null ? null : user.getName(), null,
          Map.of("path", request.getRequestURI(), "method", request.getMethod()));
      Problems.write(response, 403, "Forbidden",
          "Your groups are not allowed to use " + request.getRequestURI() + ".");
    };
  }

  /** Matches the request path whichever servlet serves it (the webapps and engine-rest are Jersey). */
  static RequestMatcher paths(String... patterns) {
    List<RequestMatcher> matchers = Arrays.stream(patterns)
        .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(pattern))
        .toList();
    return new OrRequestMatcher(matchers);
  }
}
