package dev.frontierengage.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.frontierengage.TestDatabase;
import dev.frontierengage.process.EngineClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Organizations' API clients and their tokens, over real HTTP: an organization's administrator
 * makes a client, the client gets a token from the embedded authorization server and drives an
 * engagement with it; every token that is expired, for another audience or issuer, altered,
 * signed by another key, or of a revoked or rotated client is a 401 and changes nothing; a
 * token of one organization never reaches another's engagements; only an organization's
 * administrators, signed in as themselves, manage its clients.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiTokensIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AuditCapture AUDIT = new AuditCapture();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.properties("api-tokens-it").forEach((key, value) -> registry.add(key, () -> value));
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
    registry.add("server.address", () -> "127.0.0.1");
    // these tests fail clients' logins at the token endpoint on purpose, some twenty of them from
    // 127.0.0.1, which the throttle's default would refuse from the twentieth on (ClientLoginThrottleTest
    // and LoginThrottlingIT are the throttle's)
    registry.add("frontier-engage.security.max-failures-per-address", () -> "1000");
  }

  @LocalServerPort
  int port;
  @Autowired
  OAuthSettings settings;
  @Autowired
  JWKSource<SecurityContext> serverKeys;
  @Autowired
  ApiClients clients;
  @Autowired
  org.camunda.bpm.engine.IdentityService identity;

  private final HttpClient client = HttpClient.newHttpClient();

  @AfterEach
  void wallClock() {
    ClockUtil.reset();
  }

  @Test
  void aClientGetsATokenAndDrivesAnEngagementOfItsOrganizationOnly() throws Exception {
    JsonNode made = createClient("alice", "{\"name\":\"CI pipeline\"}");
    assertThat(made.path("clientSecret").asText()).startsWith(ApiClients.SECRET_PREFIX);
    assertThat(made.path("authentication").asText()).isEqualTo("client_secret");
    String token = token(made.path("clientId").asText(), made.path("clientSecret").asText());

    HttpResponse<String> opened = api("POST", "/api/engagements", bearer(token), inquiry("Roadrunner " + UUID.randomUUID()));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    String id = JSON.readTree(opened.body()).path("id").asText();
    assertThat(api("GET", "/api/engagements/" + id, bearer(token), null).statusCode()).isEqualTo(200);
    // a person of the organization sees what the client opened
    assertThat(api("GET", "/api/engagements/" + id, basic("alice"), null).statusCode()).isEqualTo(200);

    // another organization's engagement does not exist for this token, and its list is its own
    HttpResponse<String> globex = api("POST", "/api/engagements", basic("bob"), inquiry("Coyote " + UUID.randomUUID()));
    String theirs = JSON.readTree(globex.body()).path("id").asText();
    assertThat(api("GET", "/api/engagements/" + theirs, bearer(token), null).statusCode()).isEqualTo(404);
    assertThat(api("POST", "/api/engagements/" + theirs + "/withdrawal", bearer(token), "{\"reason\":\"not ours\"}")
        .statusCode()).isEqualTo(404);
    String list = api("GET", "/api/engagements?size=100", bearer(token), null).body();
    assertThat(list).contains(id).doesNotContain(theirs);
    assertThat(api("GET", "/api/engagements/" + theirs, basic("bob"), null).body()).contains("\"stage\"")
        .doesNotContain("WITHDRAWN");

    HttpResponse<String> withdrawn = api("POST", "/api/engagements/" + id + "/withdrawal", bearer(token),
        "{\"reason\":\"the pipeline is done with it\"}");
    assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
    assertThat(withdrawn.body()).contains("WITHDRAWN");
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    String token = newToken("alice");
    assertThat(api("GET", "/api/engagements", bearer(token), null).statusCode()).isEqualTo(200);
    ClockUtil.setCurrentTime(Date.from(EngineClock.instant()
        .plus(settings.accessTokenTtl()).plus(settings.clockSkew()).plusSeconds(1)));
    assertRefused(api("GET", "/api/engagements", bearer(token), null));
  }

  @Test
  void aTokenForAnotherAudienceOrFromAnotherIssuerIsRefused() throws Exception {
    JsonNode made = createClient("alice", "{\"name\":\"minted\"}");
    String clientId = made.path("clientId").asText();
    // the harness mints a token the API accepts: the refusals below are about the one claim changed
    assertThat(api("GET", "/api/engagements", bearer(mint(clientId, claims -> { })), null).statusCode()).isEqualTo(200);
    assertRefused(api("GET", "/api/engagements", bearer(mint(clientId, claims -> claims.audience(List.of("another-api")))), null));
    assertRefused(api("GET", "/api/engagements", bearer(mint(clientId, claims -> claims.issuer("https://idp.elsewhere.invalid"))), null));
    // an ID token of the webapps' sign-in is not a token for the API
    assertRefused(api("GET", "/api/engagements", bearer(mint(clientId,
        claims -> claims.audience(List.of(settings.staff().clientId())))), null));
  }

  @Test
  void anAlteredTokenOrOneSignedByAnotherKeyIsRefusedAndChangesNothing() throws Exception {
    String token = newToken("alice");
    String[] parts = token.split("\\.");
    Map<String, Object> payload = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
    payload.put(settings.organizationClaim(), "globex");
    String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(JSON.writeValueAsBytes(payload)) + "." + parts[2];
    assertRefused(api("GET", "/api/engagements", bearer(altered), null));
    assertRefused(api("POST", "/api/engagements", bearer(altered), inquiry("Altered " + UUID.randomUUID())));

    RSAKey foreign = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(foreign.getKeyID()).build(),
        JWTClaimsSet.parse(payloadOf(token)));
    forged.sign(new RSASSASigner(foreign));
    assertRefused(api("GET", "/api/engagements", bearer(forged.serialize()), null));
    assertRefused(api("GET", "/api/engagements", bearer("not-a-token"), null));
    assertThat(clients.list("globex")).isEmpty();
  }

  @Test
  void aRevokedClientsTokenIsRefusedAtOnceAndItGetsNoOther() throws Exception {
    JsonNode made = createClient("alice", "{\"name\":\"nightly\"}");
    String clientId = made.path("clientId").asText();
    String secret = made.path("clientSecret").asText();
    String token = token(clientId, secret);
    assertThat(api("GET", "/api/engagements", bearer(token), null).statusCode()).isEqualTo(200);

    assertThat(api("DELETE", "/api/clients/" + clientId, basic("alice"), null).statusCode()).isEqualTo(204);
    assertRefused(api("GET", "/api/engagements", bearer(token), null));
    assertThat(tokenResponse(clientId, secret).statusCode()).isEqualTo(401);
    HttpResponse<String> listed = api("GET", "/api/clients/" + clientId, basic("alice"), null);
    assertThat(JSON.readTree(listed.body()).path("revokedAt").isMissingNode()).isFalse();
    assertThat(api("DELETE", "/api/clients/" + clientId, basic("alice"), null).statusCode()).isEqualTo(409);
    assertThat(api("POST", "/api/clients/" + clientId + "/rotate", basic("alice"), null).statusCode()).isEqualTo(409);
  }

  /**
   * The server keeps no access token, so it neither revokes one nor introspects it: both endpoints
   * say so with a 400 (revocation answered 200 while the token went on working, introspection
   * called a working token inactive), and the metadata no longer names them.
   */
  @Test
  void revocationAndIntrospectionOfATokenAreRefusedAsUnsupported() throws Exception {
    JsonNode made = createClient("alice", "{\"name\":\"revoker\"}");
    String clientId = made.path("clientId").asText();
    String secret = made.path("clientSecret").asText();
    String token = token(clientId, secret);
    for (String endpoint : List.of("/oauth2/revoke", "/oauth2/introspect")) {
      HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(base() + endpoint))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).as(endpoint + ": " + refused.body()).isEqualTo(400);
      assertThat(refused.body()).as(endpoint).contains("Revoke or rotate the API client");
    }
    assertThat(api("GET", "/api/engagements", bearer(token), null).statusCode()).as("as it was").isEqualTo(200);
    for (String metadata : List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration")) {
      HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(base() + metadata)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(metadata).isEqualTo(200);
      assertThat(answer.body()).as(metadata).contains("token_endpoint").doesNotContain("revocation_endpoint", "introspection_endpoint");
    }
  }

  /**
   * An API client may not use the authorization-code flow: the authorization endpoint answers it,
   * with or without a secret, exactly as it answers an unknown or a revoked client, a 400 problem
   * that sends nobody anywhere (it answered a 500, which told anybody which ids are active).
   */
  @Test
  void theAuthorizationEndpointAnswersAnApiClientAsAnUnknownOne() throws Exception {
    String active = createClient("alice", "{\"name\":\"no browser\"}").path("clientId").asText();
    String signed = createClient("alice", "{\"name\":\"no browser either\",\"publicKey\":"
        + new RSAKeyGenerator(2048).generate().toPublicJWK().toJSONString() + "}").path("clientId").asText();
    String revoked = createClient("alice", "{\"name\":\"gone\"}").path("clientId").asText();
    assertThat(api("DELETE", "/api/clients/" + revoked, basic("alice"), null).statusCode()).isEqualTo(204);
    String unknown = "cli_" + UUID.randomUUID().toString().replace("-", "");

    for (String rest : List.of("", "&scope=openid", "&scope=engagements&state=xyz",
        "&redirect_uri=" + URLEncoder.encode("http://127.0.0.1:" + port + "/login/oauth2/code/agency", StandardCharsets.UTF_8),
        "&redirect_uri=" + URLEncoder.encode("https://elsewhere.invalid/callback", StandardCharsets.UTF_8))) {
      HttpResponse<String> asUnknown = api("GET", "/oauth2/authorize?response_type=code&client_id=" + unknown + rest, null, null);
      assertThat(asUnknown.statusCode()).as(rest + ": " + asUnknown.body()).isEqualTo(400);
      for (String id : List.of(active, signed, revoked)) {
        HttpResponse<String> answer = api("GET", "/oauth2/authorize?response_type=code&client_id=" + id + rest, null, null);
        assertThat(answer.statusCode()).as(rest + ": " + answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).as(rest).hasValueSatisfying(type ->
            assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.headers().firstValue("Location")).as(rest).isEmpty();
        assertThat(answer.body()).as(rest).isEqualTo(asUnknown.body());
      }
    }
  }

  /**
   * An organization is its group {@code org-<name>}: once an administrator deletes it (the company
   * is off-boarded), its people lose the API at once, and so do its clients, whatever they
   * authenticate with. They kept getting tokens and using them on the organization's engagements,
   * and nobody could revoke them any more (no person is in the organization to manage its clients,
   * and {@code camunda-admin} manages none). Another organization's clients are not concerned.
   */
  @Test
  void anOrganizationsClientsStopWithItsGroupsDeletion() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String organization = "gone-" + suffix;
    String administrator = "gone-admin-" + suffix;
    identity.saveGroup(identity.newGroup("org-" + organization));
    org.camunda.bpm.engine.identity.User user = identity.newUser(administrator);
    user.setPassword("demo");
    identity.saveUser(user);
    for (String group : List.of(SecurityConfiguration.DEVELOPERS, SecurityConfiguration.ORGANIZATION_ADMINS,
        "org-" + organization)) {
      identity.createMembership(administrator, group);
    }
    JsonNode secretClient = createClient(administrator, "{\"name\":\"off-boarded\"}");
    String clientId = secretClient.path("clientId").asText();
    String secret = secretClient.path("clientSecret").asText();
    RSAKey key = new RSAKeyGenerator(2048).keyID("gone-key").generate();
    String signingId = createClient(administrator, "{\"name\":\"off-boarded, signed\",\"publicKey\":"
        + key.toPublicJWK().toJSONString() + "}").path("clientId").asText();
    String token = token(clientId, secret);
    assertThat(api("GET", "/api/engagements", bearer(token), null).statusCode()).isEqualTo(200);
    String acmeToken = newToken("alice");

    assertThat(api("DELETE", "/engine-rest/group/org-" + organization, basic("admin"), null).statusCode()).isEqualTo(204);

    assertThat(api("GET", "/api/engagements", basic(administrator), null).statusCode()).as("its person").isEqualTo(403);
    assertRefused(api("GET", "/api/engagements", bearer(token), null));
    assertRefused(api("POST", "/api/engagements", bearer(token), inquiry("Off-boarded " + suffix)));
    assertThat(tokenResponse(clientId, secret).statusCode()).as("a new token").isEqualTo(401);
    assertThat(assertionTokenResponse(signingId, key).statusCode()).as("a new token by assertion").isEqualTo(401);
    assertThat(api("GET", "/api/engagements", bearer(acmeToken), null).statusCode()).as("another organization's")
        .isEqualTo(200);
  }

  @Test
  void aRotationRefusesTheOldSecretAndEveryTokenIssuedBefore() throws Exception {
    JsonNode made = createClient("alice", "{\"name\":\"deploy\"}");
    String clientId = made.path("clientId").asText();
    String oldSecret = made.path("clientSecret").asText();
    String oldToken = token(clientId, oldSecret);

    HttpResponse<String> rotated = api("POST", "/api/clients/" + clientId + "/rotate", basic("alice"), null);
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    String newSecret = JSON.readTree(rotated.body()).path("clientSecret").asText();
    assertThat(newSecret).startsWith(ApiClients.SECRET_PREFIX).isNotEqualTo(oldSecret);

    assertRefused(api("GET", "/api/engagements", bearer(oldToken), null));
    assertThat(tokenResponse(clientId, oldSecret).statusCode()).isEqualTo(401);
    assertThat(api("GET", "/api/engagements", bearer(token(clientId, newSecret)), null).statusCode()).isEqualTo(200);
    // the secret is shown when made or rotated, never in a listing
    assertThat(api("GET", "/api/clients", basic("alice"), null).body()).doesNotContain(newSecret).contains(clientId);
  }

  /**
   * A client that fails to authenticate at the token endpoint is a failed login, audited with the
   * client id it gave and never its secret: a wrong secret, a replayed assertion. Neither left any
   * line (guesses at a client's secret went unseen). A token granted, or a request naming no
   * client, is no failed login.
   */
  @Test
  void aClientsFailedLoginAtTheTokenEndpointIsAuditedWithoutItsSecret() throws Exception {
    JsonNode made = createClient("alice", "{\"name\":\"audited\"}");
    String clientId = made.path("clientId").asText();
    String secret = made.path("clientSecret").asText();
    int before = AUDIT.lines("login.failed").size();
    token(clientId, secret);
    String guess = "fes_" + UUID.randomUUID();
    assertThat(tokenResponse(clientId, guess).statusCode()).isEqualTo(401);

    RSAKey key = new RSAKeyGenerator(2048).keyID("audited-key").generate();
    String signing = createClient("alice", "{\"name\":\"audited, signed\",\"publicKey\":"
        + key.toPublicJWK().toJSONString() + "}").path("clientId").asText();
    SignedJWT once = assertion(signing, key, Instant.now(), Duration.ofSeconds(60));
    assertThat(tokenWithAssertion(signing, once).statusCode()).isEqualTo(200);
    assertThat(tokenWithAssertion(signing, once).statusCode()).as("replayed").isEqualTo(401);

    List<String> failed = AUDIT.lines("login.failed");
    assertThat(failed.subList(before, failed.size())).satisfiesExactly(
        line -> assertThat(line).contains("\"actor\":\"" + clientId + "\"", "\"path\":\"/oauth2/token\"")
            .doesNotContain(guess, secret),
        line -> assertThat(line).contains("\"actor\":\"" + signing + "\"", "\"path\":\"/oauth2/token\"")
            .doesNotContain(once.serialize()));
  }

  @Test
  void aClientSigningAssertionsWithItsKeyGetsATokenAndAnotherKeyDoesNot() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("ci-key-1").generate();
    JsonNode made = createClient("alice", "{\"name\":\"signed\",\"publicKey\":" + key.toPublicJWK().toJSONString() + "}");
    assertThat(made.path("authentication").asText()).isEqualTo("private_key_jwt");
    assertThat(made.has("clientSecret")).isFalse();
    String clientId = made.path("clientId").asText();

    HttpResponse<String> granted = assertionTokenResponse(clientId, key);
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
    String token = JSON.readTree(granted.body()).path("access_token").asText();
    assertThat(api("GET", "/api/engagements", bearer(token), null).statusCode()).isEqualTo(200);

    RSAKey other = new RSAKeyGenerator(2048).keyID("ci-key-1").generate();
    assertThat(assertionTokenResponse(clientId, other).statusCode()).isEqualTo(401);
    // an assertion serves once, and lives five minutes at most
    SignedJWT once = assertion(clientId, key, Instant.now(), Duration.ofSeconds(60));
    assertThat(tokenWithAssertion(clientId, once).statusCode()).isEqualTo(200);
    assertThat(tokenWithAssertion(clientId, once).statusCode()).isEqualTo(401);
    assertThat(tokenWithAssertion(clientId, assertion(clientId, key, Instant.now(), Duration.ofDays(365))).statusCode())
        .isEqualTo(401);

    // rotating to the other key: the old key no longer works, nor its token
    HttpResponse<String> rotated = api("POST", "/api/clients/" + clientId + "/rotate", basic("alice"),
        "{\"publicKey\":" + other.toPublicJWK().toJSONString() + "}");
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    assertThat(assertionTokenResponse(clientId, key).statusCode()).isEqualTo(401);
    assertThat(assertionTokenResponse(clientId, other).statusCode()).isEqualTo(200);
    assertRefused(api("GET", "/api/engagements", bearer(token), null));
  }

  /**
   * An assertion is good for five minutes from now at most, whatever its {@code iat} says: one
   * issued years ahead with a five-minute lifetime, or one without {@code iat} expiring in ten
   * years, could be kept and used for years. An {@code iat} a little ahead (a client's clock)
   * and none at all are fine while {@code exp} is near. (The server's clock is the wall clock, as
   * for Spring's check of {@code exp}; the margins are minutes, so the test does not depend on it.)
   */
  @Test
  void anAssertionGoodForLongerThanFiveMinutesFromNowIsRefused() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("ci-key-2").generate();
    String clientId = createClient("alice", "{\"name\":\"kept\",\"publicKey\":" + key.toPublicJWK().toJSONString() + "}")
        .path("clientId").asText();
    Instant now = Instant.now();
    Instant years = now.plus(Duration.ofDays(5 * 365));
    assertThat(tokenWithAssertion(clientId, assertion(clientId, key, years, years.plusSeconds(300))).statusCode())
        .as("issued in five years, for five minutes").isEqualTo(401);
    assertThat(tokenWithAssertion(clientId, assertion(clientId, key, null, now.plus(Duration.ofDays(10 * 365)))).statusCode())
        .as("no iat, expiring in ten years").isEqualTo(401);
    assertThat(tokenWithAssertion(clientId, assertion(clientId, key, null, now.plus(Duration.ofMinutes(8)))).statusCode())
        .as("no iat, expiring in eight minutes").isEqualTo(401);
    assertThat(tokenWithAssertion(clientId, assertion(clientId, key, now.plusSeconds(180), now.plusSeconds(300))).statusCode())
        .as("issued in three minutes").isEqualTo(401);
    HttpResponse<String> refused = tokenWithAssertion(clientId, assertion(clientId, key, years, years.plusSeconds(300)));
    assertThat(refused.body()).contains("invalid_client");

    assertThat(tokenWithAssertion(clientId, assertion(clientId, key, now, now.plus(Duration.ofMinutes(5)))).statusCode())
        .as("issued now, for five minutes").isEqualTo(200);
    assertThat(tokenWithAssertion(clientId, assertion(clientId, key, now.plusSeconds(30), now.plusSeconds(150))).statusCode())
        .as("issued 30 s ahead (clock skew)").isEqualTo(200);
    assertThat(tokenWithAssertion(clientId, assertion(clientId, key, null, now.plus(Duration.ofMinutes(4)))).statusCode())
        .as("no iat, expiring in four minutes").isEqualTo(200);
  }

  @Test
  void aKeyThatCannotServeIsA400AndMakesNoClient() throws Exception {
    long before = clients.count("acme");
    RSAKey key = new RSAKeyGenerator(2048).generate();
    for (String body : List.of(
        "{\"name\":\"leaky\",\"publicKey\":" + key.toJSONString() + "}",
        "{\"name\":\"small\",\"publicKey\":" + new RSAKeyGenerator(1024, true).generate().toPublicJWK().toJSONString() + "}",
        "{\"name\":\"junk\",\"publicKey\":{\"kty\":\"nope\"}}",
        "{\"name\":\"long kid\",\"publicKey\":" + new RSAKeyGenerator(2048).keyID("k".repeat(5_000)).generate()
            .toPublicJWK().toJSONString() + "}",
        "{\"name\":\"huge\",\"publicKey\":{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\""
            + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[1_500]).replaceFirst("^A", "_") + "\"}}",
        "{\"name\":\"bell\\u0007\"}",
        "{\"name\":\"\"}",
        // names that show nothing: a zero-width space, a Hangul filler, a blank Braille pattern
        "{\"name\":\"\\u200b\"}",
        "{\"name\":\"\\u3164\"}",
        "{\"name\":\"\\u2800 \\uffa0\"}",
        // spaces that trim() leaves (an ideographic space, an em space)
        "{\"name\":\"\\u3000\"}",
        "{\"name\":\"\\u2003\\u2003\"}",
        "{\"name\":\"x\",\"scopes\":[\"admin\"]}",
        "[]")) {
      HttpResponse<String> refused = api("POST", "/api/clients", basic("alice"), body);
      assertThat(refused.statusCode()).as(body + " -> " + refused.body()).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
          assertThat(type).startsWith("application/problem+json"));
    }
    HttpResponse<String> invisible = api("POST", "/api/clients", basic("alice"), "{\"name\":\"\\u3164\"}");
    assertThat(invisible.body()).as("the field named").contains("\"field\":\"name\"").contains("visible character");
    assertThat(clients.count("acme")).isEqualTo(before);
  }

  @Test
  void onlyAnOrganizationsAdministratorsSignedInAsThemselvesManageItsClients() throws Exception {
    String token = newToken("alice");
    JsonNode made = createClient("alice", "{\"name\":\"theirs\"}");
    String clientId = made.path("clientId").asText();
    // a client's token never makes or changes a client, not even of its own organization: a person signs in
    assertThat(api("POST", "/api/clients", bearer(token), "{\"name\":\"escalated\"}").statusCode()).isEqualTo(401);
    assertThat(api("GET", "/api/clients", bearer(token), null).statusCode()).isEqualTo(401);
    assertThat(api("DELETE", "/api/clients/" + clientId, bearer(token), null).statusCode()).isEqualTo(401);
    // a developer who is no administrator, an agency reviewer, an administrator of the engine
    assertThat(api("POST", "/api/clients", basic("bob"), "{\"name\":\"bob's\"}").statusCode()).isEqualTo(403);
    assertThat(api("POST", "/api/clients", basic("nsa-intake"), "{\"name\":\"intake's\"}").statusCode()).isEqualTo(403);
    assertThat(api("GET", "/api/clients", basic("admin"), null).statusCode()).isEqualTo(403);
    assertThat(api("GET", "/api/clients", null, null).statusCode()).isEqualTo(401);
    // nor does it sign anybody in at the authorization server (it would get a code for the webapps)
    HttpResponse<String> authorize = api("GET", "/oauth2/authorize?response_type=code&client_id="
        + settings.staff().clientId() + "&scope=openid&redirect_uri=http://127.0.0.1:" + port
        + "/login/oauth2/code/agency&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256",
        bearer(token), null);
    // (told to sign in, as anybody without a session is)
    assertThat(authorize.statusCode()).isIn(302, 401);
    assertThat(authorize.headers().firstValue("Location").orElse("/login")).endsWith("/login").doesNotContain("code=");
    // a token is no way into engine-rest, the agency API or Cockpit's
    assertThat(api("GET", "/engine-rest/task", bearer(token), null).statusCode()).isEqualTo(401);
    assertThat(api("GET", "/agency/api/tasks", bearer(token), null).statusCode()).isEqualTo(401);
    assertThat(clients.find("acme", clientId)).hasValueSatisfying(c -> assertThat(c.revokedAt()).isNull());
  }

  @Test
  void theTokenEndpointAnswersGarbageWithA4xx() throws Exception {
    for (String id : List.of("nobody", "cli_\u0000", "x".repeat(500), "frontier-engage-webapps")) {
      HttpResponse<String> answer = tokenResponse(id, "guess");
      assertThat(answer.statusCode()).as(id).isIn(400, 401);
      assertThat(answer.body()).as(id).contains("invalid_");
    }
    // a program that asks without credentials is told 401 whatever it accepts
    for (String accept : new String[] {"*/*", "application/json", null}) {
      HttpRequest.Builder bare = HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"));
      if (accept != null) {
        bare.header("Accept", accept);
      }
      HttpResponse<String> told = client.send(bare.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(told.statusCode()).as("Accept " + accept).isEqualTo(401);
      // in OAuth's error format, naming the scheme it may use (it was a 401 with no body)
      assertThat(JSON.readTree(told.body()).path("error").asText()).as("Accept " + accept).isEqualTo("invalid_client");
      assertThat(told.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
    }
    // (a browser sent to sign in: StaffSignInIT)
    // a token asked for without a scope carries the client's one scope
    JsonNode made = createClient("alice", "{\"name\":\"unscoped\"}");
    HttpResponse<String> unscoped = client.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((made.path("clientId").asText() + ":"
            + made.path("clientSecret").asText()).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unscoped.statusCode()).as(unscoped.body()).isEqualTo(200);
    assertThat(api("GET", "/api/engagements", bearer(JSON.readTree(unscoped.body()).path("access_token").asText()), null)
        .statusCode()).isEqualTo(200);
  }

  @Test
  void aTokenWithoutTheApisScopeOrAnOrganizationIsForbidden() throws Exception {
    String clientId = createClient("alice", "{\"name\":\"scoped\"}").path("clientId").asText();
    assertThat(api("GET", "/api/engagements", bearer(mint(clientId, claims -> claims.claim("scope", List.of("other")))), null)
        .statusCode()).isEqualTo(403);
  }

  @Test
  void parallelRequestsCannotTakeAnOrganizationPastItsLimitAndRevokedClientsDoNotCount() throws Exception {
    String organization = "limit-" + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < 15; i++) {
      clients.create(organization, "job " + i, null, "admin");
    }
    List<ApiClients.ApiClient> made = clients.list(organization);
    for (int i = 0; i < 5; i++) {
      assertThat(clients.revoke(organization, made.get(i).clientId(), "admin")).isTrue();
    }
    // 10 clients are not revoked: of 20 requests at the same moment, 10 are made
    long madeNow = dev.frontierengage.SameMoment.taken(20, i -> () -> {
      try {
        clients.create(organization, "racing " + i, null, "admin");
        return true;
      } catch (ApiClients.LimitReached full) {
        return false;
      }
    });
    assertThat(madeNow).isEqualTo(10);
    List<ApiClients.ApiClient> active = clients.list(organization).stream().filter(c -> c.revokedAt() == null).toList();
    assertThat(active).hasSize(ApiClients.MAX_PER_ORGANIZATION);
    // a revoked client frees its place
    clients.revoke(organization, active.get(0).clientId(), "admin");
    assertThat(clients.create(organization, "after a revocation", null, "admin").clientId()).startsWith("cli_");
  }

  @Autowired
  javax.sql.DataSource dataSource;
  @Autowired
  org.springframework.transaction.PlatformTransactionManager transactions;

  @Test
  void aLimitedInsertRefusesToRunInsideAnotherTransaction() {
    dev.frontierengage.platform.OrganizationLimits limits = new dev.frontierengage.platform.OrganizationLimits(dataSource, transactions);
    new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(outer ->
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limits.alone("test", "inside", () -> "ran"))
            .isInstanceOf(IllegalStateException.class));
    assertThat(limits.alone("test", "inside", () -> "ran")).as("on its own").isEqualTo("ran");
  }

  /**
   * Two nodes (two instances, each with its own locks in its JVM) on one PostgreSQL database: while
   * one counts and inserts for an organization, the other waits for it (the advisory lock), and
   * goes on once it is done. H2 is opened by one node only.
   */
  @Test
  void onPostgreSQLTheLimitHoldsAcrossNodes() throws Exception {
    try (java.sql.Connection connection = dataSource.getConnection()) {
      org.junit.jupiter.api.Assumptions.assumeTrue("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()));
    }
    dev.frontierengage.platform.OrganizationLimits one = new dev.frontierengage.platform.OrganizationLimits(dataSource, transactions);
    dev.frontierengage.platform.OrganizationLimits other = new dev.frontierengage.platform.OrganizationLimits(dataSource, transactions);
    String organization = "nodes-" + UUID.randomUUID().toString().substring(0, 8);
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.Future<Object> first = pool.submit(() -> one.alone("test", organization, () -> {
        inside.countDown();
        try {
          return release.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }));
      assertThat(inside.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      java.util.concurrent.Future<String> second = pool.submit(() -> other.alone("test", organization, () -> "entered"));
      // while the first holds the organization, the second does not get in (it would at once without the lock)
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> second.get(1, java.util.concurrent.TimeUnit.SECONDS))
          .isInstanceOf(java.util.concurrent.TimeoutException.class);
      assertThat(other.alone("test", "another-" + organization, () -> "free")).as("another organization").isEqualTo("free");
      release.countDown();
      assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(true);
      assertThat(second.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("entered");
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static void assertRefused(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
        assertThat(challenge).startsWith("Bearer").contains("invalid_token"));
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("application/problem+json"));
  }

  private String newToken(String admin) throws Exception {
    JsonNode made = createClient(admin, "{\"name\":\"job " + UUID.randomUUID() + "\"}");
    return token(made.path("clientId").asText(), made.path("clientSecret").asText());
  }

  private JsonNode createClient(String admin, String body) throws Exception {
    HttpResponse<String> made = api("POST", "/api/clients", basic(admin), body);
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    return JSON.readTree(made.body());
  }

  private String token(String clientId, String secret) throws Exception {
    HttpResponse<String> response = tokenResponse(clientId, secret);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode token = JSON.readTree(response.body());
    assertThat(token.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(token.path("expires_in").asLong()).isBetween(1L, settings.accessTokenTtl().toSeconds());
    return token.path("access_token").asText();
  }

  private HttpResponse<String> tokenResponse(String clientId, String secret) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=engagements")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> assertionTokenResponse(String clientId, RSAKey key) throws Exception {
    // the assertion is checked against the server's wall clock
    return tokenWithAssertion(clientId, assertion(clientId, key, Instant.now(), Duration.ofSeconds(60)));
  }

  private SignedJWT assertion(String clientId, RSAKey key, Instant issued, Duration lifetime) throws Exception {
    return assertion(clientId, key, issued, issued.plus(lifetime));
  }

  /** An assertion issued at {@code issued} (none if {@code null}) that expires at {@code expires}. */
  private SignedJWT assertion(String clientId, RSAKey key, Instant issued, Instant expires) throws Exception {
    SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
        new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(settings.issuer())
            .issueTime(issued == null ? null : Date.from(issued)).expirationTime(Date.from(expires))
            .jwtID(UUID.randomUUID().toString()).build());
    assertion.sign(new RSASSASigner(key));
    return assertion;
  }

  private HttpResponse<String> tokenWithAssertion(String clientId, SignedJWT assertion) throws Exception {
    Map<String, String> form = Map.of("grant_type", "client_credentials", "scope", "engagements",
        "client_id", clientId,
        "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion", assertion.serialize());
    return client.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&")))).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A token signed with the server's own key, as the server would issue it, with one change. */
  private String mint(String clientId, Consumer<JwtClaimsSet.Builder> change) {
    ApiClients.Stored stored = clients.stored(clientId).orElseThrow();
    Instant now = EngineClock.instant();
    JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
        .issuer(settings.issuer()).subject(clientId).audience(List.of(settings.audience()))
        .issuedAt(now).notBefore(now).expiresAt(now.plus(Duration.ofMinutes(5)))
        .claim("scope", List.of(settings.scope()))
        .claim(settings.organizationClaim(), stored.organization())
        .claim(AuthorizationServerConfiguration.CREDENTIAL_VERSION_CLAIM, stored.credentialVersion());
    change.accept(claims);
    return new NimbusJwtEncoder(serverKeys).encode(JwtEncoderParameters.from(
        JwsHeader.with(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256).build(), claims.build()))
        .getTokenValue();
  }

  private static Map<String, Object> payloadOf(String token) throws Exception {
    return JSON.readValue(Base64.getUrlDecoder().decode(token.split("\\.")[1]), Map.class);
  }

  private HttpResponse<String> api(String method, String path, String authorization, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + ("admin".equals(user) ? "admin" : "demo"))
        .getBytes(StandardCharsets.UTF_8));
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  private static String inquiry(String model) {
    return "{\"modelName\":\"" + model + "\",\"modelVersion\":\"4.1\","
        + "\"description\":\"A frontier model with agentic coding abilities\","
        + "\"contactEmail\":\"security@acme.invalid\",\"plannedPartnerReleaseDate\":\""
        + EngineClock.today().plusDays(200) + "\"}";
  }

}
