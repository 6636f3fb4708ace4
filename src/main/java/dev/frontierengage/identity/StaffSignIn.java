package dev.frontierengage.identity;

import dev.frontierengage.audit.AuditLog;
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
 * default, a real identity provider when {@code frontier-engage.oauth.staff.issuer-uri} is set
 * ({@link #admit}), and the webapps take the signed-in person as their user
 * ({@link StaffSessionFilter}).
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
  private final org.springframework.jdbc.core.JdbcTemplate jdbc;
  private final String clientSecret;
  private volatile ClientRegistration registration;

  StaffSignIn(OAuthSettings settings, AgencyGroups agencies, IdentityService identity, AuditLog audit,
      Environment environment, javax.sql.DataSource dataSource) {
    this.jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
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

  /** Whether staff sign in at an agency identity provider (not the embedded server). */
  boolean external() {
    return settings.staff().issuerUri() != null && !settings.staff().issuerUri().isBlank();
  }

  /**
   * Our groups for the token's groups. From an agency's provider only the names mapped in
   * {@code group-mapping} count (a group of the provider that happens to be called
   * {@code camunda-admin} or {@code cisa} gives nothing); the embedded server's tokens carry our
   * own group ids. Either way only agency groups and the administrators' group are kept. A
   * string claim is one group name (a directory's names hold commas and spaces).
   */
  List<String> groups(Object claim, boolean external) {
    Collection<?> names = claim instanceof Collection<?> list ? list : claim instanceof String text ? List.of(text) : List.of();
    List<String> allowed = agencies.withAdmins();
    Set<String> groups = new LinkedHashSet<>();
    for (Object name : names) {
      String mapped = external ? settings.staff().groupMapping().get(String.valueOf(name)) : String.valueOf(name);
      if (mapped != null && allowed.contains(mapped)) {
        groups.add(mapped);
      }
    }
    return List.copyOf(groups);
  }

  /** {@link #admit(Authentication, boolean)} for the provider configured. */
  String admit(Authentication authentication) {
    return admit(authentication, external());
  }

  /**
   * Decides whether the signed-in person may use the webapps, and returns why not, or null.
   * Signed in at the embedded server, the person is the identity store's own user (its password
   * was checked there) and keeps the store's groups. Signed in at an agency's provider, the
   * person is made in the store at the first sign-in (no usable password), remembered as the
   * provider's ({@code fe_staff_identity}), and put into, or taken out of, the agency groups the
   * token gives; a local account of the same id is never taken over.
   */
  String admit(Authentication authentication, boolean external) {
    if (!(authentication instanceof OAuth2AuthenticationToken token) || !(token.getPrincipal() instanceof OidcUser person)) {
      return "not an OpenID Connect sign-in";
    }
    String user = token.getName();
    if (user == null || user.length() > 64 || !OAuthSettings.IDENTIFIER.matcher(user).matches()) {
      return "the identity provider's " + settings.staff().userNameClaim() + " '" + user
          + "' is not a user id here (lower-case letters, digits and hyphens): map another claim"
          + " (frontier-engage.oauth.staff.user-name-claim)";
    }
    identity.clearAuthentication();
    User stored = identity.createUserQuery().userId(user).singleResult();
    List<String> held = stored == null ? List.of()
        : identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    if (SecurityConfiguration.developer(held)) {
      return "'" + user + "' is a developer here: developers use the developer API, not the webapps";
    }
    List<String> groups = external ? groups(person.getClaims().get(settings.staff().groupsClaim()), true)
        : held.stream().filter(agencies.withAdmins()::contains).toList();
    if (groups.isEmpty()) {
      return "the identity provider gives '" + user + "' none of the agency groups";
    }
    if (!external) {
      return null;
    }
    boolean ours = !jdbc.queryForList("SELECT user_id FROM fe_staff_identity WHERE user_id = ?", String.class, user).isEmpty();
    if (stored != null && !ours) {
      return "'" + user + "' is a local account here, not one the identity provider made: an administrator"
          + " renames one of them";
    }
    if (stored == null) {
      User made = identity.newUser(user);
      made.setFirstName(person.getGivenName());
      made.setLastName(person.getFamilyName());
      made.setEmail(person.getEmail());
      made.setPassword(ApiClientRegistrations.randomSecret()); // never told: signs in at the provider only
      identity.saveUser(made);
    }
    if (!ours) {
      jdbc.update("INSERT INTO fe_staff_identity (user_id, issuer, subject, created_at) VALUES (?, ?, ?, ?)",
          user, settings.staff().issuerUri(), person.getSubject(), new java.sql.Timestamp(System.currentTimeMillis()));
    }
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

  void refused(String user, String reason) {
    audit.record("access.denied", user, null, Map.of("path", START, "reason", reason));
  }
}
