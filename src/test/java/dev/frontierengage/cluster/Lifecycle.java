package dev.frontierengage.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Drives one engagement over HTTP from inquiry to release to trusted partners, as a careful
 * client of a cluster would: each request goes to the next live node; a {@code 409} for a
 * concurrent change is sent again; a request lost with its node is checked and, if it did not
 * take effect, sent again to another node. The consultation round is left to its timer, and
 * the access window opens by its timer (start today), so both come from the job executors.
 */
final class Lifecycle {

  static final List<String> RETRYABLE = List.of("Concurrent change", "OptimisticLockingException",
      "completed or cancelled meanwhile");

  private final NodeClient client;
  private final Supplier<Node> nodes;
  private final Duration waitForTimer;

  Lifecycle(NodeClient client, Supplier<Node> nodes, Duration waitForTimer) {
    this.client = client;
    this.nodes = nodes;
    this.waitForTimer = waitForTimer;
  }

  /** Opens engagement number {@code i}; the idempotency key makes a resend safe. */
  String open(int i) throws Exception {
    String body = "{\"modelName\":\"Cluster " + i + "\",\"modelVersion\":\"1\",\"description\":\"d\","
        + "\"contactEmail\":\"a@acme.invalid\",\"plannedPartnerReleaseDate\":\"" + today().plusDays(60) + "\"}";
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<String> opened = client.send(nodes.get(), "POST", "/api/engagements", "alice", body, "cluster-" + i);
        if (opened.statusCode() == 201 || opened.statusCode() == 200) {
          return NodeClient.json(opened).get("id").asText();
        }
        retryOrFail("open " + i, opened, attempt);
      } catch (IOException lostWithItsNode) {
        lost("open " + i, attempt, lostWithItsNode);
      }
    }
  }

  static final String INTAKE_ACCEPTED = "{\"intakeOutcome\":{\"value\":\"ACCEPTED\"}}";

  void intake(String id) throws Exception {
    complete(id, "nsa-intake", "UserTask_ReviewIntake", INTAKE_ACCEPTED, Duration.ZERO);
  }

  /** The benchmark results open the consultation round, whose timer then runs. */
  void benchmark(String id) throws Exception {
    complete(id, "nsa-benchmark", "UserTask_RecordBenchmarkResults",
        "{\"scoreVulnerabilityDiscovery\":{\"value\":90},\"scoreExploitDevelopment\":{\"value\":90},"
            + "\"scoreNetworkOperations\":{\"value\":90},\"scoreCriticalInfrastructure\":{\"value\":90},"
            + "\"scoreAutonomousOperations\":{\"value\":90},\"benchmarkSuiteVersion\":{\"value\":\"b1\"}}",
        Duration.ZERO);
  }

  /** From the consultation round (closed by its timer) to the release to trusted partners. */
  void fromConsultationToRelease(String id) throws Exception {
    complete(id, "nsa-director", "UserTask_DecideDesignation", "{\"designated\":{\"value\":true},"
        + "\"decisionRationale\":{\"value\":\"CLASSIFIED\"},\"assessmentSummary\":{\"value\":\"Covered.\"}}",
        waitForTimer);
    offerAccessFromToday(id);
    attachTerms(id);
    complete(id, "access-counsel", "UserTask_PrepareAccessTerms",
        "{\"accessTermsReference\":{\"value\":\"TERMS-" + id + "\"}}", Duration.ZERO);
    act(id, "access-terms", "{\"accept\":true,\"acknowledgments\":{\"confidentiality\":true,\"cybersecurity\":true,"
        + "\"insiderRisk\":true,\"intellectualProperty\":true,\"use\":true,\"nondisclosure\":true},"
        + "\"termsSha256\":\"" + dev.frontierengage.documents.MultipartBody.sha256(TERMS) + "\"}");
    act(id, "trusted-partners", "{\"partners\":[{\"name\":\"CISA Lab\",\"category\":\"FEDERAL_AGENCY\","
        + "\"contactEmail\":\"lab@cisa.invalid\"}]}");
    complete(id, "cisa", "UserTask_VetTrustedPartners", "{\"partnerApproved\":{\"value\":true},"
        + "\"vettingReason\":{\"value\":\"Vetted\"}}", Duration.ZERO);
    complete(id, "nsa-evaluation", "UserTask_EvaluateModel", "{\"evaluationFindings\":{\"value\":\"CLASSIFIED\"}}",
        waitForTimer);
    act(id, "release", "{\"releasedAt\":\"" + Instant.now() + "\"}"); // not before it was opened
  }

  private static final byte[] TERMS = dev.frontierengage.documents.MultipartBody.TERMS_PDF;

  /**
   * Access counsel attaches the terms document once its task is open; after a lost request it is
   * sent again only if no terms document is attached yet.
   */
  private void attachTerms(String id) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    String path = "/agency/api/engagements/" + id + "/documents";
    for (int attempt = 1; ; attempt++) {
      try {
        if (client.tasks(nodes.get(), "access-counsel", id, "UserTask_PrepareAccessTerms").isEmpty()) {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("UserTask_PrepareAccessTerms of " + id + " did not appear by " + deadline);
          }
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // poll interval, bounded by the deadline
          attempt--;
          continue;
        }
        if (attempt > 1 && client.get(nodes.get(), path, "access-counsel").get("documents").size() > 0) {
          return; // the lost upload had taken effect
        }
        HttpResponse<String> done = client.upload(nodes.get(), path, "access-counsel",
            dev.frontierengage.documents.MultipartBody.upload("TERMS", "terms.pdf", TERMS));
        if (done.statusCode() == 201) {
          return;
        }
        retryOrFail("terms document of " + id, done, attempt);
      } catch (IOException lostWithItsNode) {
        lost("terms document of " + id, attempt, lostWithItsNode);
      }
    }
  }

  /** The engagement as its developer sees it, from any live node. */
  JsonNode detail(String id) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.get(nodes.get(), "/api/engagements/" + id, "alice");
      } catch (IOException lostWithItsNode) {
        lost("detail " + id, attempt, lostWithItsNode);
      }
    }
  }

  private void complete(String id, String user, String taskKey, String variables, Duration appearWithin)
      throws Exception {
    Instant deadline = Instant.now().plus(appearWithin).plusSeconds(30);
    boolean sent = false;
    for (int attempt = 1; ; attempt++) {
      try {
        List<String> open = client.tasks(nodes.get(), user, id, taskKey);
        if (open.isEmpty()) {
          if (sent) {
            return; // a completion lost with its node had taken effect
          }
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(taskKey + " of " + id + " did not appear by " + deadline);
          }
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // poll interval, bounded by the deadline
          attempt--;
          continue;
        }
        sent = true;
        HttpResponse<String> done = client.send(nodes.get(), "POST", "/engine-rest/task/" + open.get(0) + "/complete",
            user, "{\"variables\":" + variables + "}");
        if (done.statusCode() == 204) {
          return;
        }
        retryOrFail(taskKey + " of " + id, done, attempt);
      } catch (IOException lostWithItsNode) {
        lost(taskKey + " of " + id, attempt, lostWithItsNode);
      }
    }
  }

  /**
   * Offers access from the server's today, so the window opens at once; a midnight passing
   * between reading the date and the offer makes the start a past day (422): read it again.
   */
  private void offerAccessFromToday(String id) throws Exception {
    for (int attempt = 1; ; attempt++) {
      LocalDate today = today();
      try {
        act(id, "access-offer", "{\"offerAccess\":true,\"accessStart\":\"" + today + "\",\"accessDays\":30,"
            + "\"plannedPartnerReleaseDate\":\"" + today.plusDays(60) + "\"}");
        return;
      } catch (IllegalStateException refused) {
        if (attempt >= 2 || !String.valueOf(refused.getMessage()).contains("is in the past")) {
          throw refused;
        }
      }
    }
  }

  /** A developer action; after a lost request it is resent only if it is still open. */
  private void act(String id, String action, String body) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        if (attempt > 1 && !openActions(id).contains(action)) {
          return; // the lost request had taken effect
        }
        HttpResponse<String> done = client.send(nodes.get(), "POST", "/api/engagements/" + id + "/" + action,
            "alice", body);
        if (done.statusCode() == 200) {
          return;
        }
        retryOrFail(action + " of " + id, done, attempt);
      } catch (IOException lostWithItsNode) {
        lost(action + " of " + id, attempt, lostWithItsNode);
      }
    }
  }

  private List<String> openActions(String id) throws Exception {
    List<String> open = new java.util.ArrayList<>();
    detail(id).get("openActions").forEach(action -> open.add(action.asText()));
    return open;
  }

  private void retryOrFail(String what, HttpResponse<String> response, int attempt) {
    boolean retryable = response.statusCode() == 409 && RETRYABLE.stream().anyMatch(response.body()::contains);
    if (!retryable || attempt >= 5) {
      throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
    }
  }

  private void lost(String what, int attempt, IOException e) {
    if (attempt >= 5) {
      throw new IllegalStateException(what + ": no node answered", e);
    }
  }

  /** The date on the nodes' clock (the engine's), not the test's. */
  private LocalDate today() throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.today(nodes.get());
      } catch (IOException lostWithItsNode) {
        lost("today", attempt, lostWithItsNode);
      }
    }
  }
}
