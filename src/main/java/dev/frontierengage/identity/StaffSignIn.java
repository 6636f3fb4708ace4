package dev.frontierengage.identity;

import dev.frontierengage.audit.AuditLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.core.env.Environment;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Agency staff sign in to the webapps by OpenID Connect: the embedded authorization server by
 * default, a real identity provider when {@code frontier-engage.oauth.staff.issuer-uri} is set.
 * The ID token's groups claim, mapped by {@code group-mapping}, decides the person's agency groups
 * here; only agency groups and the administrators' group count. The person is then made (or
 * brought up to date) in the identity store, where the engine's authorizations and the webapps
 * look, and the webapps take the signed-in person as their user ({@link StaffSessionFilter}).
 */
@Component
class StaffSignIn {

  /** The registration id: the sign-in starts at {@code /oauth2/authorization/agency}. */
  static final String REGISTRATION = "agency";
  static final String START = "/oauth2/authorization/" + REGISTRATION;

  private final OAuthSettings settings;
  private final AgencyGroups agencies;
  private final IdentityService identity;
  private final AuditLog audit;
  private final Environment environment;
  private final String clientSecret;
  private volatile ClientRegistration registration;

  StaffSignIn(OAuthSettings settings, AgencyGroups agencies, IdentityService identity, AuditLog audit,
      Environment environment) {
    this.settings = settings;
    this.agencies = agencies;
    this.identity = identity;
    this.audit = audit;
    this.environment = environment;
    String configured = settings.staff().clientSecret();
    // the embedded server and its client are one application: a secret drawn at start is enough
    this.clientSecret = configured == null || configured.isBlank() ? ApiClientRegistrations.randomSecret() : configured;
  }

  String clientSecret() {
    return clientSecret;
  }

  static List<String> redirectUris(OAuthSettings settings) {
    return settings.staff().redirectUris();
  }

  static List<String> postLogoutRedirectUris(OAuthSettings settings) {
    return settings.staff().redirectUris().stream()
        .map(uri -> uri.replaceFirst("/login/oauth2/code/" + REGISTRATION + "$", "/")).toList();
  }

  /** Built at the first sign-in: the embedded server's token endpoint is this server, on the port it got. */
  ClientRegistrationRepository registrations() {
    return id -> REGISTRATION.equals(id) ? registration() : null;
  }

  private ClientRegistration registration() {
    ClientRegistration made = registration;
    if (made == null) {
      String issuer = settings.staff().issuerUri();
      ClientRegistration.Builder builder;
      if (issuer == null || issuer.isBlank()) {
        String self = "http://127.0.0.1:" + environment.getProperty("local.server.port",
            environment.getProperty("server.port", "8080"));
        builder = ClientRegistration.withRegistrationId(REGISTRATION)
            .authorizationUri("/oauth2/authorize") // the browser stays on the host it came by
            .tokenUri(self + "/oauth2/token")
            .jwkSetUri(self + "/oauth2/jwks")
            .issuerUri(settings.issuer())
            .userNameAttributeName(settings.staff().userNameClaim());
      } else {
        builder = ClientRegistrations.fromIssuerLocation(issuer).registrationId(REGISTRATION)
            .userInfoUri(null)
            .userNameAttributeName(settings.staff().userNameClaim());
      }
      made = builder.clientId(settings.staff().clientId())
          .clientSecret(clientSecret)
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
          .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
          .scope("openid")
          .clientName("Agency sign-in")
          .build();
      registration = made;
    }
    return made;
  }

  /** Our groups for the token's groups: mapped, and only agency groups and the administrators. */
  List<String> groups(Object claim) {
    Collection<?> names = claim instanceof Collection<?> list ? list
        : claim instanceof String text ? List.of(text.split("[, ]+")) : List.of();
    List<String> allowed = agencies.withAdmins();
    Set<String> groups = new LinkedHashSet<>();
    for (Object name : names) {
      String mapped = settings.staff().groupMapping().getOrDefault(String.valueOf(name), String.valueOf(name));
      if (allowed.contains(mapped)) {
        groups.add(mapped);
      }
    }
    return List.copyOf(groups);
  }

  /**
   * Brings the signed-in person into the identity store: made when missing, put into the agency
   * groups the token gives and taken out of those it no longer gives. Returns why the person may
   * not sign in here, or null.
   */
  String admit(Authentication authentication) {
    if (!(authentication instanceof OAuth2AuthenticationToken token) || !(token.getPrincipal() instanceof OidcUser person)) {
      return "not an OpenID Connect sign-in";
    }
    String user = token.getName();
    if (user == null || !OAuthSettings.ORGANIZATION.matcher(user).matches()) {
      return "the identity provider's " + settings.staff().userNameClaim() + " '" + user
          + "' is not a user id here (lower-case letters, digits and hyphens): map another claim"
          + " (frontier-engage.oauth.staff.user-name-claim)";
    }
    List<String> groups = groups(person.getClaims().get(settings.staff().groupsClaim()));
    if (groups.isEmpty()) {
      return "the identity provider gives '" + user + "' none of the agency groups";
    }
    identity.clearAuthentication();
    User stored = identity.createUserQuery().userId(user).singleResult();
    if (stored != null && identity.createGroupQuery().groupMember(user).list().stream()
        .anyMatch(g -> g.getId().equals(SecurityConfiguration.DEVELOPERS) || g.getId().startsWith("org-"))) {
      return "'" + user + "' is a developer here: developers use the developer API, not the webapps";
    }
    if (stored == null) {
      User made = identity.newUser(user);
      made.setFirstName(person.getGivenName());
      made.setLastName(person.getFamilyName());
      made.setEmail(person.getEmail());
      // no password: this person signs in through the identity provider only
      made.setPassword(ApiClientRegistrations.randomSecret());
      identity.saveUser(made);
    }
    List<String> held = new ArrayList<>(identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList());
    for (String group : groups) {
      if (!held.contains(group)) {
        identity.createMembership(user, group);
      }
    }
    for (String group : held) {
      if (agencies.withAdmins().contains(group) && !groups.contains(group)) {
        identity.deleteMembership(user, group);
      }
    }
    audit.record("login.succeeded", user, null, Map.of("path", START, "groups", String.join(",", groups)));
    return null;
  }

  void refused(String user, String reason) throws IOException {
    audit.record("access.denied", user, null, Map.of("path", START, "reason", reason));
  }
}
