package dev.frontierengage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The whole designated-and-released engagement over HTTP: the developer's steps through the
 * developer API as {@code alice}, the agencies' through engine-rest as the reviewer of each group.
 */
final class HttpLifecycle implements LoadRun.Lifecycle {

  static final String API = "/api/engagements";
  static final String TASKS = "/engine-rest/task";

  private static final byte[] TERMS = dev.frontierengage.documents.MultipartBody.TERMS_PDF;

  private final BenchHttp http;

  HttpLifecycle(BenchHttp http) {
    this.http = http;
  }

  @Override
  public void run(LoadRun.Clock clock) throws Exception {
    String planned = EngineSteps.today().plusDays(60).toString();
    BenchHttp.Reply opened = http.post("POST " + API, API, "alice", "{\"modelName\":\"Roadrunner\","
        + "\"modelVersion\":\"4.1\",\"description\":\"A frontier model with agentic coding abilities\","
        + "\"contactEmail\":\"security@acme.invalid\",\"plannedPartnerReleaseDate\":\"" + planned + "\"}");
    expect(opened, 201, "open");
    String id = opened.json().get("id").asText();
    clock.stepDone();
    complete("nsa-intake", id, "UserTask_ReviewIntake", "{\"intakeOutcome\":{\"value\":\"ACCEPTED\"}}");
    clock.stepDone();
    complete("nsa-benchmark", id, "UserTask_RecordBenchmarkResults", "{\"scoreVulnerabilityDiscovery\":{\"value\":90},"
        + "\"scoreExploitDevelopment\":{\"value\":90},\"scoreNetworkOperations\":{\"value\":90},"
        + "\"scoreCriticalInfrastructure\":{\"value\":90},\"scoreAutonomousOperations\":{\"value\":90},"
        + "\"benchmarkSuiteVersion\":{\"value\":\"cyber-bench 2026.3\"}}");
    clock.stepDone();
    for (String office : EngineSteps.OFFICES) {
      complete(office, id, "UserTask_ProvideConsultation",
          "{\"position\":{\"value\":\"CONCUR\"},\"comment\":{\"value\":\"Reviewed by " + office + "\"}}");
      clock.stepDone();
    }
    complete("nsa-director", id, "UserTask_DecideDesignation", "{\"designated\":{\"value\":true},"
        + "\"decisionRationale\":{\"value\":\"CLASSIFIED-RATIONALE\"},"
        + "\"assessmentSummary\":{\"value\":\"The model meets the covered frontier model designation.\"}}");
    clock.stepDone();
    // from today: the window-opens timer is due at once and the node's job executor fires it
    developer(id, "access-offer", "{\"offerAccess\":true,\"accessStart\":\"" + EngineSteps.today()
        + "\",\"accessDays\":30,\"plannedPartnerReleaseDate\":\"" + planned + "\"}");
    clock.stepDone();
    Poll.until("UserTask_PrepareAccessTerms of " + id, () -> firstTask("access-counsel", TASKS
        + "?processInstanceBusinessKey=" + id + "&taskDefinitionKey=UserTask_PrepareAccessTerms"));
    expect(http.upload("POST /agency/api/engagements/{id}/documents", "/agency/api/engagements/" + id + "/documents",
        "access-counsel", dev.frontierengage.documents.MultipartBody.upload("TERMS", "terms.pdf", TERMS)), 201,
        "terms document");
    complete("access-counsel", id, "UserTask_PrepareAccessTerms", "{\"accessTermsReference\":{\"value\":\"TERMS-1\"}}");
    clock.stepDone();
    developer(id, "access-terms", "{\"accept\":true,\"acknowledgments\":{\"confidentiality\":true,"
        + "\"cybersecurity\":true,\"insiderRisk\":true,\"intellectualProperty\":true,\"use\":true,"
        + "\"nondisclosure\":true},\"termsSha256\":\"" + dev.frontierengage.documents.MultipartBody.sha256(TERMS)
        + "\"}");
    clock.stepDone();
    JsonNode proposed = developer(id, "trusted-partners", "{\"partners\":[{\"name\":\"CISA Lab\","
        + "\"category\":\"FEDERAL_AGENCY\",\"contactEmail\":\"security@cisa-lab.invalid\"}]}");
    String partner = proposed.get("trustedPartners").get(0).get("id").asText();
    clock.stepDone();
    complete("cisa", id, "UserTask_VetTrustedPartners", "{\"partnerApproved\":{\"value\":true},"
        + "\"vettingReason\":{\"value\":\"Vetted " + partner + "\"}}");
    clock.stepDone();
    complete("nsa-evaluation", id, "UserTask_EvaluateModel", "{\"evaluationFindings\":{\"value\":\"CLASSIFIED-FINDINGS\"}}");
    clock.stepDone();
    developer(id, "release", "{\"releasedAt\":\"" + Instant.now() + "\"}");
    clock.stepDone();
  }

  /** A developer action; answered with the engagement's detail. */
  private JsonNode developer(String id, String action, String body) throws Exception {
    BenchHttp.Reply reply = http.post("POST " + API + "/{id}/" + action, API + "/" + id + "/" + action, "alice", body);
    expect(reply, 200, action);
    return reply.json();
  }

  /** Finds the reviewer's task (waiting for it if the engine creates it later) and completes it. */
  private void complete(String reviewer, String id, String taskKey, String variables) throws Exception {
    String query = TASKS + "?processInstanceBusinessKey=" + id + "&taskDefinitionKey=" + taskKey
        + "&candidateGroup=" + reviewer;
    for (int attempt = 1; ; attempt++) {
      String task = Poll.until(taskKey + " of " + id, () -> firstTask(reviewer, query));
      // the reviewer opens the task's form, as Tasklist asks for it
      expect(http.get("GET " + TASKS + "/{id}/form-variables", TASKS + "/" + task + "/form-variables?deserializeValues=false",
          reviewer), 200, taskKey + " form");
      BenchHttp.Reply done = http.post("POST " + TASKS + "/{id}/complete", TASKS + "/" + task + "/complete",
          reviewer, "{\"variables\":" + variables + "}");
      if (done.status() == 204) {
        return;
      }
      if (done.status() != 409 || attempt == 5) { // 409: a parallel branch changed the instance first
        expect(done, 204, taskKey);
      }
    }
  }

  private String firstTask(String reviewer, String query) {
    try {
      BenchHttp.Reply found = http.get("GET " + TASKS, query, reviewer);
      expect(found, 200, "task query");
      JsonNode tasks = found.json();
      return tasks.isEmpty() ? null : tasks.get(0).get("id").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void expect(BenchHttp.Reply reply, int status, String what) {
    if (reply.status() != status) {
      throw new IllegalStateException(what + ": " + reply.status() + " " + reply.body());
    }
  }
}
