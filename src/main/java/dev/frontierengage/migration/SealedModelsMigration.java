package dev.frontierengage.migration;

import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.designation.AssessmentRecord;
import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.partners.PartnerSelectionProcess;
import dev.frontierengage.policy.Policies;
import dev.frontierengage.policy.Policy;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.view.EngagementProjection;
import dev.frontierengage.view.Status;
import dev.frontierengage.process.JsonVariables;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Engagements started before the engagement record (their facts in sealed process variables) are
 * carried over at start-up, each in one transaction: their record is filled from their variables
 * and history (running or closed), and their running process instances are migrated to the
 * models deployed now, which read the record; the old variables and their seals are removed from
 * them. An engagement is carried over once: its record row then has its id. Runs before the job
 * executor starts, after the models are deployed; on a cluster the start-up turn lets one node do it.
 */
@Component
@DependsOn("modelDeployer")
class SealedModelsMigration implements InitializingBean {

  private static final Logger LOG = LoggerFactory.getLogger(SealedModelsMigration.class);
  static final List<String> PROCESSES = List.of(EngagementProcess.PROCESS_ID, DesignationProcess.PROCESS_ID,
      PartnerSelectionProcess.PROCESS_ID);
  /** The previous version's key of its sealed variables, in the engine's property table. */
  static final String SEAL_KEY = "frontier-engage.seal-key";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final HistoryService history;
  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final Policies policies;
  private final EngagementRecord record;
  private final HistoricTimeline timeline;
  private final EngagementProjection projection;
  private final AuditLog audit;
  private final OpenTasks openTasks;

  SealedModelsMigration(DataSource dataSource, PlatformTransactionManager transactions, HistoryService history,
      RuntimeService runtime, RepositoryService repository, Policies policies,
      EngagementRecord record, HistoricTimeline timeline, EngagementProjection projection,
      AuditLog audit, OpenTasks openTasks) {
    this.openTasks = openTasks;
    this.jdbc = new JdbcTemplate(dataSource);
    this.transaction = new TransactionTemplate(transactions);
    this.history = history;
    this.runtime = runtime;
    this.repository = repository;
    this.policies = policies;
    this.record = record;
    this.timeline = timeline;
    this.projection = projection;
    this.audit = audit;
  }

  @Override
  public void afterPropertiesSet() {
    int carried = 0;
    for (String processInstanceId : notCarriedOver()) {
      HistoricProcessInstance engagement = history.createHistoricProcessInstanceQuery()
          .processInstanceId(processInstanceId).singleResult();
      if (engagement == null || engagement.getBusinessKey() == null) {
        LOG.warn("Engagement index row {} names no engagement in history; left as it is", processInstanceId);
        continue;
      }
      try {
        transaction.executeWithoutResult(status -> carryOver(engagement));
        carried++;
      } catch (RuntimeException failed) {
        // one engagement that cannot be carried over stops neither the others nor the start: it
        // stays as it was (no record yet) and is tried again at the next start
        LOG.error("Engagement {} could not be carried over to the engagement record; left as it was",
            engagement.getBusinessKey(), failed);
        audit.record("config.engagement.migration-failed", "startup", engagement.getBusinessKey(),
            Map.of("reason", AuditLog.failure(failed)));
      }
    }
    if (carried > 0) {
      LOG.info("Carried {} engagements over from sealed variables to the engagement record", carried);
      audit.record("config.engagements.migrated", "startup", null, Map.of("engagements", carried));
    }
    if (notCarriedOver().isEmpty()) {
      // nothing sealed is left to carry over (a failed engagement keeps the key until it is carried)
      jdbc.update("DELETE FROM ACT_GE_PROPERTY WHERE NAME_ = ?", SEAL_KEY);
    }
  }

  /**
   * The engagements still to be carried over (their carry-over failed, or their row names no
   * engagement in history), by their process instance's id, which is the root of each of their
   * instances: they stay on the models they started on (which read their sealed variables) until a
   * later start carries them over. Read from the database, as {@link #afterPropertiesSet} left it.
   */
  java.util.Set<String> notCarriedOver() {
    return java.util.Set.copyOf(jdbc.queryForList(
        "SELECT process_instance_id FROM fe_engagement WHERE engagement_id IS NULL", String.class));
  }

