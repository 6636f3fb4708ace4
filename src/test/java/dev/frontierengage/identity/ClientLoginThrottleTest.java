package dev.frontierengage.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A client's failed authentication at the token endpoint is a failed login: audited without its
 * secret and counted against its address, which is then throttled (429, no secret checked) as
 * HTTP Basic's failures throttle it. The token endpoint was neither audited nor throttled: each
 * guess cost a bcrypt check, unlimited. ({@code ApiTokensIT} and {@code LoginThrottlingIT} send
 * such requests to the real endpoint.)
 */
class ClientLoginThrottleTest {

  private final AuditCapture audit = new AuditCapture();
  private final LoginThrottleTest.MutableClock clock = new LoginThrottleTest.MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(
      new SecuritySettings(null, null, 0, 2, 3, Duration.ofMinutes(10)), clock);
  private final ClientLoginThrottle filter = new ClientLoginThrottle(
      request -> "/oauth2/token".equals(request.getRequestURI()), throttle, new AuditLog());
  private final AtomicInteger secretsChecked = new AtomicInteger();

  @Test
  void failedClientLoginsAreAuditedAndThrottleTheAddressNotTheClient() throws Exception {
    int failedBefore = audit.lines("login.failed").size();
    for (int i = 0; i < 3; i++) {
      assertThat(token(basic("fec_guessed", "fes_guess-" + i), "10.0.0.1", 401).getStatus()).isEqualTo(401);
    }
    assertThat(audit.lines("login.failed").subList(failedBefore, audit.lines("login.failed").size()))
        .hasSize(3).allSatisfy(line -> assertThat(line).contains("\"actor\":\"fec_guessed\"",
            "\"path\":\"/oauth2/token\"").doesNotContain("fes_guess"));

    int checked = secretsChecked.get();
    MockHttpServletResponse throttled = token(basic("fec_other", "fes_right"), "10.0.0.1", 200);
    assertThat(throttled.getStatus()).as("even another client's right secret waits").isEqualTo(429);
    assertThat(throttled.getHeader("Retry-After")).isEqualTo("600");
    assertThat(throttled.getContentType()).startsWith("application/problem+json");
    assertThat(secretsChecked.get()).as("no secret checked").isEqualTo(checked);
    assertThat(audit.lines("login.throttled")).anySatisfy(line -> assertThat(line).contains("\"actor\":\"fec_other\""));

    assertThat(token(basic("fec_guessed", "fes_right"), "10.0.0.2", 200).getStatus())
        .as("the client itself, from another address").isEqualTo(200);
    assertThat(throttle.retryAfter(null, "10.0.0.1")).as("HTTP Basic's count for the address is its own").isZero();
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    assertThat(token(basic("fec_other", "fes_right"), "10.0.0.1", 200).getStatus()).as("once the window passed")
        .isEqualTo(200);
  }

  @Test
  void aClientIdInTheFormCountsAndARequestNamingNoClientIsNoLogin() throws Exception {
    int failedBefore = audit.lines("login.failed").size();
    MockHttpServletRequest assertion = request("10.0.0.3");
    assertion.addParameter("client_id", "fec_signed");
    assertion.addParameter("client_assertion", "eyJhbGciOiJSUzI1NiJ9.replayed.signature");
    assertThat(run(assertion, 401).getStatus()).isEqualTo(401);
    assertThat(run(request("10.0.0.3"), 401).getStatus()).isEqualTo(401);
    List<String> failed = audit.lines("login.failed");
    assertThat(failed.subList(failedBefore, failed.size())).singleElement().satisfies(line -> assertThat(line)
        .contains("\"actor\":\"fec_signed\"").doesNotContain("replayed"));
    String address = ClientLoginThrottle.ADDRESS + "10.0.0.3";
    assertThat(throttle.retryAfter(null, address)).isZero();
    throttle.failed(null, address);
    throttle.failed(null, address);
    assertThat(throttle.retryAfter(null, address)).as("the form's client counted: three of three").isPositive();
  }

  /** Guesses sent at once count while they are checked: the fourth of four at once is refused. */
  @Test
  void parallelGuessesCountWhileBeingCheckedAndAnIdNoClientHasIsAuditedAsSuch() throws Exception {
    int throttledBefore = audit.lines("login.throttled").size();
    List<Integer> answers = new java.util.ArrayList<>();
    nested(4, answers);
    assertThat(answers).as("innermost first").containsExactly(429, 401, 401, 401);
    assertThat(secretsChecked.get()).isEqualTo(3);
    List<String> throttled = audit.lines("login.throttled");
    assertThat(throttled.subList(throttledBefore, throttled.size())).singleElement()
        .satisfies(line -> assertThat(line).contains("\"actor\":\"(not a client id)\"").doesNotContain("xxxx"));
  }

  /** A request whose secret check sends the next one, {@code depth} deep, all from one address. */
  private void nested(int depth, List<Integer> answers) throws Exception {
    MockHttpServletRequest request = request("10.0.0.5");
    request.addHeader("Authorization", basic("x".repeat(100), "guess"));
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, (req, res) -> {
      secretsChecked.incrementAndGet();
      if (depth > 1) {
        try {
          nested(depth - 1, answers);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      ((MockHttpServletResponse) res).setStatus(401);
    });
    answers.add(response.getStatus());
  }

  @Test
  void otherEndpointsAreNotConcerned() throws Exception {
    MockHttpServletRequest other = request("10.0.0.4");
    other.setRequestURI("/oauth2/jwks");
    for (int i = 0; i < 5; i++) {
      run(other, 401);
    }
    assertThat(throttle.retryAfter(null, ClientLoginThrottle.ADDRESS + "10.0.0.4")).isZero();
  }

  private MockHttpServletResponse token(String authorization, String address, int answer) throws Exception {
    MockHttpServletRequest request = request(address);
    request.addHeader("Authorization", authorization);
    return run(request, answer);
  }

  private MockHttpServletResponse run(MockHttpServletRequest request, int answer) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, (req, res) -> {
      secretsChecked.incrementAndGet();
      ((MockHttpServletResponse) res).setStatus(answer);
    });
    return response;
  }

  private static MockHttpServletRequest request(String address) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
    request.setRemoteAddr(address);
    request.addParameter("grant_type", "client_credentials");
    return request;
  }

  private static String basic(String client, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }
}
