package dev.frontierengage.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * With the {@code prod} profile, refuses to start (before anything touches a database) while
 * any setting is still the laptop default, and says what to set instead.
 */
public class ProductionSafety implements EnvironmentPostProcessor {

  static final String PROFILE = "prod";
  /** Passwords that are demo values wherever they appear. */
  static final Set<String> DEMO_PASSWORDS = Set.of("demo", "admin", "password", "changeme", "");
  /** The shortest password a configured user may have in production. */
  static final int MIN_PASSWORD = 12;

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication app) {
    if (!environment.matchesProfiles(PROFILE)) {
      return;
    }
    List<String> problems = problems(environment);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The prod profile refuses to start:\n - "
          + String.join("\n - ", problems));
    }
  }

  static List<String> problems(ConfigurableEnvironment environment) {
    return problems(environment, java.time.ZoneId.systemDefault(), dev.frontierengage.platform.FastThrowTraces.omitted());
  }

  /**
   * {@code zone}: the JVM's default time zone. The engine's and the record's times are columns
   * without a zone (Camunda's timers' due dates among them), which the JDBC drivers write and read
   * in that zone; in a zone whose offset changes, a time in the hour its clocks repeat in autumn
   * is read back an hour later than written (a window ending at 00:00 UTC on 2026-10-25 in London
   * would end at 01:00: 30 days and an hour). {@code omitsTraces}: whether the JVM omits the
   * stack trace of an exception thrown often ({@link dev.frontierengage.platform.FastThrowTraces}),
   * with which engine-rest answers a bad request it has refused thousands of times 500.
   */
  static List<String> problems(ConfigurableEnvironment environment, java.time.ZoneId zone, boolean omitsTraces) {
    Binder binder = Binder.get(environment);
    List<String> problems = new ArrayList<>();
    if (omitsTraces) {
      problems.add("the JVM omits the stack trace of an exception thrown often (HotSpot's default): engine-rest's"
          + " refusals of a bad request are told by where the failure was thrown, and once the same one has been"
          + " refused some thousands of times it would be answered 500; start the JVM with "
          + dev.frontierengage.platform.FastThrowTraces.OPTION);
    }
    if (zone.getRules().nextTransition(java.time.Instant.now()) != null) {
      problems.add("the JVM's time zone is " + zone.getId() + ", whose offset changes: times are kept without a zone,"
          + " and one in the hour its clocks repeat would be read back an hour off; run with TZ=UTC (or"
          + " -Duser.timezone=UTC). A database a node already wrote in " + zone.getId() + " keeps its times in that"
          + " zone's local time: convert them to UTC before a node reads them in UTC");
    }
    String url = environment.getProperty("spring.datasource.url", "");
    if (url.isBlank() || url.startsWith("jdbc:h2:")) {
      problems.add("the datasource is H2 (" + url + "): set DB_URL to the PostgreSQL database,"
          + " with DB_USER and DB_PASSWORD");
    }
    String secret = environment.getProperty("frontier-engage.security.session-secret", "");
    if (secret.length() < 32) {
      problems.add("no server secret: set SESSION_SECRET to at least 32 random characters");
    }
    if (environment.getProperty("spring.mail.host", environment.getProperty("MAIL_HOST", "")).isBlank()) {
      problems.add("no mail server: set MAIL_HOST (and MAIL_PORT, MAIL_USERNAME, MAIL_PASSWORD); without one,"
          + " notifications are only logged");
    }
    String issuer = environment.getProperty("frontier-engage.oauth.issuer", "");
    if (!issuer.startsWith("https://")) {
      problems.add("the tokens' issuer is " + issuer + ": set OAUTH_ISSUER to this server's public https address"
          + " (embedded authorization server) or to your identity provider's issuer");
    }
    boolean embedded = environment.getProperty("frontier-engage.oauth.embedded", Boolean.class, true);
    if (!embedded && !environment.getProperty("frontier-engage.oauth.jwk-set-uri", "").startsWith("https://")) {
      problems.add("no https JWK set for the identity provider's tokens: set OAUTH_JWK_SET_URI");
    }
    String staffIssuer = environment.getProperty("frontier-engage.oauth.staff.issuer-uri", "");
    if (!staffIssuer.startsWith("https://")) {
      problems.add("agency staff would sign in with passwords kept here: set STAFF_ISSUER_URI to the agency identity"
          + " provider's https issuer (OpenID Connect), with STAFF_CLIENT_ID and STAFF_CLIENT_SECRET");
    } else if (environment.getProperty("frontier-engage.oauth.staff.client-secret", "").length() < 16) {
      problems.add("no client secret for the webapps at the agency identity provider: set STAFF_CLIENT_SECRET");
    }
    java.util.Optional<dev.frontierengage.policy.PolicyCatalog.Version> active;
    try {
      active = binder.bind("frontier-engage.policies", dev.frontierengage.policy.PolicyCatalog.class)
          .map(dev.frontierengage.policy.PolicyCatalog::activeVersion).orElse(java.util.Optional.empty());
    } catch (org.springframework.boot.context.properties.bind.BindException unreadable) {
      problems.add("frontier-engage.policies cannot be read: " + (unreadable.getCause() == null
          ? unreadable.getMessage() : unreadable.getCause().getMessage()));
      active = java.util.Optional.empty();
    }
    active.filter(dev.frontierengage.policy.PolicyCatalog.Version::isDraft)
        .ifPresent(draft -> problems.add("the active policy '" + draft.id() + "' is a draft, never in force"
            + " (draft: true): new engagements would be bound to it to their end; set POLICY to the order in force"
            + " (eo-14409)"));
    List<IdentityProperties.UserSpec> users = binder.bind("frontier-engage.identity.users",
        Bindable.listOf(IdentityProperties.UserSpec.class)).orElse(List.of());
    for (IdentityProperties.UserSpec user : users) {
      String password = user.password() == null ? "" : user.password();
      if (user.groups().contains(SecurityConfiguration.ADMINS) && DEMO_PASSWORDS.contains(password)) {
        problems.add("the admin user '" + user.id() + "' has a default password: set ADMIN_PASSWORD");
      } else if (DEMO_PASSWORDS.contains(password)) {
        problems.add("user '" + user.id() + "' has a demo password: set DEMO_PASSWORD, or list"
            + " real users under frontier-engage.identity.users");
      } else if (password.length() < MIN_PASSWORD) {
        problems.add("user '" + user.id() + "' has a password shorter than " + MIN_PASSWORD + " characters: set "
            + (user.groups().contains(SecurityConfiguration.ADMINS) ? "ADMIN_PASSWORD" : "DEMO_PASSWORD")
            + " (or the user's own) to a longer one");
      }
    }
    return problems;
  }
}
