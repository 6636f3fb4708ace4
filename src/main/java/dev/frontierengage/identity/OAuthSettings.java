package dev.frontierengage.identity;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tokens and sign-in (config {@code frontier-engage.oauth}): which bearer tokens {@code /api}
 * accepts, and who issues them.
 *
 * @param embedded whether this application runs its own authorization server (the laptop default:
 *     organizations' API clients, agency staff sign-in); off when a real identity provider issues
 *     the tokens
 * @param issuer the {@code iss} every accepted token carries (and the embedded server stamps)
 * @param jwkSetUri where the real identity provider publishes its signing keys (embedded off)
 * @param audience the {@code aud} a token for the developer API must carry
 * @param organizationClaim the claim naming the caller's organization ({@code acme} for {@code org-acme})
 * @param scope the scope a token must carry to use the developer API
 * @param accessTokenTtl how long a token the embedded server issues is good for
 * @param clockSkew how far past its expiry a token is still accepted (clocks of two machines)
 * @param basicAuth whether {@code /api} still accepts HTTP Basic with a person's password
 * @param staff sign-in of agency staff into the webapps by OpenID Connect
 */
@ConfigurationProperties("frontier-engage.oauth")
public record OAuthSettings(
    boolean embedded,
    String issuer,
    String jwkSetUri,
    String audience,
    String organizationClaim,
    String scope,
    Duration accessTokenTtl,
    Duration clockSkew,
    boolean basicAuth,
    Staff staff) {

  /** Ids as the identity store takes them: organization names ({@code acme} of {@code org-acme}), user ids. */
  static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /**
   * Agency staff sign-in.
   *
   * @param clientId the webapps' client at the identity provider
   * @param clientSecret its secret (the embedded server's client: generated at start when empty)
   * @param issuerUri the provider's issuer (empty: the embedded server, {@code issuer} above)
   * @param groupsClaim the ID token's claim listing the person's groups
   * @param userNameClaim the ID token's claim that is the person's user id here
   * @param redirectUris where the embedded server may send a signed-in person back to (a
   *     loopback address with any port)
   * @param passwordLogin whether the webapps' own password login stays open beside sign-in
   * @param groupMapping an agency provider's group names mapped to ours (only mapped names count)
   */
  public record Staff(String clientId, String clientSecret, String issuerUri, String groupsClaim,
      String userNameClaim, java.util.Map<String, String> groupMapping, List<String> redirectUris,
      Boolean passwordLogin) {
    public Staff {
      userNameClaim = userNameClaim == null || userNameClaim.isBlank() ? "sub" : userNameClaim;
      redirectUris = redirectUris == null || redirectUris.isEmpty()
          ? List.of("http://localhost:8080/login/oauth2/code/agency", "http://127.0.0.1:8080/login/oauth2/code/agency")
          : List.copyOf(redirectUris);
      passwordLogin = passwordLogin == null || passwordLogin;
      clientId = clientId == null || clientId.isBlank() ? "frontier-engage-webapps" : clientId;
      groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim;
      groupMapping = groupMapping == null ? java.util.Map.of() : java.util.Map.copyOf(groupMapping);
    }
  }

  public OAuthSettings {
    issuer = issuer == null || issuer.isBlank() ? "http://localhost:8080" : issuer.replaceAll("/+$", "");
    audience = audience == null || audience.isBlank() ? "frontier-engage-api" : audience;
    organizationClaim = organizationClaim == null || organizationClaim.isBlank() ? "org" : organizationClaim;
    scope = scope == null || scope.isBlank() ? "engagements" : scope;
    accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(5) : accessTokenTtl;
    clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
    staff = staff == null ? new Staff(null, null, null, null, null, null, null, null) : staff;
    if (!embedded && (jwkSetUri == null || jwkSetUri.isBlank())) {
      throw new IllegalArgumentException("frontier-engage.oauth.jwk-set-uri is required when the embedded"
          + " authorization server is off: set OAUTH_JWK_SET_URI to the identity provider's JWK set");
    }
    if (accessTokenTtl.isNegative() || accessTokenTtl.isZero() || accessTokenTtl.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("frontier-engage.oauth.access-token-ttl must be more than 0 and at most 1h");
    }
  }

  List<String> audiences() {
    return List.of(audience);
  }
}
