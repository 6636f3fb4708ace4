package dev.frontierengage.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontierengage.TestDatabase;
import dev.frontierengage.process.EngineClock;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Agency staff sign in by OpenID Connect, over real HTTP with a cookie jar as a browser keeps
 * one: the webapps' start of sign-in, the embedded identity provider's page, its code, and
 * Tasklist's session for the person, in the person's groups only; a developer, a wrong password
 * and a webapp logout; a real provider's groups mapped to ours. Run as production runs it:
 * passwords closed on the webapps' form and on the developer API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffSignInIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** What Chromium sends for a page. */
  private static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.properties("staff-sign-in-it").forEach((key, value) -> registry.add(key, () -> value));
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("frontier-engage.oauth.basic-auth", () -> "false");
    registry.add("frontier-engage.oauth.staff.password-login", () -> "false");
    registry.add("frontier-engage.oauth.staff.group-mapping[NSA-Intake-Staff]", () -> "nsa-intake");
    registry.add("frontier-engage.oauth.staff.group-mapping[CISA-Reviewers]", () -> "cisa");
  }

  @LocalServerPort
  int port;
  @Autowired
  ApiClients clients;
  @Autowired
  StaffSignIn staff;
  @Autowired
  IdentityService identity;

  @Test
  void aReviewerSignsInThroughTheIdentityProviderAndTasklistKnowsThemInTheirGroupOnly() throws Exception {
    String engagement = openEngagement();
    Browser browser = new Browser();
    HttpResponse<String> landed = browser.signIn("nsa-intake", "demo");
    assertThat(landed.statusCode()).as(landed.body()).isEqualTo(302);
    assertThat(landed.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/camunda/app/tasklist/"));

    assertThat(browser.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
    JsonNode user = JSON.readTree(browser.get("/camunda/api/admin/auth/user/default").body());
    assertThat(user.path("userId").asText()).isEqualTo("nsa-intake");
    assertThat(user.path("authorizedApps").toString()).contains("tasklist").doesNotContain("cockpit").doesNotContain("admin");

    HttpResponse<String> queue = browser.get("/camunda/api/engine/engine/default/task?processInstanceBusinessKey=" + engagement);
    assertThat(queue.statusCode()).as(queue.body()).isEqualTo(200);
    assertThat(queue.body()).contains("UserTask_ReviewIntake");
    // Cockpit's API is not for a reviewer, signed in or not
    assertThat(browser.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics").statusCode())
        .isIn(401, 403);

    // logging out of Tasklist ends the sign-in: the next request is nobody's
    HttpResponse<String> logout = browser.post("/camunda/api/admin/auth/user/default/logout", "",
        Map.of("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")));
    assertThat(logout.statusCode()).as(logout.body()).isLessThan(300);
    assertThat(browser.get("/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(401);
  }

  @Test
  void anAdministratorSignsInToCockpitAndAdminAndAReviewerNot() throws Exception {
    Browser admin = new Browser();
    assertThat(admin.signIn("admin", "admin").statusCode()).isEqualTo(302);
    assertThat(admin.get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(200);
    JsonNode user = JSON.readTree(admin.get("/camunda/api/admin/auth/user/default").body());
    assertThat(user.path("userId").asText()).isEqualTo("admin");
    assertThat(user.path("authorizedApps").toString()).contains("cockpit", "admin", "tasklist");
    assertThat(admin.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics").statusCode())
        .isEqualTo(200);

    Browser reviewer = new Browser();
    assertThat(reviewer.signIn("apst", "demo").statusCode()).isEqualTo(302);
    assertThat(reviewer.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
    assertThat(reviewer.get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(403);
    assertThat(reviewer.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics").statusCode())
        .isIn(401, 403);
  }

  @Test
  void aDeveloperOrAWrongPasswordGetsNoWebappSession() throws Exception {
    Browser developer = new Browser();
    HttpResponse<String> refused = developer.signIn("alice", "demo");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(refused.body()).contains("developers use the developer API");
    assertThat(developer.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200); // the page, not a session
    assertThat(developer.get("/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(401);

    // (another user than the other tests': the engine itself delays a user's next check after a failure)
    Browser guesser = new Browser();
    HttpResponse<String> wrong = guesser.signInStopsAtPassword("nsa-director", "not-the-password");
    assertThat(wrong.statusCode()).isEqualTo(302);
    assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    assertThat(guesser.get("/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(401);
  }

  @Test
  void passwordsAreRefusedWhereProductionClosesThem() throws Exception {
    Browser browser = new Browser();
    HttpResponse<String> form = browser.post("/camunda/api/admin/auth/user/default/login/tasklist",
        "username=nsa-intake&password=demo", Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(form.statusCode()).isEqualTo(403);
    assertThat(form.body()).contains(StaffSignIn.START);

    HttpResponse<String> basic = browser.get("/api/engagements", Map.of("Authorization", "Basic "
        + Base64.getEncoder().encodeToString("alice:demo".getBytes(StandardCharsets.UTF_8))));
    assertThat(basic.statusCode()).isEqualTo(401);
    assertThat(basic.headers().allValues("WWW-Authenticate")).noneMatch(challenge -> challenge.startsWith("Basic"));
  }

  @Test
  void aRealProvidersGroupsAreMappedAndTheIdentityStoreFollowsThem() {
    String user = "jane-" + UUID.randomUUID().toString().substring(0, 8);
    // only mapped names count: a provider's group that happens to be called like one of ours gives nothing
    assertThat(staff.admit(token(user, List.of("NSA-Intake-Staff", "Payroll", "camunda-admin", "cisa")), true)).isNull();
    assertThat(groupsOf(user)).containsExactly("nsa-intake");
    assertThat(identity.checkPassword(user, "")).isFalse();

    // the provider moves the person: the store follows, and only agency groups are touched
    identity.createMembership(user, "apst");
    assertThat(staff.admit(token(user, List.of("CISA-Reviewers")), true)).isNull();
    assertThat(groupsOf(user)).containsExactly("cisa");
    // a string claim is one name, commas and all
    assertThat(staff.groups("CN=NSA-Intake,OU=Groups", true)).isEmpty();
    assertThat(staff.groups("NSA-Intake-Staff", true)).containsExactly("nsa-intake");

    assertThat(staff.admit(token(user, List.of("Payroll")), true)).contains("none of the agency groups");
    assertThat(staff.admit(token("alice", List.of("NSA-Intake-Staff")), true)).contains("developer");
    assertThat(groupsOf("alice")).doesNotContain("nsa-intake");
    assertThat(staff.admit(token("Jane Doe", List.of("NSA-Intake-Staff")), true)).contains("not a user id here");
  }

  @Test
  void aProviderNeverTakesOverALocalAccount() {
    // admin and the demo reviewers are local accounts: a provider's person of the same id is refused
    assertThat(staff.admit(token("admin", List.of("CISA-Reviewers")), true)).contains("local account");
    assertThat(groupsOf("admin")).containsExactly("camunda-admin");
    assertThat(staff.admit(token("nsa-director", List.of("CISA-Reviewers")), true)).contains("local account");
    assertThat(groupsOf("nsa-director")).containsExactly("nsa-director");
  }

  @Test
  void anOrganizationsAdministratorStillManagesClientsWithAPasswordWhereTheApiTakesTokensOnly() throws Exception {
    Browser browser = new Browser();
    Map<String, String> alice = Map.of("Authorization", "Basic "
        + Base64.getEncoder().encodeToString("alice:demo".getBytes(StandardCharsets.UTF_8)));
    assertThat(browser.get("/api/clients", alice).statusCode()).isEqualTo(200);
    assertThat(browser.get("/api/engagements", alice).statusCode()).isEqualTo(401);
    assertThat(browser.get("/api/clients", Map.of("Authorization", "Basic "
        + Base64.getEncoder().encodeToString("bob:demo".getBytes(StandardCharsets.UTF_8)))).statusCode()).isEqualTo(403);
  }

  // ---------------------------------------------------------------------------------------------

  private List<String> groupsOf(String user) {
    return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).sorted().toList();
  }

  private static OAuth2AuthenticationToken token(String user, List<String> groups) {
    Instant now = Instant.now();
    OidcIdToken idToken = OidcIdToken.withTokenValue("id-token").subject(user).issuedAt(now)
        .expiresAt(now.plusSeconds(300)).claim("groups", groups).claim("given_name", "Jane").build();
    var authorities = List.of(new SimpleGrantedAuthority("OIDC_USER"));
    return new OAuth2AuthenticationToken(new DefaultOidcUser(authorities, idToken, "sub"), authorities,
        StaffSignIn.REGISTRATION);
  }

  private String openEngagement() throws Exception {
    ApiClients.ApiClient made = clients.create("acme", "sign-in test", null, "test");
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (made.clientId() + ":" + made.clientSecret()).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=engagements")).build(),
        HttpResponse.BodyHandlers.ofString());
    String bearer = JSON.readTree(token.body()).path("access_token").asText();
    HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/engagements"))
        .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"modelName\":\"Roadrunner " + UUID.randomUUID()
            + "\",\"modelVersion\":\"4.1\",\"description\":\"An agentic coding model\","
            + "\"contactEmail\":\"security@acme.invalid\",\"plannedPartnerReleaseDate\":\""
            + EngineClock.today().plusDays(200) + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    return JSON.readTree(opened.body()).path("id").asText();
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  /** A browser's cookie jar, redirects followed by hand so each step can be checked. */
  private final class Browser {
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Sign-in from the webapps' start to the last answer (the landing redirect, or a refusal). */
    HttpResponse<String> signIn(String user, String password) throws Exception {
      HttpResponse<String> answer = signInStopsAtPassword(user, password);
      for (int hops = 0; answer.statusCode() == 302 && hops < 5; hops++) {
        String next = answer.headers().firstValue("Location").orElseThrow();
        if (next.contains("/camunda/app/")) {
          return answer;
        }
        answer = get(next);
      }
      return answer;
    }

    HttpResponse<String> signInStopsAtPassword(String user, String password) throws Exception {
      HttpResponse<String> start = get(StaffSignIn.START);
      assertThat(start.statusCode()).isEqualTo(302);
      String authorize = start.headers().firstValue("Location").orElseThrow();
      assertThat(authorize).contains("/oauth2/authorize?").contains("code_challenge=");
      HttpResponse<String> toLogin = get(authorize);
      assertThat(toLogin.statusCode()).as(toLogin.body()).isEqualTo(302);
      assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");
      HttpResponse<String> page = get("/login");
      Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
      assertThat(csrf.find()).as(page.body()).isTrue();
      return post("/login", "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1)),
          Map.of("Content-Type", "application/x-www-form-urlencoded"));
    }

    HttpResponse<String> get(String path) throws Exception {
      return get(path, Map.of());
    }

    HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", ACCEPT);
      headers.forEach(request::header);
      return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", ACCEPT);
      headers.forEach(request::header);
      return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    String cookie(String name) {
      return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
          .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no cookie " + name));
    }

    private URI uri(String path) {
      return URI.create(path.startsWith("http") ? path : base() + path);
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
