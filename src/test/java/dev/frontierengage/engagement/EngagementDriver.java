package dev.frontierengage.engagement;

import dev.frontierengage.access.EvaluationRecord;
import dev.frontierengage.designation.AssessmentRecord;
import dev.frontierengage.designation.Consultation;
import dev.frontierengage.engagement.EngagementRecord.Engagement;
import dev.frontierengage.partners.PartnerRecord;
import javax.sql.DataSource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.access.AccessRequirement;
import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementProcess.Elements;
import dev.frontierengage.engagement.EngagementProcess.Messages;
import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.partners.PartnerSelectionProcess;
import dev.frontierengage.partners.TrustedPartner;
import dev.frontierengage.process.ConfiguredPolicy;
import dev.frontierengage.process.ProcessWiring;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;

/**
 * Drives engagements through the engine's Java API the way each party would: the developer
 * (organization {@code acme}), and each agency reviewer, authenticated as the demo user of
 * their group. Steps are named after what the person does.
 */
public final class EngagementDriver {

  /** Every test starts on this day, 09:00 UTC. */
  public static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
  public static final String ORGANIZATION = "acme";
  public static final String DEVELOPER = "alice";

  private final ProcessEngine engine;
  private final EngagementRecord engagements;
  private final AssessmentRecord assessments;
  private final PartnerRecord partners;
  private final EvaluationRecord evaluations;

  public EngagementDriver(ProcessEngine engine) {
    this.engine = engine;
    DataSource dataSource = ProcessWiring.dataSource(engine);
    this.engagements = new EngagementRecord(dataSource);
    this.assessments = new AssessmentRecord(dataSource);
    this.partners = new PartnerRecord(dataSource);
    this.evaluations = new EvaluationRecord(dataSource);
  }

  /** A process test's start: assertions bound to the engine, the clock on TODAY, the beans wired. */
  public static EngagementDriver startProcessTest(ProcessEngine engine) {
    BpmnAwareTests.init(engine);
    resetClock();
    ProcessWiring.register(engine, ConfiguredPolicy.load());
    return new EngagementDriver(engine);
  }

  /** A process test's end: the engine's own clock back, the beans unwired. */
  public static void endProcessTest() {
    ClockUtil.reset();
    Mocks.reset();
  }

  public static void resetClock() {
    ClockUtil.setCurrentTime(Date.from(TODAY.atTime(9, 0).toInstant(ZoneOffset.UTC)));
  }