  private void carryOver(HistoricProcessInstance engagement) {
    String id = engagement.getBusinessKey();
    Map<String, Object> e = variables(engagement.getId());
    Map<String, Object> d = variables(latest(id, DesignationProcess.PROCESS_ID));
    String selection = latest(id, PartnerSelectionProcess.PROCESS_ID);
    Map<String, Object> p = variables(selection);

    Policy policy = policy(e);
    jdbc.update("UPDATE fe_engagement SET engagement_id = ?, model_name = ?, model_version = ?, description = ?,"
        + " contact_email = ?, planned_release = ?, intake_outcome = ?, intake_note = ?,"
        + " clarification_text = ?, designated = ?, assessment_summary = ?, assessment_shared_at = ?,"
        + " offer_access = ?, access_start = ?, access_days = ?, terms_reference = ?, terms_accepted = ?,"
        + " window_start = ?, window_end = ?, window_closed_at = ?, window_closed_by = ?, selection_deadline = ?,"
        + " release_report_deadline = ?, released_at = ?, withdrawn_by = ?, withdrawal_reason = ?"
        + " WHERE process_instance_id = ?",
        id, e.get("modelName"), e.get("modelVersion"), e.get("description"), e.get("contactEmail"),
        date(e.get("plannedPartnerReleaseDate")), e.get("intakeOutcome"),
        e.get("intakeNote"), e.get("clarificationText"),
        e.containsKey("assessmentSharedAt") ? e.get("designated") : null,
        e.containsKey("assessmentSharedAt") ? e.get("assessmentSummary") : null, timestamp(e.get("assessmentSharedAt")),
        e.get("offerAccess"), date(e.get("accessStart")), e.get("accessDays"), e.get("accessTermsReference"),
        e.get("termsAccepted"), timestamp(e.get("accessWindowStart")), timestamp(e.get("accessWindowEnd")),
        timestamp(e.get("accessWindowClosedAt")), e.get("accessWindowClosedBy"),
        timestamp(e.get("partnerSelectionDeadline")), timestamp(e.get("releaseReportDeadline")),
        timestamp(e.get("releasedAt")), e.get("withdrawnBy"), e.get("withdrawalReason"), engagement.getId());
    EngagementRecord.forget(id); // written here, not through the record's bean
    record.bindPolicy(id, policy);

    if (d.get("benchmarkRecordedBy") != null) {
      AssessmentRecord.forget(id); // written here, not through the record's bean
      jdbc.update("INSERT INTO fe_assessment (engagement_id, score_vulnerability_discovery, score_exploit_development,"
          + " score_network_operations, score_critical_infrastructure, score_autonomous_operations, suite_version,"
          + " recorded_by, recommendation, designated, rationale, summary, decided_by)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, d.get("scoreVulnerabilityDiscovery"),
          d.get("scoreExploitDevelopment"), d.get("scoreNetworkOperations"), d.get("scoreCriticalInfrastructure"),
          d.get("scoreAutonomousOperations"), d.get("benchmarkSuiteVersion"), d.get("benchmarkRecordedBy"),
          d.get("recommendation"), d.get("decidedBy") == null ? null : d.get("designated"),
          d.get("decisionRationale"), d.get("decidedBy") == null ? null : d.get("assessmentSummary"),
          d.get("decidedBy"));
    }
    java.util.Set<Object> answered = new java.util.HashSet<>();
    for (Map<String, Object> c : maps(d.get("consultations"))) {
      if (!answered.add(c.get("office"))) {
        continue; // one answer per office: the first one stands
      }
      jdbc.update("INSERT INTO fe_consultation (engagement_id, office, position, comment, responded_by, responded_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)", id, c.get("office"), c.get("position"), c.get("comment"),
          c.get("respondedBy"), c.get("respondedAt") == null ? null
              : Timestamp.from(Instant.parse(c.get("respondedAt").toString())));
    }
    AssessmentRecord.forget(id); // the round's answers, written here, not through the record's bean
    if (e.get("evaluationFindings") != null) {
      jdbc.update("INSERT INTO fe_evaluation (engagement_id, findings, recorded_at) VALUES (?, ?, ?)", id,
          e.get("evaluationFindings"), timestamp(e.get("accessWindowClosedAt") != null
              ? e.get("accessWindowClosedAt") : EngineClock.now()));
    }
    carryOverPartners(id, p, selection);

    for (ProcessInstance running : runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).list()) {
      migrate(running);
    }
    timeline.rebuild(id);
    projection.refresh(id, engagement.getEndTime() == null ? null : history.createHistoricActivityInstanceQuery()
        .processInstanceId(engagement.getId()).finished().list().stream()
        .map(step -> Status.BY_END_EVENT.get(step.getActivityId())).filter(Objects::nonNull).findFirst()
        .orElse(Status.CLOSED));
    for (ProcessInstance running : runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).list()) {
      openTasks.refresh(id, running.getId());
    }
  }

  /**
   * Decided partners as round 1; partners still awaiting vetting as the round after it. Each is
   * proposed when it was: the decided ones at the first proposal, the awaiting ones at the latest
   * proposal or revision (the vetting deadline runs from it), as the selection's history has them.
   */
  private void carryOverPartners(String id, Map<String, Object> p, String selection) {
    List<Instant> proposals = selection == null ? List.of() : history.createHistoricActivityInstanceQuery()
        .processInstanceId(selection).finished().list().stream()
        .filter(step -> PartnerSelectionProcess.Elements.PROPOSE_TRUSTED_PARTNERS.equals(step.getActivityId())
            || PartnerSelectionProcess.Elements.REVISE_TRUSTED_PARTNERS.equals(step.getActivityId()))
        .filter(step -> !step.isCanceled() && step.getEndTime() != null)
        .map(step -> step.getEndTime().toInstant()).sorted().toList();
    Instant at = proposals.isEmpty() ? EngineClock.instant() : proposals.get(0);
    Instant pendingAt = proposals.isEmpty() ? EngineClock.instant() : proposals.get(proposals.size() - 1);
    for (Map<String, Object> partner : maps(p.get("approvedPartners"))) {
      partner(id, partner, 1, "APPROVED", null, at);
    }
    for (Map<String, Object> rejected : maps(p.get("rejectedPartners"))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> partner = (Map<String, Object>) rejected.get("partner");
      partner(id, partner, 1, "REJECTED", (String) rejected.get("reason"), at);
    }
    List<String> recorded = jdbc.queryForList("SELECT partner_id FROM fe_partner WHERE engagement_id = ?",
        String.class, id);
    int pending = recorded.isEmpty() ? 1 : 2;
    for (Map<String, Object> partner : maps(p.get("proposedPartners"))) {
      if (!recorded.contains(String.valueOf(partner.get("id")))) {
        partner(id, partner, pending, "PROPOSED", null, pendingAt);
      }
    }
  }

  private void partner(String id, Map<String, Object> partner, int round, String status, String reason, Instant at) {
    jdbc.update("INSERT INTO fe_partner (engagement_id, partner_id, round, name, category, sector, contact_email,"
        + " status, reason, proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, partner.get("id"), round,
        partner.get("name"), partner.get("category"), partner.get("sector"), partner.get("contactEmail"), status,
        reason, Timestamp.from(at));
    dev.frontierengage.partners.PartnerRecord.forget(id);
  }

  /** Moves a running instance to the latest version of its process and drops its old variables. */
  private void migrate(ProcessInstance instance) {
    ProcessDefinition source = repository.getProcessDefinition(instance.getProcessDefinitionId());
    ProcessDefinition target = repository.createProcessDefinitionQuery().processDefinitionKey(source.getKey())
        .latestVersion().singleResult();
    if (!source.getId().equals(target.getId())) {
      MigrationPlan plan = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().build();
      runtime.newMigration(plan).processInstanceIds(instance.getId()).skipCustomListeners().skipIoMappings()
          .execute();
    }
    List<String> old = new ArrayList<>(runtime.getVariablesLocalTyped(instance.getId(), false).keySet());
    runtime.removeVariablesLocal(instance.getId(), old);
  }

  private Policy policy(Map<String, Object> e) {
    Policy configured = policies.all().getOrDefault(String.valueOf(e.get("policyId")), policies.active());
    List<String> offices = e.get("consultationOffices") == null ? configured.consultationOffices()
        : JsonVariables.readList(e.get("consultationOffices"), String.class).stream()
            .filter(java.util.Objects::nonNull).toList(); // an office without a name names nobody
    return new Policy(configured.id(), configured.title(), configured.effectiveDate(),
        e.get("accessCapDays") instanceof Number cap ? cap.intValue() : configured.accessCapDays(), offices,
        duration(e.get("consultationPeriod"), configured.consultationPeriod()),
        duration(e.get("clarificationTimeout"), configured.clarificationTimeout()),
        duration(e.get("accessOfferTimeout"), configured.accessOfferTimeout()),
        duration(e.get("termsAcceptanceTimeout"), configured.termsAcceptanceTimeout()),
        e.get("releaseReportGrace") instanceof String grace ? Period.parse(grace) : configured.releaseReportGrace(),
        configured.agencyDueDays(), configured.partnerCategories());
  }

  /** The latest value of each variable of the instance's own scope, or nothing for no instance. */
  private Map<String, Object> variables(String processInstanceId) {
    Map<String, Object> values = new HashMap<>();
    if (processInstanceId == null) {
      return values;
    }
    // JSON values are read as their JSON text: the classes they were written from may be gone
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).disableCustomObjectDeserialization().list()) {
      if (processInstanceId.equals(variable.getActivityInstanceId())
          || Objects.equals(processInstanceId, variable.getExecutionId()) && variable.getTaskId() == null) {
        values.put(variable.getName(), variable.getTypedValue() instanceof ObjectValue json
            ? json.getValueSerialized() : variable.getValue());
      }
    }
    return values;
  }

  private String latest(String id, String process) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(process).processInstanceBusinessKey(id)
        .orderByProcessInstanceStartTime().desc().listPage(0, 1).stream().findFirst()
        .map(HistoricProcessInstance::getId).orElse(null);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Object list) {
    List<Map<String, Object>> maps = new ArrayList<>();
    for (Object item : JsonVariables.readList(list, Map.class)) {
      maps.add((Map<String, Object>) item);
    }
    return maps;
  }

  private static Duration duration(Object iso, Duration fallback) {
    return iso instanceof String text ? Duration.parse(text) : fallback;
  }

  private static LocalDate date(Object value) {
    return value instanceof Date d ? LocalDate.ofInstant(d.toInstant(), ZoneOffset.UTC) : null;
  }

  private static Timestamp timestamp(Object value) {
    return value instanceof Date d ? new Timestamp(d.getTime()) : null;
  }
}
