package dev.frontierengage.identity;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The clients the embedded authorization server knows: the organizations' API clients (from
 * {@link ApiClients}, client credentials only; a revoked one, or one of a deleted organization, is unknown) and the webapps' own
 * client for agency staff sign-in (authorization code with PKCE, from config). Clients are
 * made through the developer API, never registered here.
 */
class ApiClientRegistrations implements RegisteredClientRepository {

  /** The client settings naming the organization a client's tokens speak for. */
  static final String ORGANIZATION = "frontier-engage.organization";
  /** The client settings carrying its credential version. */
  static final String CREDENTIAL_VERSION = "frontier-engage.credential-version";

  private final ApiClients clients;
  private final OAuthSettings settings;
  private final RegisteredClient staff;

  ApiClientRegistrations(ApiClients clients, OAuthSettings settings, String staffSecretHash) {
    this.clients = clients;
    this.settings = settings;
    // agency staff sign in here only while no agency identity provider is configured
    boolean staffHere = settings.staff().issuerUri() == null || settings.staff().issuerUri().isBlank();
    this.staff = !staffHere ? null : RegisteredClient.withId(settings.staff().clientId())
        .clientId(settings.staff().clientId())
        .clientName("Frontier Engage webapps (agency staff)")
        .clientSecret(staffSecretHash)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUris(uris -> uris.addAll(settings.staff().redirectUris()))
        .scope(OidcScopes.OPENID)
        .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).requireProofKey(true).build())
        .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(settings.accessTokenTtl()).build())
        .build();
  }

  @Override
  public void save(RegisteredClient registeredClient) {
    throw new UnsupportedOperationException("API clients are made through POST /api/clients");
  }

  @Override
  public RegisteredClient findById(String id) {
    return findByClientId(id);
  }

  @Override
  public RegisteredClient findByClientId(String clientId) {
    if (clientId == null) {
      return null;
    }
    if (staff != null && clientId.equals(staff.getClientId())) {
      return staff;
    }
    try {
      return clients.stored(clientId).filter(ApiClients.Stored::usable).map(this::registered).orElse(null);
    } catch (org.springframework.dao.DataAccessException unreadable) {
      return null; // an id the database cannot even compare is no client
    }
  }

  private RegisteredClient registered(ApiClients.Stored client) {
    ClientSettings.Builder clientSettings = ClientSettings.builder()
        .requireAuthorizationConsent(false)
        .setting(ORGANIZATION, client.organization())
        .setting(CREDENTIAL_VERSION, client.credentialVersion());
    RegisteredClient.Builder builder = RegisteredClient.withId(client.clientId())
        .clientId(client.clientId())
        .clientName(client.name())
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .scope(settings.scope())
        .tokenSettings(TokenSettings.builder()
            .accessTokenTimeToLive(settings.accessTokenTtl())
            .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
            .build());
    if (ApiClients.PRIVATE_KEY_JWT.equals(client.method())) {
      builder.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
      clientSettings.tokenEndpointAuthenticationSigningAlgorithm(
          ApiClients.isEllipticCurve(client.publicKey()) ? SignatureAlgorithm.ES256 : SignatureAlgorithm.RS256);
    } else {
      builder.clientSecret("{bcrypt}" + client.secretHash())
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
    }
    return builder.clientSettings(clientSettings.build()).build();
  }

  /** 32 random bytes, base64url: within bcrypt's 72 bytes. */
  static String randomSecret() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