  public static Date day(LocalDate date) {
    return Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  // ----- the developer

  public String submitInquiry() {
    return submitInquiry(TODAY.plusDays(90));
  }

  public String submitInquiry(LocalDate plannedPartnerRelease) {
    String engagementId = UUID.randomUUID().toString();
    Map<String, Object> inquiry = new HashMap<>();
    inquiry.put(Vars.ORGANIZATION, ORGANIZATION);
    inquiry.put(Vars.MODEL_NAME, "Roadrunner");
    inquiry.put(Vars.MODEL_VERSION, "4.1");
    inquiry.put(Vars.DESCRIPTION, "A frontier model with agentic coding abilities");
    inquiry.put(Vars.CONTACT_EMAIL, "security@acme.invalid");
    if (plannedPartnerRelease != null) {
      inquiry.put(Vars.PLANNED_PARTNER_RELEASE_DATE, day(plannedPartnerRelease));
    }
    engine.getRuntimeService()
        .startProcessInstanceByKey(EngagementProcess.PROCESS_ID, engagementId, inquiry);
    return engagementId;
  }

  public void provideClarification(String id) {
    completeAs(DEVELOPER, id, Elements.PROVIDE_CLARIFICATION,
        Map.of(Vars.CLARIFICATION_TEXT, "The model is a fine-tune of 4.0 with tool use."));
  }

  public void offerAccess(String id, LocalDate start, int days, LocalDate plannedRelease) {
    completeAs(DEVELOPER, id, Elements.DECIDE_ACCESS_OFFER, accessOffer(start, days, plannedRelease));
  }

  public static Map<String, Object> accessOffer(LocalDate start, int days, LocalDate planned) {
    Map<String, Object> offer = new HashMap<>();
    offer.put(Vars.OFFER_ACCESS, true);
    offer.put(Vars.ACCESS_START, start.toString());
    offer.put(Vars.ACCESS_DAYS, days);
    offer.put(Vars.PLANNED_PARTNER_RELEASE_DATE, planned.toString());
    return offer;
  }

  public void declineAccessOffer(String id) {
    completeAs(DEVELOPER, id, Elements.DECIDE_ACCESS_OFFER, Map.of(Vars.OFFER_ACCESS, false));
  }

  public void acceptTerms(String id, boolean allSix) {
    Map<String, Object> answer = new HashMap<>();
    answer.put(Vars.ACCEPT_TERMS, true);
    for (AccessRequirement requirement : AccessRequirement.values()) {
      answer.put(requirement.name(), true);
    }
    if (!allSix) {
      answer.put("insiderRisk", false);
    }
    answer.put(Vars.ACCEPTED_TERMS_SHA256, engagements.find(id).orElseThrow().termsSha256());
    completeAs(DEVELOPER, id, Elements.ACCEPT_ACCESS_TERMS, answer);
  }

  public void proposePartners(String id, String... names) {
    completeAs(DEVELOPER, id, PartnerSelectionProcess.Elements.PROPOSE_TRUSTED_PARTNERS,
        Map.of(PartnerSelectionProcess.Vars.PROPOSED_PARTNERS, partners(names)));
  }

  public void revisePartners(String id, String... names) {
    completeAs(DEVELOPER, id, PartnerSelectionProcess.Elements.REVISE_TRUSTED_PARTNERS,
        Map.of(PartnerSelectionProcess.Vars.PROPOSED_PARTNERS, partners(names)));
  }

  /** Partners as a client sends them: a JSON string. Names starting "Hospital" are critical infrastructure. */
  public static String partners(String... names) {
    List<String> items = new ArrayList<>();
    for (String name : names) {
      boolean hospital = name.startsWith("Hospital");
      items.add("{\"name\":\"" + name + "\",\"category\":\""
          + (hospital ? "CRITICAL_INFRASTRUCTURE\",\"sector\":\"healthcare\"" : "FEDERAL_AGENCY\"")
          + ",\"contactEmail\":\"security@" + name.toLowerCase().replace(' ', '-') + ".invalid\"}");
    }
    return "[" + String.join(",", items) + "]";
  }

  public void endAccessEarly(String id) {
    engine.getRuntimeService().createMessageCorrelation(Messages.ACCESS_ENDED_EARLY)
        .processInstanceBusinessKey(id).correlate();
  }

  public void reportRelease(String id) {
    engine.getRuntimeService().createMessageCorrelation(Messages.RELEASED_TO_PARTNERS)
        .processInstanceBusinessKey(id)
        .setVariable(Vars.RELEASED_AT, ClockUtil.getCurrentTime())
        .correlate();
  }

  public void withdraw(String id) {
    engine.getRuntimeService().createMessageCorrelation(Messages.ENGAGEMENT_WITHDRAWN)
        .processInstanceBusinessKey(id)
        .setVariable(Vars.WITHDRAWAL_REASON, "We decided to keep the model internal.")
        .setVariable(Vars.WITHDRAWN_BY, DEVELOPER)
        .correlate();
  }

  // ----- the agencies

  public void reviewIntake(String id, IntakeOutcome outcome) {
    Map<String, Object> review = new HashMap<>();
    review.put(Vars.INTAKE_OUTCOME, outcome.name());
    review.put(Vars.INTAKE_NOTE, outcome == IntakeOutcome.ACCEPTED ? null : "Which base model?");
    completeAs("nsa-intake", id, Elements.REVIEW_INTAKE, review);
  }

  public void recordBenchmark(String id, int score) {
    completeAs("nsa-benchmark", id, DesignationProcess.Elements.RECORD_BENCHMARK_RESULTS,
        benchmark(score));
  }

  public static Map<String, Object> benchmark(int score) {
    Map<String, Object> results = new LinkedHashMap<>();
    for (String name : DesignationProcess.Vars.SCORES) {
      results.put(name, score);
    }
    results.put(DesignationProcess.Vars.BENCHMARK_SUITE_VERSION, "cyber-bench 2026.3");
    return results;
  }

  public void consult(String id, String office, String position) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(DesignationProcess.Elements.PROVIDE_CONSULTATION)
        .taskCandidateGroup(office).singleResult();
    assertThat(task).as("consultation task of " + office).isNotNull();
    Map<String, Object> answer = new HashMap<>();
    answer.put(DesignationProcess.Vars.POSITION, position);
    answer.put(DesignationProcess.Vars.COMMENT, "Reviewed by " + office);
    complete(office, task, answer);
  }

