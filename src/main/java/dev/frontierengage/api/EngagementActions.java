package dev.frontierengage.api;

import dev.frontierengage.view.DeveloperAction;
import dev.frontierengage.view.EngagementProjection;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.engagement.EngagementRecord.Engagement;

import dev.frontierengage.process.Submission;
import dev.frontierengage.process.JsonVariables;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontierengage.access.AccessOffer;
import dev.frontierengage.access.AccessRequirement;
import dev.frontierengage.access.AccessWindowRules;
import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.engagement.EngagementProcess.Elements;
import dev.frontierengage.engagement.EngagementProcess.Messages;
import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.api.EngagementReader.Current;
import dev.frontierengage.api.EngagementRequests.AccessTerms;
import dev.frontierengage.api.EngagementRequests.Clarification;
import dev.frontierengage.api.EngagementRequests.Inquiry;
import dev.frontierengage.api.EngagementRequests.Release;
import dev.frontierengage.api.EngagementRequests.TrustedPartners;
import dev.frontierengage.api.EngagementRequests.Withdrawal;
import dev.frontierengage.partners.PartnerSelectionProcess;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.EngineRefusal;
import dev.frontierengage.process.InvalidSubmissionException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a developer does to an engagement. Each action checks that it is open now (else 409
 * naming what is open), then hands the whitelisted values to the engine, whose listeners check
 * them again; a refusal changes nothing.
 */
