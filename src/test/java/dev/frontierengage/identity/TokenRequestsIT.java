package dev.frontierengage.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.frontierengage.TestApplication;
import dev.frontierengage.TestClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Property: whatever a program sends to the embedded authorization server (its token endpoint and
 * the endpoints beside it: any method, form fields of every kind, a client's right or wrong
 * secret, assertions signed by the client's key, by another key, by none, or not JWTs at all,
 * any Authorization and Content-Type headers), the answer is never a 5xx, and a token is issued
 * only to a client that proved itself: its secret sent right, or an assertion signed by its key.
 * {@link ApiTokensIT} holds each rule by example; this draws the requests around them. The draws
 * are fixed ({@link #SEED}); looking for more is running it with another seed.
 */
class TokenRequestsIT {

  static final String SEED = "14409";
  static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  private static final ObjectMapper JSON = new ObjectMapper();

  static ConfigurableApplicationContext app;
  static String base;
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static String secretClient;
  static String secret;
  static String keyClient;
  static RSAKey key;
  static RSAKey otherKey;
  static String issuer;

  @BeforeContainer
  static void start() throws Exception {
    TestClock.start();
    app = TestApplication.start("token-requests-it",
        // the draws fail clients' logins on purpose, far more often than a throttle lets one address
        "--frontier-engage.security.max-failures-per-address=1000000");
    base = "http://127.0.0.1:" + TestApplication.port(app);
    issuer = app.getBean(OAuthSettings.class).issuer();
    JsonNode made = createClient("{\"name\":\"drawn secret\"}");
    secretClient = made.path("clientId").asText();
    secret = made.path("clientSecret").asText();
    key = new RSAKeyGenerator(2048).keyID("drawn-key").generate();
    otherKey = new RSAKeyGenerator(2048).keyID("drawn-key").generate();
    keyClient = createClient("{\"name\":\"drawn key\",\"publicKey\":" + key.toPublicJWK().toJSONString() + "}")
        .path("clientId").asText();
  }

  private static JsonNode createClient(String body) throws Exception {
    HttpResponse<String> made = http.send(HttpRequest.newBuilder(URI.create(base + "/api/clients"))
        .header("Authorization", basic("alice", "demo")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    return JSON.readTree(made.body());
  }

  @AfterContainer
  static void stop() {
    app.close();
    TestClock.reset();
  }

  /** A request drawn: its method, path, headers and form fields (in order; a field may repeat). */
  record Drawn(String method, String path, Map<String, String> headers, List<Map.Entry<String, String>> form,
      boolean proved) {
    @Override
    public String toString() {
      return method + " " + path + " " + headers + " " + form;
    }
  }

  @Property(tries = 300, seed = SEED)
  void aTokenRequestIsNeverAServerErrorAndATokenGoesOnlyToAClientThatProvedItself(@ForAll("requests") Drawn drawn)
      throws Exception {
    String body = drawn.form().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
        .collect(Collectors.joining("&"));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + drawn.path())).method(drawn.method(),
        drawn.method().equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    drawn.headers().forEach(request::header);
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    boolean token = issued(answer.body());
    net.jqwik.api.statistics.Statistics.collect(answer.statusCode(), token);
    // the draws issue tokens as well as refuse them: the property is never about refusals alone
    net.jqwik.api.statistics.Statistics.coverage(coverage -> {
      coverage.check(200, true).count(issuedTokens -> issuedTokens >= 3);
      coverage.check(401, false).count(refused -> refused >= 30);
    });
    assertThat(answer.statusCode()).as(drawn + " -> " + answer.body()).isLessThan(500);
    if (answer.statusCode() >= 400 && !drawn.path().equals("/userinfo")) {
      // a refusal says why, in JSON (OAuth's error format, or a problem); /userinfo asks for a token, as OpenID's does
      assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(drawn + " -> " + answer.body())
          .contains("json");
      assertThat(JSON.readTree(answer.body()).isObject()).as(drawn + " -> " + answer.body()).isTrue();
    }
    if (token) {
      assertThat(drawn.proved()).as("a token for a client that did not prove itself: " + drawn + " -> "
          + answer.body()).isTrue();
    }
    assertThat(answer.body()).as(drawn.toString()).doesNotContain(secret);
  }

  /** Whether {@code body} is a token response: a JSON object with an {@code access_token}. */
  private static boolean issued(String body) {
    try {
      return JSON.readTree(body).hasNonNull("access_token");
    } catch (Exception notJson) {
      return false;
    }
  }

  @Provide
  Arbitrary<Drawn> requests() {
    Arbitrary<String> method = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.just("POST")), net.jqwik.api.Tuple.of(1, Arbitraries.of("GET", "PUT",
            "DELETE", "PATCH", "OPTIONS")));
    Arbitrary<String> path = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.just("/oauth2/token")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("/oauth2/token/", "/oauth2/jwks", "/oauth2/authorize",
            "/oauth2/introspect", "/oauth2/revoke", "/.well-known/oauth-authorization-server",
            "/.well-known/openid-configuration", "/oauth2/nope", "/oauth2/token;x=1", "/userinfo", "/connect/register")));
    Arbitrary<String> contentType = Arbitraries.of("application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded;charset=UTF-8", "application/json", "multipart/form-data", "text/plain",
        "*/*", "a/b/c").injectNull(0.15);
    Arbitrary<String> accept = Arbitraries.of("application/json", "*/*", "text/html", "nope").injectNull(0.6);
    // who the request says it is: 0 nobody, 1 the secret client right, 2 wrong, 3 garbage, 4 another scheme
    Arbitrary<Integer> basic = Arbitraries.integers().between(0, 6);
    Arbitrary<Integer> assertion = Arbitraries.integers().between(0, 8);
    Arbitrary<List<Map.Entry<String, String>>> fields = field().list().ofMaxSize(5);
    // mostly requests drawn whole; now and then the request a client sends, with its secret or its
    // key's assertion, so that the draws issue tokens too
    Arbitrary<Drawn> sent = Arbitraries.of(1, 9).map(proof -> {
      List<Map.Entry<String, String>> form = new ArrayList<>(List.of(Map.entry("grant_type", "client_credentials"),
          Map.entry("scope", "engagements")));
      Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", "application/x-www-form-urlencoded"));
      if (proof == 1) {
        headers.put("Authorization", basic(secretClient, secret));
      } else {
        form.add(Map.entry("client_assertion_type", JWT_BEARER));
        form.add(Map.entry("client_assertion", assertion(1)));
        form.add(Map.entry("client_id", keyClient));
      }
      return new Drawn("POST", "/oauth2/token", headers, form, true);
    });
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, sent), net.jqwik.api.Tuple.of(6, drawn(method, path,
        contentType, accept, basic, assertion, fields)));
  }

  private static Arbitrary<Drawn> drawn(Arbitrary<String> method, Arbitrary<String> path, Arbitrary<String> contentType,
      Arbitrary<String> accept, Arbitrary<Integer> basic, Arbitrary<Integer> assertion,
      Arbitrary<List<Map.Entry<String, String>>> fields) {
    return Combinators.combine(method, path, contentType, accept, basic, assertion, fields)
        .as((m, p, type, accepted, who, signed, more) -> {
          Map<String, String> headers = new LinkedHashMap<>();
          if (type != null) {
            headers.put("Content-Type", type);
          }
          if (accepted != null) {
            headers.put("Accept", accepted);
          }
          boolean proved = false;
          switch (who) {
            case 1 -> {
              headers.put("Authorization", basic(secretClient, secret));
              proved = true;
            }
            case 2 -> headers.put("Authorization", basic(secretClient, "wrong"));
            case 3 -> headers.put("Authorization", "Basic !!!not-base64");
            case 4 -> headers.put("Authorization", "Bearer " + "x".repeat(40));
            case 5 -> headers.put("Authorization", basic("alice", "demo")); // a person, not a client
            default -> { }
          }
          List<Map.Entry<String, String>> form = new ArrayList<>(more);
          String jwt = assertion(signed);
          if (jwt != null) {
            form.add(Map.entry("client_assertion_type", JWT_BEARER));
            form.add(Map.entry("client_assertion", jwt));
            form.add(Map.entry("client_id", keyClient));
            proved = proved || signed == 1;
          }
          return new Drawn(m, p, headers, form, proved);
        });
  }

  /** A form field, mostly those the token endpoint reads. */
  private static Arbitrary<Map.Entry<String, String>> field() {
    Arbitrary<String> name = Arbitraries.of("grant_type", "grant_type", "scope", "client_id", "client_secret",
        "client_assertion_type", "client_assertion", "code", "redirect_uri", "refresh_token", "resource", "x");
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.of("client_credentials", "client_credentials", "authorization_code", "refresh_token", "password",
            "urn:ietf:params:oauth:grant-type:jwt-bearer", "urn:ietf:params:oauth:grant-type:token-exchange",
            "engagements", "openid", "engagements openid", "", " ", JWT_BEARER, "https://evil.invalid/cb",
            "\u0000", "a.b.c", "x".repeat(5_000)),
        Arbitraries.of("secret", "key", "nobody").map(which -> switch (which) {
          case "secret" -> secretClient;
          case "key" -> keyClient;
          default -> "cli_nobody";
        }),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30));
    return Combinators.combine(name, value).as(Map::entry);
  }

  /**
   * An assertion for the key client: 0 none, 1 signed by its key and good, 2 by another key with
   * the same key id, 3 unsigned ({@code alg: none}), 4 signed with a shared secret, 5 expired, 6
   * for another audience, 7 not a JWT, 8 its parts garbled.
   */
  private static String assertion(int kind) {
    try {
      Instant now = Instant.now(); // the server checks an assertion against its wall clock
      JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(keyClient).subject(keyClient).audience(issuer)
          .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60))).jwtID(UUID.randomUUID().toString());
      return switch (kind) {
        case 1 -> signed(key, claims.build());
        case 2 -> signed(otherKey, claims.build());
        case 3 -> Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(
            StandardCharsets.UTF_8)) + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
            claims.build().toString().getBytes(StandardCharsets.UTF_8)) + ".";
        case 4 -> {
          SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
              claims.build());
          jwt.sign(new MACSigner("a shared secret of at least thirty-two bytes"));
          yield jwt.serialize();
        }
        case 5 -> signed(key, claims.issueTime(Date.from(now.minusSeconds(600)))
            .expirationTime(Date.from(now.minusSeconds(300))).build());
        case 6 -> signed(key, claims.audience("https://elsewhere.invalid").build());
        case 7 -> "not-a-jwt";
        case 8 -> signed(key, claims.build()).replace('.', '!');
        default -> null;
      };
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String signed(RSAKey with, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(with));
    return jwt.serialize();
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
