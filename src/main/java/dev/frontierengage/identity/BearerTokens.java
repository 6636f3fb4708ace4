package dev.frontierengage.identity;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.frontierengage.process.EngineClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The bearer tokens the developer API accepts: signed by the issuer's key (the embedded server's,
 * or the identity provider's JWK set), issued by {@code frontier-engage.oauth.issuer}, for the
 * developer API's audience, not expired (on the engine's clock), with the API's scope and an
 * organization. A token of the embedded server must also name a client that still exists, is not
 * revoked, has not rotated its credentials since and whose organization's group still exists. The caller is the token's subject, in the
 * groups {@code developers} and {@code org-<organization>} and {@link #API_CLIENT}.
 */
@Component
class BearerTokens {

  /** The group every bearer-token caller is in: a program, not a person. */
  static final String API_CLIENT = "api-client";

  private final OAuthSettings settings;
  private final ApiClients clients;
  private final ObjectProvider<JWKSource<SecurityContext>> embeddedKeys;
  private volatile JwtDecoder decoder;

  BearerTokens(OAuthSettings settings, ApiClients clients, ObjectProvider<JWKSource<SecurityContext>> embeddedKeys) {
    this.settings = settings;
    this.clients = clients;
    this.embeddedKeys = embeddedKeys;
  }

  JwtDecoder decoder() {
    JwtDecoder made = decoder;
    if (made == null) {
      NimbusJwtDecoder nimbus = settings.embedded()
          ? (NimbusJwtDecoder) org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration
              .OAuth2AuthorizationServerConfiguration.jwtDecoder(embeddedKeys.getObject())
          : NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build();
      nimbus.setJwtValidator(validator());
      decoder = made = nimbus;
    }
    return made;
  }

  OAuth2TokenValidator<Jwt> validator() {
    JwtTimestampValidator expiry = new JwtTimestampValidator(settings.clockSkew());
    expiry.setClock(new EngineTime());
    List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>(List.of(expiry,
        new JwtIssuerValidator(settings.issuer()),
        new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(settings.audience()))));
    if (settings.embedded()) {
      checks.add(this::clientStillHolds);
    }
    return new DelegatingOAuth2TokenValidator<>(checks);
  }

  /**
   * The embedded server's token: its client exists, is not revoked, has not rotated since, and its
   * organization's group has not been deleted.
   */
  private OAuth2TokenValidatorResult clientStillHolds(Jwt token) {
    Object version = token.getClaims().get(AuthorizationServerConfiguration.CREDENTIAL_VERSION_CLAIM);
    boolean holds = token.getSubject() != null && version instanceof Number number && clients.stored(token.getSubject())
        .filter(client -> client.usable() && client.credentialVersion() == number.intValue()
            && Objects.equals(client.organization(), token.getClaimAsString(settings.organizationClaim())))
        .isPresent();
    return holds ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(new OAuth2Error(
        "invalid_token", "The token's client is revoked or has new credentials since", null));
  }

  Converter<Jwt, AbstractAuthenticationToken> authentication() {
    return token -> new JwtAuthenticationToken(token, groups(token), token.getSubject());
  }

  private Collection<GrantedAuthority> groups(Jwt token) {
    String organization = token.getClaimAsString(settings.organizationClaim());
    Object scope = token.getClaims().get("scope");
    Collection<?> scopes = scope instanceof Collection<?> list ? list
        : scope instanceof String text ? List.of(text.split(" ")) : List.of();
    if (organization == null || !OAuthSettings.IDENTIFIER.matcher(organization).matches()
        || !scopes.contains(settings.scope())) {
      return List.of(new SimpleGrantedAuthority(API_CLIENT));
    }
    return List.of(new SimpleGrantedAuthority(SecurityConfiguration.DEVELOPERS),
        new SimpleGrantedAuthority("org-" + organization), new SimpleGrantedAuthority(API_CLIENT));
  }

  /** The engine's clock, so a test that moves it moves token expiry with it. */
  private static final class EngineTime extends Clock {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return EngineClock.instant();
    }
  }
}
