package dev.frontierengage.bench;

import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.engagement.EngagementProcess.Elements;
import dev.frontierengage.engagement.EngagementProcess.Messages;
import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.partners.PartnerRecord;
import dev.frontierengage.partners.PartnerSelectionProcess;
import dev.frontierengage.process.JsonVariables;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;

/**
 * The steps of an engagement through the engine's Java API, as the developer API and
 * engine-rest perform them: the developer's steps unauthenticated against the organization's
 * tasks (as {@code EngagementActions}), each reviewer's authenticated as the demo user of their
 * group (as engine-rest). No HTTP, no Spring Security, no API reads; what a reviewer sees before
 * deciding (the partners awaiting vetting) is read from the engagement's record.
 */
final class EngineSteps {

  static final List<String> OFFICES = List.of("national-cyber-director", "apst", "cisa", "dow");

  private final ProcessEngine engine;
  private final PartnerRecord partners;

  private final dev.frontierengage.documents.Documents documents;

  /**
   * Our application's steps: its engine, and its own beans for what counsel and the developer do
   * besides the engine (as its controllers call them: a document is attached in one transaction).
   */
  EngineSteps(InProcessApp app) {
    this.engine = app.engine();
    this.documents = app.bean(dev.frontierengage.documents.Documents.class);
    this.partners = app.bean(PartnerRecord.class);
  }

  /** The same steps on our models with stub beans (anchor (a)): no record, no documents. */
  private EngineSteps(ProcessEngine engine) {
    this.engine = engine;
    this.documents = null;
    this.partners = null;
  }

  static EngineSteps onStubs(ProcessEngine engine) {
    return new EngineSteps(engine);
  }

  static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  void open(String id, String organization) {
    // as the developer API opens one (transient values), in every variant
    engine.getRuntimeService().startProcessInstanceByKey(EngagementProcess.PROCESS_ID, id,
        EngagementProcess.inquiry(organization, "Roadrunner", "4.1", "A frontier model with agentic coding abilities",
            "security@" + organization + ".invalid", today().plusDays(60).toString()));
  }

  void reviewIntake(String id, boolean accepted) {
    Map<String, Object> review = new HashMap<>();
    review.put(Vars.INTAKE_OUTCOME, accepted ? "ACCEPTED" : "CLARIFICATION_NEEDED");
    review.put(Vars.INTAKE_NOTE, accepted ? null : "Which base model?");
    asReviewer("nsa-intake", id, Elements.REVIEW_INTAKE, review);
  }

  void clarify(String id, String organization) {
    asDeveloper(id, organization, Elements.PROVIDE_CLARIFICATION,
        Map.of(Vars.CLARIFICATION_TEXT, "A fine-tune of Roadrunner 4.0"));
  }

  void recordBenchmark(String id) {
    asReviewer("nsa-benchmark", id, DesignationProcess.Elements.RECORD_BENCHMARK_RESULTS,
        EngagementDriver.benchmark(90));
  }

  void consult(String id, String office) {
    asReviewer(office, id, DesignationProcess.Elements.PROVIDE_CONSULTATION, Map.of(
        DesignationProcess.Vars.POSITION, "CONCUR", DesignationProcess.Vars.COMMENT, "Reviewed by " + office));
  }

  void decideDesignated(String id) {
    asReviewer("nsa-director", id, DesignationProcess.Elements.DECIDE_DESIGNATION,
        EngagementDriver.designation(true));
  }

  /** Offers access from {@code startInDays} for 30 days, before a partner release in 60 days. */
  void offerAccess(String id, String organization, int startInDays) {
    asDeveloper(id, organization, Elements.DECIDE_ACCESS_OFFER,
        EngagementDriver.accessOffer(today().plusDays(startInDays), 30, today().plusDays(60)));
  }

  void prepareTerms(String id) {
    if (documents != null) { // our beans: counsel attaches the terms document first (stubs need none)
      documents.add(id, new dev.frontierengage.documents.Documents.Upload(dev.frontierengage.documents.DocumentKind.TERMS,
          "terms.pdf", EngagementDriver.TERMS_PDF, dev.frontierengage.documents.Documents.Side.AGENCY, "access-counsel",
          "access-counsel"));
    }
    asReviewer("access-counsel", id, Elements.PREPARE_ACCESS_TERMS,
        Map.of(Vars.ACCESS_TERMS_REFERENCE, "TERMS-2026-0042"));
  }