@Service
class EngagementActions {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EngagementActions.class);

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final EngagementReader reader;
  private final IdempotencyKeys keys;
  private final AuditLog audit;
  private final ObjectMapper json;
  private final TransactionTemplate transactions;

  private final EngagementProjection projection;

  EngagementActions(RuntimeService runtime, TaskService tasks, EngagementReader reader,
      IdempotencyKeys keys, AuditLog audit, ObjectMapper json, PlatformTransactionManager transactionManager,
      EngagementProjection projection) {
    this.transactions = new TransactionTemplate(transactionManager);
    this.projection = projection;
    this.runtime = runtime;
    this.tasks = tasks;
    this.reader = reader;
    this.keys = keys;
    this.audit = audit;
    this.json = json;
  }

  /** Opens an engagement; the id of the new one, or of the one this key already opened. */
  @Transactional
  public Opened open(String organization, String user, Inquiry inquiry, String idempotencyKey) {
    if (inquiry.plannedPartnerReleaseDate() != null && !Submission.plausible(inquiry.plannedPartnerReleaseDate())) {
      throw ApiRefusal.invalid(List.of("plannedPartnerReleaseDate is out of range"));
    }
    String hash = hash(inquiry);
    if (idempotencyKey != null) {
      var used = keys.find(organization, idempotencyKey);
      if (used.isPresent()) {
        if (!used.get().requestHash().equals(hash)) {
          throw ApiRefusal.idempotencyConflict();
        }
        return new Opened(used.get().engagementId(), false);
      }
    }
    String id = UUID.randomUUID().toString();
    if (idempotencyKey != null) {
      keys.record(organization, idempotencyKey, hash, id, EngineClock.instant());
    }
    // transient: the start event's check writes the inquiry to the record, and the engine keeps none of it
    var variables = EngagementProcess.inquiry(organization, inquiry.modelName(), inquiry.modelVersion(),
        inquiry.description(), inquiry.contactEmail(),
        inquiry.plannedPartnerReleaseDate() == null ? null : inquiry.plannedPartnerReleaseDate().toString());
    try {
      runtime.startProcessInstanceByKey(EngagementProcess.PROCESS_ID, id, variables);
    } catch (InvalidSubmissionException refused) {
      throw ApiRefusal.invalid(refused.violations());
    } catch (RuntimeException e) {
      if (suspended(e)) {
        throw ApiRefusal.notAccepting(); // an administrator suspended the engagement process
      }
      throw e;
    }
    audit.record("engagement.opened", user, id, Map.of("organization", organization));
    return new Opened(id, true);
  }

  /** An engagement opened, or found again by its Idempotency-Key. */
  record Opened(String id, boolean created) {}

  void clarify(String organization, String user, String id, Clarification body) {
    complete(organization, user, id, DeveloperAction.CLARIFICATION, Elements.PROVIDE_CLARIFICATION,
        Map.of(Vars.CLARIFICATION_TEXT, body.text()));
  }

  void offerAccess(String organization, String user, String id, EngagementRequests.AccessOffer body) {
    Current current = open(organization, id, DeveloperAction.ACCESS_OFFER);
    Map<String, Object> variables = new HashMap<>();
    variables.put(Vars.OFFER_ACCESS, body.offerAccess());
    if (body.offerAccess()) {
      List<String> missing = new ArrayList<>();
      if (body.plannedPartnerReleaseDate() == null) {
        missing.add("plannedPartnerReleaseDate is required when offerAccess is true");
      }
      if (body.accessStart() == null) {
        missing.add("accessStart is required when offerAccess is true");
      }
      if (body.accessDays() == null) {
        missing.add("accessDays is required when offerAccess is true");
      }
      if (missing.isEmpty() && !(Submission.plausible(body.plannedPartnerReleaseDate())
          && Submission.plausible(body.accessStart()))) {
        missing.add("plannedPartnerReleaseDate and accessStart must be dates between 2000 and 2200");
      }
      if (!missing.isEmpty()) {
        throw ApiRefusal.invalid(missing);
      }
      int cap = current.engagement().policy().accessCapDays();
      List<String> broken = AccessWindowRules.violations(new AccessOffer(
          body.plannedPartnerReleaseDate(), body.accessStart(), body.accessDays()),
          EngineClock.today(), cap);
      if (!broken.isEmpty()) {
        throw ApiRefusal.rules(broken);
      }
      variables.put(Vars.PLANNED_PARTNER_RELEASE_DATE, body.plannedPartnerReleaseDate().toString());
      variables.put(Vars.ACCESS_START, body.accessStart().toString());
      variables.put(Vars.ACCESS_DAYS, body.accessDays());
    }
    complete(organization, user, id, DeveloperAction.ACCESS_OFFER, Elements.DECIDE_ACCESS_OFFER, variables);
  }

  void answerTerms(String organization, String user, String id, AccessTerms body) {
    Current current = open(organization, id, DeveloperAction.ACCESS_TERMS);
    Map<String, Object> variables = new HashMap<>();
    variables.put(Vars.ACCEPT_TERMS, body.accept());
    // terms prepared before documents existed name no document: they are accepted without a hash
    boolean legacy = current.engagement().termsSha256() == null;
    if (body.accept() && !legacy) {
      if (body.termsSha256() == null) {
        throw ApiRefusal.invalid(List.of("termsSha256 is required to accept: the SHA-256 of the terms document"
            + " (accessTermsSha256 of the engagement, its TERMS document)"));
      }
      if (!body.termsSha256().equals(current.engagement().termsSha256())) {
        throw new ApiRefusal(org.springframework.http.HttpStatus.UNPROCESSABLE_ENTITY, "Not the terms document",
            "termsSha256 " + body.termsSha256() + " is not the terms document access counsel attached ("
                + current.engagement().termsSha256() + "); read that one and accept it.",
            Map.of("accessTermsSha256", String.valueOf(current.engagement().termsSha256())));
      }
      variables.put(Vars.ACCEPTED_TERMS_SHA256, body.termsSha256());
    }
    var a = body.acknowledgments();
    Map<AccessRequirement, Boolean> given = Map.of(
        AccessRequirement.confidentiality, a.confidentiality(),
        AccessRequirement.cybersecurity, a.cybersecurity(),
        AccessRequirement.insiderRisk, a.insiderRisk(),
        AccessRequirement.intellectualProperty, a.intellectualProperty(),
        AccessRequirement.use, a.use(),
        AccessRequirement.nondisclosure, a.nondisclosure());
    given.forEach((requirement, value) -> variables.put(requirement.name(), value));
    complete(organization, user, id, DeveloperAction.ACCESS_TERMS, Elements.ACCEPT_ACCESS_TERMS, variables);
  }

  void proposePartners(String organization, String user, String id, TrustedPartners body) {
    // as a JSON object variable: a list of partners can be longer than a string variable holds
    List<?> partners = json.convertValue(body.partners(), List.class);
    complete(organization, user, id, DeveloperAction.TRUSTED_PARTNERS, null,
        Map.of(PartnerSelectionProcess.Vars.PROPOSED_PARTNERS, JsonVariables.list(partners)));
  }

  void endAccessWindow(String organization, String user, String id) {
    open(organization, id, DeveloperAction.END_ACCESS_WINDOW);
    correlate(organization, id, DeveloperAction.END_ACCESS_WINDOW, Messages.ACCESS_ENDED_EARLY, Map.of());
    audit.record("developer.access-window.ended", user, id);
  }

  void reportRelease(String organization, String user, String id, Release body) {
    Engagement engagement = open(organization, id, DeveloperAction.RELEASE).engagement();
    // a report is the developer's own word and is not second-guessed, only a date that cannot be
    // this engagement's release: before it was opened (a mistyped year, most likely) or ahead
    if (body.releasedAt().toInstant().isBefore(engagement.openedAt())) {
      throw ApiRefusal.invalid(List.of("releasedAt is before this engagement was opened (" + engagement.openedAt()
          + "); report when the model went to trusted partners"));
    }
    if (body.releasedAt().toInstant().isAfter(EngineClock.instant().plusSeconds(300))) {
      throw ApiRefusal.invalid(List.of("releasedAt is in the future; report a release once it happened"));
    }
    correlate(organization, id, DeveloperAction.RELEASE, Messages.RELEASED_TO_PARTNERS,
        Map.of(Vars.RELEASED_AT, Date.from(body.releasedAt().toInstant())));
    audit.record("developer.release.reported", user, id);
  }

  /**
   * Withdraws, at any stage until the engagement is closed (Sec. 3(c)): an engagement an
   * administrator suspended (Cockpit) too, which is resumed for it, in the withdrawal's own
   * transaction, so that it withdraws or stays as it was.
   */
  void withdraw(String organization, String user, String id, Withdrawal body) {
    open(organization, id, DeveloperAction.WITHDRAWAL);
    Map<String, Object> variables = Map.of(Vars.WITHDRAWAL_REASON, body.reason(), Vars.WITHDRAWN_BY, user);
    List<String> held = suspended(id);
    if (held.isEmpty()) {
      try {
        correlate(organization, id, DeveloperAction.WITHDRAWAL, Messages.ENGAGEMENT_WITHDRAWN, variables);
        return;
      } catch (ApiRefusal refusal) {
        held = suspended(id); // suspended since it was looked at: withdrawn all the same, below
        if (held.isEmpty()) {
          throw refusal;
        }
      }
    }
    List<String> resumed = held;
    try {
      transactions.executeWithoutResult(status -> {
        resumed.forEach(instance -> runtime.updateProcessInstanceSuspensionState().byProcessInstanceId(instance).activate());
        correlate(organization, id, DeveloperAction.WITHDRAWAL, Messages.ENGAGEMENT_WITHDRAWN, variables);
      });
    } catch (RuntimeException e) {
      if (!(e instanceof ApiRefusal) && conflict(e)) {
        throw ApiRefusal.concurrent(); // rolled back as it committed, to break a deadlock with a parallel step
      }
      throw e;
    }
    audit.record("developer.withdrawal.resumed", user, id, Map.of("processInstances", resumed));
  }

  /** Whether the step lost a race: a concurrent change, or a deadlock the database broke by rolling it back. */
  private static boolean conflict(RuntimeException e) {
    return EngineRefusal.of(e).filter(refusal -> refusal.kind() == EngineRefusal.Kind.CONFLICT).isPresent();
  }

  /** Whether the engine refused because what it was to act on is suspended. */
  private static boolean suspended(RuntimeException e) {
    return EngineRefusal.of(e).filter(refusal -> refusal.kind() == EngineRefusal.Kind.SUSPENDED).isPresent();
  }

  /** The engagement's process instances (its own and a running partner selection's) an administrator suspended. */
  private List<String> suspended(String id) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).suspended().list().stream()
        .map(ProcessInstance::getId).toList();
  }

  /**
   * Why an action the view showed open could not be taken: the engagement is on hold (suspended
   * by an administrator), or another request took it meanwhile (the view read before that
   * request committed still showed it), or it is not open (read again: what is open now). An
   * engagement whose processes are gone while its view still shows actions open ended without
   * its listeners (an administrator deleted it with "skip custom listeners"): its view is made
   * again from the engine (closed), and the action is not open; every retry said "changed
   * meanwhile" and the engagement never closed. So is one whose view shows an action its process
   * does not stand at (moved in Cockpit without its listeners): the view is made again whenever
   * it still shows the refused action (the projection writes nothing when it was right).
   */
  private ApiRefusal notOpenNow(String organization, String id, DeveloperAction action) {
    if (!suspended(id).isEmpty()) {
      return ApiRefusal.onHold(action);
    }
    List<DeveloperAction> open = reader.find(organization, id).openActions();
    if (open.contains(action)) {
      transactions.executeWithoutResult(status -> projection.refresh(id, null));
      open = reader.find(organization, id).openActions();
    }
    return open.contains(action) ? ApiRefusal.concurrent() : ApiRefusal.notOpen(action, open);
  }

  private Current open(String organization, String id, DeveloperAction action) {
    Current current = reader.find(organization, id);
    if (!current.openActions().contains(action)) {
      throw ApiRefusal.notOpen(action, current.openActions());
    }
    return current;
  }

  private void complete(String organization, String user, String id, DeveloperAction action,
      String activityId, Map<String, Object> variables) {
    open(organization, id, action);
    var query = tasks.createTaskQuery().processInstanceBusinessKey(id)
        .taskCandidateGroup("org-" + organization).active();
    if (activityId != null) {
      query.taskDefinitionKey(activityId);
    }
    Task task = query.list().stream().findFirst()
        .orElseThrow(() -> notOpenNow(organization, id, action));
    try {
      tasks.complete(task.getId(), variables);
    } catch (RuntimeException e) {
      if (tasks.createTaskQuery().taskId(task.getId()).count() == 0) {
        // completed by a parallel request (perhaps on another node) meanwhile, whatever this one's
        // listeners or the engine made of a scope that ended under it (even a NullPointerException)
        LOG.debug("Completing task {} of engagement {} failed and the task is gone: 409", task.getId(), id, e);
        throw ApiRefusal.concurrent();
      }
      // a refusal of the engine's, or the database's rollback of this transaction to break a
      // deadlock with a parallel one (not always wrapped in an engine exception)
      throw refusal(action, e);
    }
    audit.record("developer." + action.path(), user, id);
  }

  private void correlate(String organization, String id, DeveloperAction action, String message,
      Map<String, Object> variables) {
    try {
      runtime.createMessageCorrelation(message).processInstanceBusinessKey(id)
          .setVariables(variables).correlateWithResult();
    } catch (MismatchingMessageCorrelationException e) {
      throw notOpenNow(organization, id, action);
    } catch (OptimisticLockingException e) {
      throw ApiRefusal.concurrent();
    } catch (RuntimeException e) {
      if (suspended(e)) {
        throw ApiRefusal.onHold(action); // suspended since this request looked
      }
      if (conflict(e)) {
        // rolled back by the database to break a deadlock with a parallel step, or the engine met
        // what a parallel step changed under it; logged, so that a fault taken for a race shows
        LOG.info("{} of engagement {} lost a race with a parallel change: 409", action, id, e);
        throw ApiRefusal.concurrent();
      }
      if (!reader.find(organization, id).openActions().contains(action)) {
        LOG.debug("{} of engagement {} failed and is no longer open: 409", action, id, e);
        throw ApiRefusal.concurrent(); // taken by a parallel request meanwhile, whatever this one made of it
      }
      throw e;
    }
  }

  /** The engine's refusal as the API answers it ({@link EngineRefusal}, shared with engine-rest). */
  private static RuntimeException refusal(DeveloperAction action, RuntimeException e) {
    EngineRefusal refusal = EngineRefusal.of(e).orElse(null);
    if (refusal == null) {
      return e; // a fault of ours: the handler logs it and answers 500
    }
    return switch (refusal.kind()) {
      case INVALID -> action == DeveloperAction.ACCESS_OFFER
          ? ApiRefusal.rules(refusal.violations()) : ApiRefusal.invalid(refusal.violations());
      case FORBIDDEN -> ApiRefusal.forbidden(refusal.message());
      case CONFLICT -> {
        LOG.info("{} lost a race with a parallel change: 409", action, e);
        yield ApiRefusal.concurrent();
      }
      // the task was there a moment ago: completed or changed by a parallel request
      case GONE, NOT_FOUND, CLAIMED -> ApiRefusal.concurrent();
      case SUSPENDED -> ApiRefusal.onHold(action);
    };
  }


  private String hash(Inquiry inquiry) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(json.writeValueAsString(inquiry).getBytes(StandardCharsets.UTF_8)));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