  public void consultAll(String id, List<String> offices) {
    for (String office : offices) {
      consult(id, office, "CONCUR");
    }
  }

  public void decideDesignation(String id, boolean designated) {
    completeAs("nsa-director", id, DesignationProcess.Elements.DECIDE_DESIGNATION,
        designation(designated));
  }

  public static Map<String, Object> designation(boolean designated) {
    Map<String, Object> decision = new HashMap<>();
    decision.put(DesignationProcess.Vars.DESIGNATED, designated);
    decision.put(DesignationProcess.Vars.DECISION_RATIONALE, "CLASSIFIED-RATIONALE exploit chains");
    decision.put(DesignationProcess.Vars.ASSESSMENT_SUMMARY, designated
        ? "The model meets the covered frontier model designation."
        : "The model does not meet the designation.");
    return decision;
  }

  /** The terms document access counsel attaches (a small PDF): what the developer accepts. */
  public static final byte[] TERMS_PDF = dev.frontierengage.documents.MultipartBody.TERMS_PDF;

  /** Access counsel attaches the terms document (as through its form's documents link) and completes its task. */
  public void prepareTerms(String id) {
    attachTerms(id);
    completeAs("access-counsel", id, Elements.PREPARE_ACCESS_TERMS,
        Map.of(Vars.ACCESS_TERMS_REFERENCE, "TERMS-2026-0042"));
  }

  public void attachTerms(String id) {
    dev.frontierengage.documents.TestDocuments.on(ProcessWiring.dataSource(engine)).add(id,
        new dev.frontierengage.documents.Documents.Upload(dev.frontierengage.documents.DocumentKind.TERMS,
            "terms.pdf", TERMS_PDF, dev.frontierengage.documents.Documents.Side.AGENCY, "counsel", "access-counsel"));
  }

  public void evaluateModel(String id) {
    completeAs("nsa-evaluation", id, Elements.EVALUATE_MODEL,
        Map.of(Vars.EVALUATION_FINDINGS, "CLASSIFIED-FINDINGS"));
  }

  /** CISA approves every partner awaiting vetting except those named: one vetting task each. */
  public void vetPartners(String id, String... rejectedNames) {
    for (java.util.Optional<TrustedPartner> next = partners.nextAwaiting(id); next.isPresent();
        next = partners.nextAwaiting(id)) {
      boolean reject = List.of(rejectedNames).contains(next.get().name());
      vetPartner(id, !reject, reject ? "No vetted contact" : "Vetted");
    }
  }

  /** CISA decides the partner its open vetting task shows. */
  public void vetPartner(String id, boolean approve, String reason) {
    complete("cisa", task(id, PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS), Map.of(
        PartnerSelectionProcess.Vars.PARTNER_APPROVED, approve, PartnerSelectionProcess.Vars.VETTING_REASON, reason));
  }

  // ----- the record