  void acceptTerms(String id, String organization) {
    Map<String, Object> answer = new HashMap<>(Map.of(Vars.ACCEPT_TERMS, true));
    for (String area : List.of("confidentiality", "cybersecurity", "insiderRisk",
        "intellectualProperty", "use", "nondisclosure")) {
      answer.put(area, true);
    }
    answer.put(Vars.ACCEPTED_TERMS_SHA256, dev.frontierengage.documents.MultipartBody.sha256(EngagementDriver.TERMS_PDF));
    asDeveloper(id, organization, Elements.ACCEPT_ACCESS_TERMS, answer);
  }

  void proposePartner(String id, String organization) {
    asDeveloper(id, organization, PartnerSelectionProcess.Elements.PROPOSE_TRUSTED_PARTNERS,
        Map.of(PartnerSelectionProcess.Vars.PROPOSED_PARTNERS, JsonVariables.list(List.of(Map.of(
            "name", "CISA Lab", "category", "FEDERAL_AGENCY", "contactEmail", "security@cisa-lab.invalid")))));
  }

  /** Approves every partner awaiting vetting, one vetting task each (the partner its form shows). */
  void vetPartners(String id) {
    if (partners == null) { // stub beans: the one partner's vetting task
      Task vetting = task(id, PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS, null);
      if (vetting == null) {
        throw new IllegalStateException(PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS + " is not open in " + id);
      }
      complete("cisa", vetting, Map.of(
          PartnerSelectionProcess.Vars.PARTNER_APPROVED, true, PartnerSelectionProcess.Vars.VETTING_REASON, "Vetted"));
      return;
    }
    while (partners.nextAwaiting(id).isPresent()) {
      Task task = task(id, PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS, null);
      if (task == null) {
        throw new IllegalStateException(PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS + " is not open in " + id);
      }
      complete("cisa", task, Map.of(PartnerSelectionProcess.Vars.PARTNER_APPROVED, true,
          PartnerSelectionProcess.Vars.VETTING_REASON, "Vetted"));
    }
  }

  /** Waits for the access window to open (the job executor fires its timer), then evaluates. */
  void evaluateWhenOpen(String id) {
    Task task = Poll.until("the access window of " + id + " to open",
        () -> task(id, Elements.EVALUATE_MODEL, null));
    complete("nsa-evaluation", task, Map.of(Vars.EVALUATION_FINDINGS, "CLASSIFIED-FINDINGS"));
  }

  void endAccessEarly(String id) {
    engine.getRuntimeService().createMessageCorrelation(Messages.ACCESS_ENDED_EARLY)
        .processInstanceBusinessKey(id).correlateWithResult();
  }

  void reportRelease(String id) {
    engine.getRuntimeService().createMessageCorrelation(Messages.RELEASED_TO_PARTNERS)
        .processInstanceBusinessKey(id).setVariable(Vars.RELEASED_AT, new Date()).correlateWithResult();
  }

  private void asDeveloper(String id, String organization, String activityId, Map<String, Object> vars) {
    TaskQuery query = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
        .taskCandidateGroup("org-" + organization).taskDefinitionKey(activityId).active();
    Task task = query.list().stream().findFirst()
        .orElseThrow(() -> new IllegalStateException(activityId + " is not open in " + id));
    retryOnConflict(() -> engine.getTaskService().complete(task.getId(), vars));
  }

  /** Reviewers are the demo users; each is the one member of the group of its name. */
  private void asReviewer(String user, String id, String activityId, Map<String, Object> vars) {
    engine.getIdentityService().setAuthentication(user, List.of(user));
    try {
      Task task = task(id, activityId, user);
      if (task == null) {
        throw new IllegalStateException(activityId + " is not open in " + id + " for " + user);
      }
      openForm(task);
      retryOnConflict(() -> engine.getTaskService().complete(task.getId(), vars));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** What Tasklist asks when a reviewer opens the task: its form's variables, serialised. */
  private void openForm(Task task) {
    engine.getFormService().getTaskFormVariables(task.getId(), null, false);
  }

  private void complete(String user, Task task, Map<String, Object> vars) {
    engine.getIdentityService().setAuthentication(user, List.of(user));
    try {
      openForm(task);
      retryOnConflict(() -> engine.getTaskService().complete(task.getId(), vars));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private Task task(String id, String activityId, String candidateGroup) {
    TaskQuery query = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(activityId);
    if (candidateGroup != null) {
      query.taskCandidateGroup(candidateGroup);
    }
    return query.list().stream().findFirst().orElse(null);
  }

  /** A parallel branch (the window's timer) changed the instance first: do it again. */
  private static void retryOnConflict(Runnable step) {
    for (int attempt = 1; ; attempt++) {
      try {
        step.run();
        return;
      } catch (OptimisticLockingException conflict) {
        if (attempt == 5) {
          throw conflict;
        }
      }
    }
  }

}
