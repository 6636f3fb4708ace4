package dev.frontierengage.api;

import dev.frontierengage.TestApplication;
import dev.frontierengage.TestClock;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.engagement.IntakeOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.api.ApiClient.Reply;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Property: whatever malformed body a developer sends to an action, the answer is never a 5xx
 * and the engagement does not change. At least 1,000 bodies per action.
 */
class MalformedBodiesIT {

  static final String BASE = "/api/engagements";
  static final Set<String> FIELDS = Set.of("modelName", "modelVersion", "description",
      "contactEmail", "plannedPartnerReleaseDate", "text", "offerAccess", "accessStart",
      "accessDays", "accept", "acknowledgments", "partners", "releasedAt", "reason");

  static ConfigurableApplicationContext app;
  static ApiClient alice;
  static String clarifying;
  static String deciding;
  static String accepting;
  static String inWindow;
  static String awaitingRelease;

  @BeforeContainer
  static void start() {
    TestClock.start();
    app = TestApplication.start("malformed-it");
    int port = TestApplication.port(app);
    alice = new ApiClient(port, "alice", "demo");
    EngagementDriver government = new EngagementDriver(app.getBean(ProcessEngine.class));
    clarifying = open();
    government.reviewIntake(clarifying, IntakeOutcome.CLARIFICATION_NEEDED);
    deciding = designated(government);
    accepting = designated(government);
    alice.post(BASE + "/" + accepting + "/access-offer", DeveloperApiIT.offer(1, 30, 60));
    government.prepareTerms(accepting);
    inWindow = designated(government);
    alice.post(BASE + "/" + inWindow + "/access-offer", DeveloperApiIT.offer(1, 30, 60));
    government.prepareTerms(inWindow);
    alice.post(BASE + "/" + inWindow + "/access-terms", DeveloperApiIT.terms(true));
    awaitingRelease = designated(government);
    alice.post(BASE + "/" + awaitingRelease + "/access-offer", DeveloperApiIT.offer(1, 30, 60));
    government.prepareTerms(awaitingRelease);
    alice.post(BASE + "/" + awaitingRelease + "/access-terms", DeveloperApiIT.terms(true));
    alice.post(BASE + "/" + awaitingRelease + "/trusted-partners", DeveloperApiIT.partners("CISA Lab"));
    government.vetPartners(awaitingRelease);
    alice.post(BASE + "/" + awaitingRelease + "/access-window/end", "");
    assertThat(stage(awaitingRelease)).contains("\"stage\":\"AWAITING_RELEASE\"");
  }

  @AfterContainer
  static void stop() {
    app.close();
    TestClock.reset();
  }

  @Property(tries = 1000)
  void openingRefusesMalformedInquiries(@ForAll("malformed") String body) {
    long before = alice.get(BASE + "?size=1").json().get("total").asLong();
    assertRefused(alice.post(BASE, body));
    assertThat(alice.get(BASE + "?size=1").json().get("total").asLong()).isEqualTo(before);
  }

  @Property(tries = 1000)
  void clarificationRefusesMalformedBodies(@ForAll("malformed") String body) {
    unchanged(clarifying, "clarification", body);
  }

  @Property(tries = 1000)
  void accessOfferRefusesMalformedBodies(@ForAll("malformed") String body) {
    unchanged(deciding, "access-offer", body);
  }

  @Property(tries = 1000)
  void accessTermsRefusesMalformedBodies(@ForAll("malformed") String body) {
    unchanged(accepting, "access-terms", body);
  }

  @Property(tries = 1000)
  void trustedPartnersRefusesMalformedBodies(@ForAll("malformed") String body) {
    unchanged(inWindow, "trusted-partners", body);
  }

  @Property(tries = 1000)
  void endingAccessRefusesMalformedBodies(@ForAll("malformed") String body) {
    unchanged(inWindow, "access-window/end", body);
  }

  @Property(tries = 1000)
  void releaseRefusesMalformedBodies(@ForAll("malformed") String body) {
    unchanged(awaitingRelease, "release", body);
  }

  @Property(tries = 1000)
  void withdrawalRefusesMalformedBodies(@ForAll("malformed") String body) {
    unchanged(clarifying, "withdrawal", body);
  }

  /** Bodies no action accepts: not JSON, unknown fields, wrong types, broken constraints. */
  @Provide
  Arbitrary<String> malformed() {
    Arbitrary<String> anyText = Arbitraries.strings().ofMaxLength(120)
        .filter(text -> !Set.of("", "{}", "null").contains(text.strip()));
    Arbitrary<String> field = Arbitraries.of(FIELDS);
    Arbitrary<String> wrongValue = Arbitraries.oneOf(
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.of("true", "false", "null", "[]", "{}", "1.5", "\"\"", "[1,2]", "{\"a\":1}"),
        Arbitraries.strings().alpha().ofMaxLength(30).map(s -> "\"" + s + "\""));
    Arbitrary<String> unknownField = Combinators.combine(field, wrongValue,
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12))
        .as((known, value, unknown) -> "{\"" + known + "\":" + value + ",\"x" + unknown + "\":" + value + "}");
    Arbitrary<String> notAScalar = Arbitraries.of("[]", "{}", "[1,2]", "{\"a\":1}", "[\"x\"]", "null");
    Arbitrary<String> wrongTypes = Combinators.combine(field, notAScalar)
        .as((name, value) -> "{\"" + name + "\":" + value + "}");
    Arbitrary<String> truncated = Combinators.combine(field, wrongValue)
        .as((name, value) -> "{\"" + name + "\":" + value);
    Arbitrary<String> overlong = Arbitraries.of("text", "reason", "modelName")
        .map(name -> "{\"" + name + "\":\"" + "x".repeat(10_001) + "\"}");
    return Arbitraries.oneOf(anyText, unknownField, wrongTypes, truncated, overlong);
  }

  private static void unchanged(String id, String action, String body) {
    String before = stage(id);
    assertRefused(alice.post(BASE + "/" + id + "/" + action, body));
    assertThat(stage(id)).isEqualTo(before);
  }

  private static void assertRefused(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
    assertThat(reply.contentType()).startsWith("application/problem+json");
  }

  /** What a developer can observe of the engagement's state. */
  private static String stage(String id) {
    var detail = alice.get(BASE + "/" + id).json();
    return "\"stage\":\"" + detail.get("stage").asText() + "\"" + detail.get("openActions")
        + detail.get("timeline") + detail.path("trustedPartners") + detail.path("accessWindow");
  }

  private static String open() {
    Reply reply = alice.post(BASE, DeveloperApiIT.inquiry("Fuzzed"));
    assertThat(reply.status()).isEqualTo(201);
    return reply.json().get("id").asText();
  }

  private static String designated(EngagementDriver government) {
    String id = open();
    government.reviewIntake(id, IntakeOutcome.ACCEPTED);
    government.recordBenchmark(id, 90);
    government.consultAll(id, List.of("national-cyber-director", "apst", "cisa", "dow"));
    government.decideDesignation(id, true);
    return id;
  }
}
