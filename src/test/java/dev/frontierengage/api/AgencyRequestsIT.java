package dev.frontierengage.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.TestApplication;
import dev.frontierengage.TestClock;
import dev.frontierengage.api.ApiClient.Reply;
import dev.frontierengage.documents.MultipartBody;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.engagement.IntakeOutcome;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Property: whatever an agency reviewer sends to the agency documents API (any method and path of
 * it, an engagement its office has an open task on or not, uploads of every kind, name, type and
 * content, with or without {@code X-Requested-With}), the answer is never a 5xx, a refusal is
 * {@code application/problem+json} and writes no document, and a document is attached only by
 * access counsel, of the kind its open task attaches (the terms), on the engagement of that task.
 * {@code DocumentsIT} holds each rule by example; this draws the requests around them, with fixed
 * draws ({@link #SEED}).
 */
class AgencyRequestsIT {

  static final String SEED = "14409";

  static ConfigurableApplicationContext app;
  static JdbcTemplate jdbc;
  static final Map<String, ApiClient> reviewers = new LinkedHashMap<>();
  /** An engagement whose terms access counsel prepares now. */
  static String terms;
  /** An engagement waiting at intake. */
  static String intake;
  /** The developer's model card on {@link #terms}. */
  static String card;

  @BeforeContainer
  static void start() {
    TestClock.start();
    app = TestApplication.start("agency-requests-it");
    int port = TestApplication.port(app);
    jdbc = app.getBean(JdbcTemplate.class);
    for (String reviewer : List.of("access-counsel", "cisa", "nsa-intake")) {
      reviewers.put(reviewer, new ApiClient(port, reviewer, "demo"));
    }
    ApiClient alice = new ApiClient(port, "alice", "demo");
    EngagementDriver government = new EngagementDriver(app.getBean(ProcessEngine.class));
    intake = alice.post("/api/engagements", DeveloperApiIT.inquiry("Awaiting intake")).json().get("id").asText();
    terms = alice.post("/api/engagements", DeveloperApiIT.inquiry("Terms in preparation")).json().get("id").asText();
    MultipartBody upload = MultipartBody.upload("MODEL_CARD", "card.pdf", MultipartBody.pdf("Model card"));
    card = alice.send("POST", "/api/engagements/" + terms + "/documents", Map.of("Content-Type",
        upload.contentType()), upload.bytes()).json().get("id").asText();
    government.reviewIntake(terms, IntakeOutcome.ACCEPTED);
    government.recordBenchmark(terms, 90);
    government.consultAll(terms, List.of("national-cyber-director", "apst", "cisa", "dow"));
    government.decideDesignation(terms, true);
    assertThat(alice.post("/api/engagements/" + terms + "/access-offer", DeveloperApiIT.offer(1, 30, 60)).status())
        .isEqualTo(200);
  }

  @AfterContainer
  static void stop() {
    app.close();
    TestClock.reset();
  }

  /** A request drawn: who sends it, its method, path, headers and body (null: none). */
  record Drawn(String reviewer, String method, String path, Map<String, String> headers, byte[] body, String kind) {
    @Override
    public String toString() {
      return reviewer + " " + method + " " + path + " " + headers + " kind " + kind + " "
          + (body == null ? "(no body)" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.ISO_8859_1));
    }
  }

  @Property(tries = 300, seed = SEED)
  void aReviewersRequestIsNeverAServerErrorAndOnlyCounselAttachesTheTerms(@ForAll("requests") Drawn drawn) {
    long documents = count();
    Reply reply = reviewers.get(drawn.reviewer()).send(drawn.method(), drawn.path(), drawn.headers(), drawn.body());
    net.jqwik.api.statistics.Statistics.collect(reply.status());
    // the draws attach documents as well as refuse them: the property is never about refusals alone
    net.jqwik.api.statistics.Statistics.coverage(coverage -> coverage.check(201).count(attached -> attached >= 2));
    assertThat(reply.status()).as(drawn + " -> " + reply.body()).isLessThan(500);
    if (reply.status() >= 400) {
      assertThat(reply.contentType()).as(drawn + " -> " + reply.status() + " " + reply.body())
          .startsWith("application/problem+json");
      assertThat(count()).as("a refusal writes nothing: " + drawn).isEqualTo(documents);
    }
    if (count() > documents) {
      assertThat(drawn.reviewer() + " " + drawn.path() + " " + drawn.kind()).as(drawn + " -> " + reply.body())
          .isEqualTo("access-counsel /agency/api/engagements/" + terms + "/documents TERMS");
      assertThat(reply.status()).isEqualTo(201);
    }
    // an office without an open task on an engagement reads none of it (intake's task is on the other)
    if (!drawn.reviewer().equals("access-counsel") || !drawn.path().contains(terms)) {
      assertThat(reply.body()).as(drawn.toString()).doesNotContain("card.pdf", "Terms in preparation");
    }
    if (!drawn.reviewer().equals("nsa-intake")) {
      assertThat(reply.body()).as(drawn.toString()).doesNotContain("Awaiting intake");
    }
  }

  private static long count() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM fe_document", Long.class);
  }

  @Provide
  Arbitrary<Drawn> requests() {
    Arbitrary<String> reviewer = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.just("access-counsel")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("cisa", "nsa-intake")));
    Arbitrary<String> method = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, Arbitraries.just("POST")),
        net.jqwik.api.Tuple.of(3, Arbitraries.just("GET")), net.jqwik.api.Tuple.of(1, Arbitraries.of("PUT", "DELETE",
            "PATCH")));
    Arbitrary<String> engagement = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.just("{t}")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("{i}", "00000000-0000-0000-0000-000000000000", "%2e%2e", "x".repeat(300),
            "%25%00")));
    Arbitrary<String> rest = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.just("/documents")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("/documents/", "/documents/{d}", "/documents/{d}/content",
            "/documents/nope/content", "", "/documents/{d}/content/x")));
    Arbitrary<String> requestedWith = Arbitraries.of("XMLHttpRequest", "XMLHttpRequest", "fetch").injectNull(0.2);
    // now and then the upload counsel's page sends, so that the draws attach documents too
    Arbitrary<Drawn> sent = Arbitraries.just("terms.pdf").map(name -> {
      MultipartBody body = MultipartBody.upload("TERMS", name, MultipartBody.pdf("Terms drawn"));
      return new Drawn("access-counsel", "POST", "/agency/api/engagements/" + terms + "/documents",
          Map.of("Content-Type", body.contentType(), "X-Requested-With", "XMLHttpRequest"), body.bytes(), "TERMS");
    });
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, sent), net.jqwik.api.Tuple.of(9,
        drawn(reviewer, method, engagement, rest, requestedWith)));
  }

  private static Arbitrary<Drawn> drawn(Arbitrary<String> reviewer, Arbitrary<String> method,
      Arbitrary<String> engagement, Arbitrary<String> rest, Arbitrary<String> requestedWith) {
    return Combinators.combine(reviewer, method, engagement, rest, requestedWith, upload())
        .as((who, m, e, r, xhr, body) -> {
          String path = ("/agency/api/engagements/" + e + r).replace("{t}", terms).replace("{i}", intake)
              .replace("{d}", card);
          Map<String, String> headers = new LinkedHashMap<>();
          if (body.contentType() != null) {
            headers.put("Content-Type", body.contentType());
          }
          if (xhr != null) {
            headers.put("X-Requested-With", xhr);
          }
          return new Drawn(who, m, path, headers, m.equals("GET") ? null : body.bytes(), body.kind());
        });
  }

  /** A body: its Content-Type (null: none), its bytes and the kind it names (null: none). */
  record Body(String contentType, byte[] bytes, String kind) {}

  /** Uploads of every kind, name, part type and content, most of them multipart; and bodies that are not. */
  private static Arbitrary<Body> upload() {
    Arbitrary<String> kind = Arbitraries.of("TERMS", "TERMS", "TERMS", "MODEL_CARD", "BENCHMARK_REPORT", "FINDINGS",
        "OTHER", "terms", "", "TERMS ", "NOPE").injectNull(0.1);
    Arbitrary<String> filename = Arbitraries.of("terms.pdf", "terms.pdf", "../../etc/passwd", "", ".pdf",
        "t\u00e9rms \u0645.pdf", "x".repeat(300) + ".pdf", "terms.exe", "a\"b.pdf");
    Arbitrary<String> partType = Arbitraries.of("application/pdf", "application/octet-stream", "text/html",
        "a/b/c", "");
    Arbitrary<byte[]> content = Arbitraries.of(MultipartBody.pdf("Terms drawn"), new byte[0],
        "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII),
        new byte[] {'P', 'K', 3, 4, 0, 0}, "plain text terms".getBytes(StandardCharsets.US_ASCII));
    Arbitrary<Integer> extra = Arbitraries.integers().between(0, 4);
    Arbitrary<Body> multipart = Combinators.combine(kind, filename, partType, content, extra)
        .as((k, name, type, bytes, more) -> {
          MultipartBody body = new MultipartBody();
          if (k != null) {
            body.field("kind", k);
          }
          if (more != 1) {
            body.file("file", name, type, bytes);
          }
          if (more == 2) {
            body.file("file", name, type, bytes); // a second file
          }
          if (more == 3) {
            body.field("note", "an extra field");
          }
          return new Body(body.contentType(), body.bytes(), k);
        });
    Arbitrary<Body> other = Arbitraries.of(
        new Body("application/json", "{\"kind\":\"TERMS\"}".getBytes(StandardCharsets.US_ASCII), "TERMS"),
        new Body(null, new byte[0], null),
        new Body("multipart/form-data", "--x\r\n".getBytes(StandardCharsets.US_ASCII), null),
        new Body("multipart/form-data; boundary=x", "not multipart".getBytes(StandardCharsets.US_ASCII), null),
        new Body("text/plain", "TERMS".getBytes(StandardCharsets.US_ASCII), null),
        new Body("*/*", MultipartBody.pdf("Terms drawn"), null),
        new Body("multipart/*", "--x\r\n".getBytes(StandardCharsets.US_ASCII), null),
        new Body("multipart/form-data; boundary=x, text/plain", "--x--\r\n".getBytes(StandardCharsets.US_ASCII), null));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, multipart), net.jqwik.api.Tuple.of(1, other));
  }
}