  /** The engagement's record: what the steps trust and the developer sees. */
  public Engagement record(String id) {
    return engagements.find(id).orElseThrow(() -> new AssertionError("engagement " + id + " has no record"));
  }

  /** The classified assessment of the engagement. */
  public AssessmentRecord.Assessment assessment(String id) {
    return assessments.find(id).orElseThrow(() -> new AssertionError("engagement " + id + " has no assessment"));
  }

  public List<Consultation> consultations(String id) {
    return assessments.consultations(id);
  }

  public List<PartnerRecord.Partner> partnerRecords(String id) {
    return partners.all(id);
  }

  /** Names of the partners with {@code status}. */
  public List<String> partnerNames(String id, PartnerRecord.Status status) {
    return partners.withStatus(id, status).stream().map(TrustedPartner::name).toList();
  }

  public java.util.Optional<String> findings(String id) {
    return evaluations.findings(id);
  }

  /** The record of a process started on its own (a called process in its own test). */
  public void openRecord(String id, dev.frontierengage.policy.Policy policy) {
    engagements.open(id, "test-" + id, new EngagementRecord.Inquiry(ORGANIZATION, "Roadrunner", "4.1",
        "A frontier model", "security@acme.invalid", TODAY.plusDays(90)), ClockUtil.getCurrentTime().toInstant());
    engagements.bindPolicy(id, policy);
  }

  /**
   * The dates the access window's scheduling records (what {@code scheduleAccessWindow} writes), for a
   * called process started on its own: the window from now for the policy's cap, the partner selection
   * closing on {@code plannedRelease}, the release report due the policy's grace after it.
   */
  public void scheduleAccessWindow(String id, LocalDate plannedRelease) {
    dev.frontierengage.policy.Policy policy = record(id).policy();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    engagements.windowScheduled(id, now, now.plus(java.time.Duration.ofDays(policy.accessCapDays())),
        day(plannedRelease).toInstant(), day(plannedRelease.plus(policy.releaseReportGrace())).toInstant());
  }

  // ----- the engine

  public Task task(String id, String activityId) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(activityId).list();
    assertThat(tasks).as("open tasks " + activityId + " of engagement " + id).hasSize(1);
    return tasks.get(0);
  }

  public void completeAs(String userId, String id, String activityId, Map<String, Object> vars) {
    complete(userId, task(id, activityId), vars);
  }

  public void complete(String userId, Task task, Map<String, Object> vars) {
    List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(userId).list()
        .stream().map(org.camunda.bpm.engine.identity.Group::getId).toList();
    engine.getIdentityService().setAuthentication(userId, groups);
    try {
      engine.getTaskService().complete(task.getId(), vars);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** Moves the clock to the due date of the timer at {@code activityId} and fires it. */
  public void fireTimer(String id, String activityId) {
    Job job = timer(id, activityId);
    Instant due = job.getDuedate().toInstant();
    if (due.isAfter(ClockUtil.getCurrentTime().toInstant())) {
      ClockUtil.setCurrentTime(Date.from(due.plusSeconds(1)));
    }
    engine.getManagementService().executeJob(job.getId());
  }

  public Job timer(String id, String activityId) {
    List<Job> jobs = new ArrayList<>();
    for (ProcessInstance instance : engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(id).list()) {
      jobs.addAll(engine.getManagementService().createJobQuery().timers()
          .processInstanceId(instance.getId()).activityId(activityId).list());
    }
    assertThat(jobs).as("timer " + activityId + " of engagement " + id).hasSize(1);
    return jobs.get(0);
  }

  public ProcessInstance engagement(String id) {
    return engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(EngagementProcess.PROCESS_ID).processInstanceBusinessKey(id)
        .singleResult();
  }

  public HistoricProcessInstance history(String id) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(EngagementProcess.PROCESS_ID).processInstanceBusinessKey(id)
        .singleResult();
  }

  public long activeInstances(String id) {
    return engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(id).count();
  }
}
