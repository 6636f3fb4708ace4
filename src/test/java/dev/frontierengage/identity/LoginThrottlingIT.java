package dev.frontierengage.identity;

import dev.frontierengage.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Repeated failed logins on the API and engine-rest are throttled per user and per address. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the failures test throttles 127.0.0.1: it goes last
class LoginThrottlingIT {

  static final AuditCapture AUDIT = new AuditCapture();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.properties("throttling-it").forEach((key, value) -> registry.add(key, () -> value));
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("frontier-engage.security.max-failures-per-user", () -> "3");
    registry.add("frontier-engage.security.max-failures-per-address", () -> "6");
  }

  @LocalServerPort
  int port;

  @Test
  @Order(2)
  void failuresThrottleTheUserThenTheAddress() {
    Http http = new Http(port);
    for (int i = 0; i < 3; i++) {
      assertThat(http.get("/engine-rest/task", "cisa", "guess-" + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> throttled = http.get("/engine-rest/task", "cisa", "demo");
    assertThat(throttled.statusCode()).as("even the right password waits").isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    assertThat(throttled.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(throttled.body()).contains("Too many failed logins");
    assertThat(http.get("/api/engagements", "cisa", "demo").statusCode())
        .as("the API shares the throttle").isEqualTo(429);

    assertThat(http.get("/engine-rest/task", "dow", "demo").statusCode())
        .as("another user from the same address is not yet throttled").isEqualTo(200);
    for (int i = 0; i < 3; i++) {
      assertThat(http.get("/api/engagements", "someone-" + i, "guess").statusCode()).isEqualTo(401);
    }
    assertThat(http.get("/engine-rest/task", "apst", "demo").statusCode())
        .as("six failures from one address throttle it").isEqualTo(429);

    // the token endpoint counts its own failures per address (staff sign-in exchanges its codes
    // there from the node's own address, which Basic's failures must not throttle)
    for (int i = 0; i < 6; i++) {
      assertThat(http.postForm("/oauth2/token", "grant_type=client_credentials", "fec_guessed", "fes_guess-" + i)
          .statusCode()).as("a client's failed login %d", i).isEqualTo(401);
    }
    HttpResponse<String> token = http.postForm("/oauth2/token", "grant_type=client_credentials", "fec_other", "fes_x");
    assertThat(token.statusCode()).as("six failures throttle the token endpoint for the address").isEqualTo(429);
    assertThat(token.headers().firstValue("Retry-After")).isPresent();
    assertThat(http.get("/engine-rest/task", "dow", "demo").statusCode())
        .as("credentials verified a moment ago are no guess and still pass").isEqualTo(200);

    assertThat(AUDIT.lines("login.failed")).filteredOn(line -> line.contains("\"actor\":\"cisa\""))
        .hasSize(3);
    assertThat(AUDIT.lines("login.failed")).filteredOn(line -> line.contains("\"actor\":\"someone-"))
        .hasSize(3);
    assertThat(AUDIT.lines("login.failed")).filteredOn(line -> line.contains("\"actor\":\"fec_guessed\""))
        .hasSize(6).allSatisfy(line -> assertThat(line).contains("/oauth2/token").doesNotContain("fes_guess"));
    assertThat(AUDIT.lines("login.throttled")).anySatisfy(line -> assertThat(line).contains("\"actor\":\"fec_other\""));
    assertThat(AUDIT.lines("login.throttled")).anySatisfy(line -> assertThat(line).contains("\"actor\":\"cisa\""));
  }

  @Test
  @Order(1)
  void manyParallelRequestsWithVerifiedCredentialsAreNeverTakenForGuesses() throws Exception {
    Http http = new Http(port);
    // nothing verified yet: 48 parallel first logins of one user, where the limits are 3 failures
    // per user and 6 per address; one password check runs, the others find it verified
    ExecutorService parallel = Executors.newFixedThreadPool(12);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 48; i++) {
        answers.add(parallel.submit(() -> http.get("/api/engagements", "bob", "demo").statusCode()));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get(1, TimeUnit.MINUTES)).as("limits are 3 per user and 6 per address").isEqualTo(200);
      }
    } finally {
      parallel.shutdownNow();
    }
    assertThat(AUDIT.lines("login.throttled")).noneSatisfy(line -> assertThat(line).contains("\"actor\":\"bob\""));
  }
}
