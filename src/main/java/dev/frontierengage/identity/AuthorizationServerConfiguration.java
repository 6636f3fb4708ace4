package dev.frontierengage.identity;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.platform.Problems;
import dev.frontierengage.process.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import javax.sql.DataSource;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.function.SingletonSupplier;

/**
 * The embedded authorization server (Spring Authorization Server), on unless a real identity
 * provider is configured ({@code frontier-engage.oauth.embedded}): it issues tokens for the
 * developer API to organizations' API clients (client credentials, with a secret or
 * {@code private_key_jwt}) and signs agency staff into the webapps (OpenID Connect), checking
 * their passwords against the identity store on its own sign-in page, {@code /login}.
 */
@Configuration
@ConditionalOnProperty(prefix = "frontier-engage.oauth", name = "embedded", havingValue = "true")
class AuthorizationServerConfiguration {

  /** The claim carrying a client's credential version (see {@link ApiClients}). */
  static final String CREDENTIAL_VERSION_CLAIM = "cv";

  @Bean
  JWKSource<SecurityContext> tokenSigningKeys(DataSource dataSource) {
    // read (or made) at the first token or key request: the schema is in place by then
    Supplier<JWKSet> keys = SingletonSupplier.of(() -> SigningKey.load(dataSource));
    return (selector, context) -> selector.select(keys.get());
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(OAuthSettings settings) {
    return AuthorizationServerSettings.builder().issuer(settings.issuer()).build();
  }

  @Bean
  RegisteredClientRepository registeredClients(ApiClients clients, OAuthSettings settings, StaffSignIn staff,
      SecuritySettings security) {
    String hash = "{bcrypt}" + new BCryptPasswordEncoder(security.bcryptStrength()).encode(staff.clientSecret());
    return new ApiClientRegistrations(clients, settings, hash);
  }

  @Bean
  OAuth2AuthorizationService authorizations() {
    return new ShortLivedAuthorizations();
  }

  /**
   * What the tokens say: an API client's access token names its organization, the developer
   * API's audience and the client's credential version, and runs on the engine's clock (as the
   * check of its expiry does); a staff member's ID token lists the person's groups.
   */
  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(OAuthSettings settings,
      org.camunda.bpm.engine.IdentityService identity) {
    return context -> {
      RegisteredClient client = context.getRegisteredClient();
      if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
          && AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
        Instant now = EngineClock.instant();
        context.getClaims()
            .audience(settings.audiences())
            .issuedAt(now)
            .notBefore(now)
            .expiresAt(now.plus(settings.accessTokenTtl()))
            .claim(settings.organizationClaim(), client.getClientSettings().<String>getSetting(ApiClientRegistrations.ORGANIZATION))
            .claim(CREDENTIAL_VERSION_CLAIM, client.getClientSettings().<Integer>getSetting(ApiClientRegistrations.CREDENTIAL_VERSION))
            .claim("client_id", client.getClientId())
            // the client's one scope, also when the request named none
            .claim("scope", List.of(settings.scope()));
      } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
        // the person's groups in the identity store (whatever the session's sign-in was)
        identity.clearAuthentication();
        context.getClaims().claim(settings.staff().groupsClaim(), identity.createGroupQuery()
            .groupMember(context.getPrincipal().getName()).list().stream().map(Group::getId).sorted().toList());
      }
    };
  }

  @Bean
  @Order(0)
  SecurityFilterChain authorizationServer(HttpSecurity http, ApiClients clients, AuthorizationServerSettings endpoints,
      RegisteredClientRepository registeredClients, LoginThrottle throttle, AuditLog audit) throws Exception {
    var server = OAuth2AuthorizationServerConfigurer.authorizationServer();
    return http.securityMatcher(server.getEndpointsMatcher())
        .with(server, as -> as
            .oidc(oidc -> oidc.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(context ->
                new org.springframework.security.oauth2.core.oidc.OidcUserInfo(Map.of("sub",
                    context.getAuthorization().getPrincipalName()))))
                .providerConfigurationEndpoint(configuration -> configuration.providerConfigurationCustomizer(
                    metadata -> metadata.claims(AuthorizationServerConfiguration::withoutRevocationNorIntrospection))))
            // an access token is a signed JWT checked on its own, of which the server keeps nothing:
            // it cannot revoke one token nor tell whether one is active (it said 200 and "inactive"
            // of a token that went on working); revoking or rotating the client stops its tokens
            .tokenRevocationEndpoint(revocation -> revocation.authenticationProviders(providers -> {
              providers.clear();
              providers.add(unsupported(OAuth2TokenRevocationAuthenticationToken.class, "unsupported_token_type"));
            }))
            .tokenIntrospectionEndpoint(introspection -> introspection.authenticationProviders(providers -> {
              providers.clear();
              providers.add(unsupported(OAuth2TokenIntrospectionAuthenticationToken.class, OAuth2ErrorCodes.INVALID_REQUEST));
            }))
            .authorizationServerMetadataEndpoint(metadata -> metadata.authorizationServerMetadataCustomizer(
                builder -> builder.claims(AuthorizationServerConfiguration::withoutRevocationNorIntrospection)))
            .clientAuthentication(authentication -> authentication.authenticationProviders(providers ->
                providers.forEach(provider -> {
                  if (provider instanceof JwtClientAssertionAuthenticationProvider assertions) {
                    assertions.setJwtDecoderFactory(client -> assertionDecoder(clients, client));
                  }
                })))
            // a client that may not use the authorization-code flow (an API client: client credentials
            // only, no redirect URI) is refused as an unknown client is, before Spring's own check of
            // the grant type, which failed with a 500 on a client without a redirect URI (and so told
            // anybody which client ids are active)
            .authorizationEndpoint(authorization -> authorization.authenticationProviders(providers ->
                providers.replaceAll(provider -> provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider
                    ? authorizationCodeClientsOnly(provider, registeredClients)
                    : provider))))
        // what the authorization endpoint refuses without sending the person back to the client
        // is a 400 problem (Spring's answer there is the container's error page)
        .addFilterBefore(authorizationRefusalsAsProblems(SecurityConfiguration.paths(endpoints.getAuthorizationEndpoint())),
            SecurityContextHolderFilter.class)
        .addFilterBefore(new ClientLoginThrottle(SecurityConfiguration.paths(endpoints.getTokenEndpoint()), throttle, audit),
            SecurityContextHolderFilter.class)
        .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
        // a person who is not signed in goes to the sign-in page; a program is told 401 (one that
        // takes anything, "Accept: */*" as curl sends it, or sends no Accept, is a program), in
        // OAuth's JSON (it was a 401 with no body at all), but at /userinfo, which asks for a token
        .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
            browsers()).defaultAuthenticationEntryPointFor(AuthorizationServerConfiguration::clientNotAuthenticated,
                request -> !"/userinfo".equals(request.getRequestURI())))
        // a bearer token is read on /userinfo only (OpenID Connect): it signs nobody in at the others
        .oauth2ResourceServer(rs -> rs.jwt(org.springframework.security.config.Customizer.withDefaults())
            .bearerTokenResolver(request -> "/userinfo".equals(request.getRequestURI())
                ? new org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver().resolve(request)
                : null))
        .build();
  }

  /**
   * The authorization request's provider behind a first check of the client: one that is unknown
   * or may not use the authorization-code flow (the webapps' client alone may) is refused with the
   * error Spring gives an unknown client ({@code invalid_request} on {@code client_id}), which is
   * sent to no redirect URI.
   */
  private static AuthenticationProvider authorizationCodeClientsOnly(AuthenticationProvider requests,
      RegisteredClientRepository registeredClients) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        RegisteredClient client = registeredClients.findByClientId(
            ((OAuth2AuthorizationCodeRequestAuthenticationToken) authentication).getClientId());
        if (client == null || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE)) {
          throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
              "OAuth 2.0 Parameter: " + OAuth2ParameterNames.CLIENT_ID, "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1"),
              null);
        }
        return requests.authenticate(authentication);
      }

      @Override
      public boolean supports(Class<?> authentication) {
        return requests.supports(authentication);
      }
    };
  }

  /**
   * The authorization endpoint's refusals that go to no client (an unknown client, one that may not
   * use the flow, a redirect URI not registered) are Spring Authorization Server's
   * {@code sendError(400, ...)}: written here as a problem instead of the container's error page.
   * Its redirects back to a client with an error stay as they are.
   */
  private static jakarta.servlet.Filter authorizationRefusalsAsProblems(RequestMatcher endpoint) {
    return (request, response, chain) -> {
      if (!endpoint.matches((HttpServletRequest) request)) {
        chain.doFilter(request, response);
        return;
      }
      chain.doFilter(request, new HttpServletResponseWrapper((HttpServletResponse) response) {
        @Override
        public void sendError(int status, String message) throws java.io.IOException {
          if (status != 400) {
            super.sendError(status, message);
            return;
          }
          Problems.write((HttpServletResponse) getResponse(), 400, "Invalid authorization request",
              "The authorization request was refused (" + message + "). Only the webapps' sign-in of agency staff"
                  + " uses this endpoint; an API client gets its tokens at /oauth2/token.");
        }
      });
    };
  }

  /** What the server's metadata says of revocation and introspection, which it does not do: removed. */
  private static void withoutRevocationNorIntrospection(Map<String, Object> claims) {
    claims.keySet().removeIf(claim -> claim.startsWith("revocation_endpoint") || claim.startsWith("introspection_endpoint"));
  }

  /** A 400 with {@code error} for every request of the endpoint whose requests are {@code type}, once the client is authenticated. */
  private static org.springframework.security.authentication.AuthenticationProvider unsupported(Class<?> type, String error) {
    return new org.springframework.security.authentication.AuthenticationProvider() {
      @Override
      public org.springframework.security.core.Authentication authenticate(
          org.springframework.security.core.Authentication authentication) {
        throw new OAuth2AuthenticationException(new OAuth2Error(error, "Access tokens are signed and short-lived, and"
            + " this server keeps none: it can neither revoke one nor introspect it. Revoke or rotate the API client"
            + " (/api/clients) to stop its tokens at once.", null));
      }

      @Override
      public boolean supports(Class<?> authentication) {
        return type.isAssignableFrom(authentication);
      }
    };
  }

  /**
   * Checks a client's signed assertion ({@code private_key_jwt}) against the public key its
   * organization gave (never a key fetched from a URL), with Spring Authorization Server's own
   * checks of the claims (issuer and subject the client, audience this server, expiry) and
   * {@link #usedOnce}.
   */
  private static JwtDecoder assertionDecoder(ApiClients clients, RegisteredClient client) {
    ApiClients.Stored stored = clients.stored(client.getClientId())
        .filter(c -> c.usable() && c.publicKey() != null)
        .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT)));
    NimbusJwtDecoder decoder;
    try {
      JWK key = JWK.parse(stored.publicKey());
      var processor = new com.nimbusds.jwt.proc.DefaultJWTProcessor<SecurityContext>();
      processor.setJWSKeySelector(new com.nimbusds.jose.proc.JWSVerificationKeySelector<>(
          key instanceof ECKey ? com.nimbusds.jose.JWSAlgorithm.ES256 : com.nimbusds.jose.JWSAlgorithm.RS256,
          new com.nimbusds.jose.jwk.source.ImmutableJWKSet<>(new JWKSet(key))));
      processor.setJWTClaimsSetVerifier((claims, context) -> { }); // the validator below checks the claims
      decoder = new NimbusJwtDecoder(processor);
      // Spring's converter gives an assertion without iat one of exp - 1 s: it keeps none here, so
      // that usedOnce tells an iat the client sent from one made up
      var claims = MappedJwtClaimSetConverter.withDefaults(Map.of());
      decoder.setClaimSetConverter(sent -> {
        Map<String, Object> converted = new java.util.HashMap<>(claims.convert(sent));
        if (!sent.containsKey(JwtClaimNames.IAT)) {
          converted.remove(JwtClaimNames.IAT);
        }
        return converted;
      });
    } catch (java.text.ParseException e) {
      throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT), e);
    }
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
        JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(client), AuthorizationServerConfiguration::usedOnce));
    return decoder;
  }

  /** Assertions seen, by {@code jti}, until they expire (per node). */
  private static final Map<String, Instant> SEEN_ASSERTIONS = new ConcurrentHashMap<>();
  static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(5);
  /** How far apart a client's clock and ours may be: the 60 s Spring's check of {@code exp} allows (JwtTimestampValidator's default). */
  static final Duration ASSERTION_CLOCK_SKEW = Duration.ofSeconds(60);

  /**
   * A client's assertion is good for five minutes from now at most and serves once: one that
   * leaked from a log cannot be replayed, nor kept for years. Its {@code exp} is at most five
   * minutes ahead, its {@code iat}, if it has one, not ahead and at most five minutes before
   * {@code exp} (each with the clock skew). Now is the wall clock, as for Spring's check of
   * {@code exp} (the engine's clock, which tests move, is for the tokens this server issues).
   */
  static OAuth2TokenValidatorResult usedOnce(Jwt assertion) {
    Instant now = Instant.now();
    SEEN_ASSERTIONS.values().removeIf(expiry -> expiry.isBefore(now));
    OAuth2Error refused = new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "the assertion needs an exp at most 5 minutes"
        + " ahead, an iat (if any) not ahead and at most 5 minutes before exp, and a jti used once", null);
    Instant issued = assertion.getIssuedAt();
    Instant expires = assertion.getExpiresAt();
    if (expires == null || assertion.getId() == null || assertion.getId().length() > 200
        || expires.isAfter(now.plus(ASSERTION_LIFETIME).plus(ASSERTION_CLOCK_SKEW))
        || issued != null && (issued.isAfter(now.plus(ASSERTION_CLOCK_SKEW))
            || Duration.between(issued, expires).compareTo(ASSERTION_LIFETIME) > 0)) {
      return OAuth2TokenValidatorResult.failure(refused);
    }
    String key = assertion.getSubject() + " " + assertion.getId();
    // kept as long as Spring's check of exp would still let it through
    return SEEN_ASSERTIONS.putIfAbsent(key, expires.plus(ASSERTION_CLOCK_SKEW)) == null
        ? OAuth2TokenValidatorResult.success()
        : OAuth2TokenValidatorResult.failure(refused);
  }

  /**
   * The embedded server's sign-in page for people (agency staff on their way to the webapps):
   * a password against the identity store, throttled like every other login.
   */
  @Bean
  @Order(9)
  SecurityFilterChain identityProviderLogin(HttpSecurity http, LoginThrottle throttle,
      IdentityAuthenticationProvider identity, AuditLog audit, OAuthSettings settings) throws Exception {
    if (settings.staff().issuerUri() != null && !settings.staff().issuerUri().isBlank()) {
      // staff sign in at the agency's identity provider: no password is taken here
      return http.securityMatcher(SecurityConfiguration.paths("/login"))
          .authorizeHttpRequests(auth -> auth.anyRequest().denyAll()).build();
    }
    // this provider alone: no other one (nor a parent) checks a password the throttle did not count
    return http.securityMatcher(SecurityConfiguration.paths("/login"))
        .authenticationManager(new org.springframework.security.authentication.ProviderManager(
            new FormLoginProvider(throttle, identity, audit)))
        .formLogin(org.springframework.security.config.Customizer.withDefaults())
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .build();
  }

  /**
   * A program that did not authenticate as a client: a 401 in OAuth's error format (RFC 6749,
   * 5.2: {@code invalid_client}, with the scheme it may use named in {@code WWW-Authenticate}).
   */
  static void clientNotAuthenticated(jakarta.servlet.http.HttpServletRequest request,
      jakarta.servlet.http.HttpServletResponse response,
      org.springframework.security.core.AuthenticationException refused) throws java.io.IOException {
    response.setStatus(401);
    response.setHeader("WWW-Authenticate", "Basic realm=\"frontier-engage\"");
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write("{\"error\":\"invalid_client\",\"error_description\":\"The client did not"
        + " authenticate: send its id and secret (HTTP Basic), or an assertion signed by its key (private_key_jwt)\"}");
  }

  /** A request that asks for HTML by name: a browser's page, not a program that takes anything. */
  static MediaTypeRequestMatcher browsers() {
    MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
    html.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
    return html;
  }
}
