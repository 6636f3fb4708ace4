package dev.frontierengage.view;

import dev.frontierengage.engagement.EngagementProcess.Elements;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.view.DeveloperView.OpenAction;
import dev.frontierengage.partners.PartnerSelectionProcess;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.EngineEventListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The developer's view of each engagement, kept in its record on write: the milestones of its
 * timeline as the engine passes them (from the engine's own events, in its transaction), and,
 * just before each transaction that moved an engagement commits, its stage, status and the
 * actions open to the developer with the moment each lapses. The developer API reads them as
 * they are: no engine history per request, no query per row of a list.
 */
@Component
public class EngagementProjection implements EngineEventListener {

  /** Milestones marked when the step begins (a begun step is never taken back). */
  static final Map<String, List<String>> STARTED = Map.ofEntries(
      Map.entry(Elements.START_INQUIRY_SUBMITTED, List.of("INQUIRY_SUBMITTED")),
      Map.entry(Elements.PROVIDE_CLARIFICATION, List.of("CLARIFICATION_REQUESTED")),
      Map.entry(Elements.ASSESS_DESIGNATION, List.of("ASSESSMENT_STARTED")),
      Map.entry(Elements.EVALUATE_MODEL, List.of("ACCESS_WINDOW_OPENED")),
      Map.entry(PartnerSelectionProcess.Elements.END_PARTNERS_AGREED, List.of("PARTNERS_AGREED")),
      Map.entry(PartnerSelectionProcess.Elements.END_SELECTION_CLOSED_AT_DEADLINE, List.of("PARTNER_SELECTION_CLOSED")),
      Map.entry(Elements.END_OUT_OF_SCOPE, List.of("OUT_OF_SCOPE")),
      Map.entry(Elements.END_INQUIRY_LAPSED, List.of("INQUIRY_LAPSED")),
      Map.entry(Elements.END_NOT_COVERED, List.of("NOT_COVERED")),
      Map.entry(Elements.END_ACCESS_NOT_OFFERED, List.of("ACCESS_NOT_OFFERED")),
      Map.entry(Elements.END_RELEASED_TO_TRUSTED_PARTNERS, List.of("RELEASE_REPORTED", "RELEASED_TO_PARTNERS")),
      Map.entry(Elements.END_ENGAGEMENT_CLOSED, List.of("ENGAGEMENT_CLOSED")),
      Map.entry(Elements.END_WITHDRAWN, List.of("WITHDRAWN")));

  /**
   * Milestones marked when a step ends: service steps and gateways, which run through and are
   * never cancelled (the partners of a round are vetted when the vetting loop leaves for the
   * gateway that asks whether any was rejected, not at each partner's task).
   */
  static final Map<String, String> ENDED = Map.of(
      Elements.SHARE_ASSESSMENT, "ASSESSMENT_SHARED",
      Elements.CLOSE_ACCESS_WINDOW, "ACCESS_WINDOW_CLOSED",
      PartnerSelectionProcess.Elements.PARTNERS_REJECTED, "PARTNERS_VETTED");

  /** Milestones marked when a person completes a task (not when it is cancelled). */
  static final Map<String, String> COMPLETED = Map.of(
      Elements.REVIEW_INTAKE, "INTAKE_REVIEWED",
      Elements.PROVIDE_CLARIFICATION, "CLARIFICATION_PROVIDED",
      Elements.DECIDE_ACCESS_OFFER, "ACCESS_DECISION_MADE",
      Elements.PREPARE_ACCESS_TERMS, "ACCESS_TERMS_PREPARED",
      Elements.ACCEPT_ACCESS_TERMS, "ACCESS_TERMS_ANSWERED",
      PartnerSelectionProcess.Elements.PROPOSE_TRUSTED_PARTNERS, "PARTNERS_PROPOSED",
      PartnerSelectionProcess.Elements.REVISE_TRUSTED_PARTNERS, "PARTNERS_REVISED");

  /** The timer that ends each developer action, where one does. */
  static final Map<String, DeveloperAction> LAPSES = Map.of(
      Elements.CLARIFICATION_LAPSED, DeveloperAction.CLARIFICATION,
      Elements.ACCESS_OFFER_LAPSED, DeveloperAction.ACCESS_OFFER,
      Elements.TERMS_ACCEPTANCE_LAPSED, DeveloperAction.ACCESS_TERMS,
      PartnerSelectionProcess.Elements.SELECTION_DEADLINE_REACHED, DeveloperAction.TRUSTED_PARTNERS,
      Elements.ACCESS_WINDOW_EXPIRED, DeveloperAction.END_ACCESS_WINDOW,
      Elements.RELEASE_REPORT_OVERDUE, DeveloperAction.RELEASE);

  /**
   * The activities whose start makes a timer of {@link #LAPSES}: the developer's tasks and the
   * scopes its boundary timers are attached to, and the partner selection's start (its deadline is
   * the start of an event subprocess, made with the process). A transaction that starts one of
   * them, by a step of the models or by hand (an instance modification in Cockpit restarts a task
   * and so remakes its timer), reads the timers again; {@code EngagementProjectionTest} holds this
   * set to the models.
   */
  static final Set<String> TIMED = Set.of(Elements.PROVIDE_CLARIFICATION, Elements.DECIDE_ACCESS_OFFER,
      Elements.ACCEPT_ACCESS_TERMS, Elements.ACCESS_WINDOW, Elements.AWAIT_RELEASE,
      PartnerSelectionProcess.Elements.START_SELECTION_STARTED);

  /**
   * Every activity whose being active {@link #stage} or {@link #openActions} asks about: while a
   * transaction starts or ends none of them, reaches no end event and cancels nothing, the stage
   * and the open actions stay what they were, and the engagement is not projected again (a
   * benchmark run, a consultation: five of a lifecycle's transactions). {@code EngagementProjectionTest}
   * checks that no other activity of the models changes either.
   */
  static final Set<String> SHOWN = Set.of(Elements.REVIEW_INTAKE, Elements.PROVIDE_CLARIFICATION,
      Elements.DECIDE_ACCESS_OFFER, Elements.PREPARE_ACCESS_TERMS, Elements.ACCEPT_ACCESS_TERMS,
      Elements.AWAIT_RELEASE, PartnerSelectionProcess.Elements.PROPOSE_TRUSTED_PARTNERS,
      PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS, PartnerSelectionProcess.Elements.REVISE_TRUSTED_PARTNERS,
      Elements.ACCESS_WINDOW_OPENS, Elements.EVALUATE_MODEL);

  private static final Object TOUCHED = new Object();
  /** The order of the synchronization that projects before commit: before the timeline's events are written. */
  static final int PROJECTION_ORDER = EngagementRecord.TIMELINE_WRITE_ORDER - 1;
  private final Map<String, String> timerActivities = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Boolean> endEvents = new java.util.concurrent.ConcurrentHashMap<>();

  private final EngagementRecord record;
  private final DeveloperView view;
  private final EngineState engine;
  private final ManagementService management;
  private final IdentityService identity;
  private final ApplicationEventPublisher events;

  EngagementProjection(EngagementRecord record, DeveloperView view, EngineState engine,
      ManagementService management, IdentityService identity, ApplicationEventPublisher events) {
    this.events = events;
    this.record = record;
    this.view = view;
    this.engine = engine;
    this.management = management;
    this.identity = identity;
  }

  @Override
  public void onExecution(DelegateExecution execution) {
    String id = execution.getProcessBusinessKey();
    String activity = execution.getCurrentActivityId();
    if (id == null || activity == null) {
      return;
    }
    if (ExecutionListener.EVENTNAME_START.equals(execution.getEventName()) && STARTED.containsKey(activity)) {
      // the process's own start and its start event's both name the start event: one milestone
      STARTED.get(activity).stream().filter(event -> touched().recorded.add(id + "/" + execution.getId() + "/" + event))
          .forEach(event -> record.event(id, EngineClock.instant(), event, null));
      Status status = Status.BY_END_EVENT.get(activity);
      if (status != null && execution.getProcessInstance().getSuperExecution() == null) {
        touched().status.put(id, status);
      }
    }
    if (ExecutionListener.EVENTNAME_START.equals(execution.getEventName()) && TIMED.contains(activity)) {
      touched().timed.add(id);
    }
    if (ExecutionListener.EVENTNAME_END.equals(execution.getEventName()) && ENDED.containsKey(activity)) {
      record.event(id, EngineClock.instant(), ENDED.get(activity), null);
    }
    // what the developer sees may change: a shown activity starts or ends, a process reaches an
    // end, or something is cancelled (a process deleted ends whatever it stood at, cancelled)
    if (SHOWN.contains(activity) || Status.BY_END_EVENT.containsKey(activity)
        || isEndEvent(execution)
        || ExecutionListener.EVENTNAME_END.equals(execution.getEventName()) && execution.isCanceled()) {
      touched().ids.add(id);
    }
  }

  @Override
  public void onTask(DelegateTask task) {
    String id = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
    if (id == null) {
      return;
    }
    if (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName()) && COMPLETED.containsKey(task.getTaskDefinitionKey())) {
      record.event(id, EngineClock.instant(), COMPLETED.get(task.getTaskDefinitionKey()), null);
    }
    if (SHOWN.contains(task.getTaskDefinitionKey())) {
      touched().ids.add(id);
    }
  }

  /**
   * Where the engagement stands now, written to its record (also for one carried over from an
   * earlier version). Read as the engine itself: whoever made the change (a reviewer sees only
   * its own tasks) does not narrow what the developer's view is made of.
   */
  public void refresh(String id, Status ended) {
    refresh(id, ended, false, view.find(id).orElse(null), true);
  }

  /**
   * As {@link #refresh(String, Status)}; {@code announce}: and publish what changed for the
   * developer ({@link DeveloperViewChanged}), which the engine's own changes do and a migration
   * (carrying over what happened long ago) does not.
   */
  private void refresh(String id, Status ended, boolean announce, DeveloperView.View before, boolean readTimers) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      project(id, ended, announce, before, readTimers);
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  /**
   * {@code readTimers}: read when each open action lapses from the engine's timers even if the
   * row knows it already (a migration may have moved the timers, and a transaction that started an
   * activity of {@link #TIMED} made new ones; see {@link #lapses}).
   */
  private void project(String id, Status ended, boolean announce, DeveloperView.View before, boolean readTimers) {
    List<OpenAction> wasOpen = before == null ? List.of() : before.openActions();
    EngineState.Steps steps = engine.read(id, readTimers);
    if (!steps.running()) {
      Status status = ended != null ? ended : before != null && before.status() != null ? before.status() : Status.CLOSED;
      if (before != null && before.shows(Stage.CLOSED, status, List.of())) {
        return; // closed before: nothing to write, nothing to announce
      }
      view.projected(id, Stage.CLOSED, status, List.of());
      if (announce && (before == null || before.status() == null)) {
        events.publishEvent(new DeveloperViewChanged(id, Stage.CLOSED, wasOpen, List.of(), status));
      }
      return;
    }
    Set<String> active = steps.active();
    List<DeveloperAction> actions = openActions(active);
    Map<DeveloperAction, java.time.Instant> lapses = lapses(id, actions, steps.timers(),
        readTimers ? List.of() : wasOpen);
    List<OpenAction> open = new ArrayList<>();
    for (DeveloperAction action : actions) {
      open.add(new OpenAction(action, lapses.get(action)));
    }
    Stage stage = stage(active);
    if (before != null && before.shows(stage, null, open)) {
      // the transaction moved the engagement between steps that show the same (a vetting
      // ends while the evaluation runs on): the row stands, and nothing opened or closed
      return;
    }
    view.projected(id, stage, null, open);
    if (announce) {
      events.publishEvent(new DeveloperViewChanged(id, stage, wasOpen, open, null));
    }
  }

  /**
   * When each of {@code actions} lapses. An action that was open before this transaction (in
   * {@code wasOpen}, with when it lapses) lapses when it did: its timer was made when the activity
   * that carries it started, and the transaction started none ({@link #TIMED}: else
   * {@code wasOpen} is empty here, and the timers were read with the executions: {@code timers}).
   * Only when an action opened (or the row does not know when one lapses) are the engine's timers
   * read, once, for all of them: most of the transactions that move an engagement while an action
   * stays open (a vetting, an evaluation) read none. A due date an administrator changes by hand
   * (Cockpit, engine-rest's job API) moves no execution and so shows once the engagement next
   * opens an action (before this, at its next step).
   */
  private Map<DeveloperAction, java.time.Instant> lapses(String id, List<DeveloperAction> actions,
      List<EngineState.Timer> timers, List<OpenAction> wasOpen) {
    Map<DeveloperAction, java.time.Instant> known = new HashMap<>();
    wasOpen.stream().filter(action -> action.lapsesAt() != null)
        .forEach(action -> known.put(action.action(), action.lapsesAt()));
    if (actions.stream().allMatch(action -> action == DeveloperAction.WITHDRAWAL || known.containsKey(action))) {
      return known; // withdrawal never lapses; every other open action was open before
    }
    Map<DeveloperAction, java.time.Instant> lapses = new HashMap<>();
    for (EngineState.Timer timer : timers != null ? timers : engine.timers(id)) {
      DeveloperAction action = LAPSES.get(activityOf(timer.jobDefinitionId()));
      if (action != null) {
        lapses.put(action, timer.due());
      }
    }
    return lapses;
  }

  /**
   * Whether the execution stands at an end event of its model (by definition and element:
   * remembered once looked up in the model, which every event would otherwise walk again).
   */
  private boolean isEndEvent(DelegateExecution execution) {
    return endEvents.computeIfAbsent(execution.getProcessDefinitionId() + "/" + execution.getCurrentActivityId(),
        key -> execution.getBpmnModelElementInstance() instanceof org.camunda.bpm.model.bpmn.instance.EndEvent);
  }

  /** The activity of a timer's job definition (job definitions never change: remembered once read). */
  private String activityOf(String jobDefinitionId) {
    return timerActivities.computeIfAbsent(jobDefinitionId, definition -> management
        .createJobDefinitionQuery().jobDefinitionId(definition).singleResult().getActivityId());
  }

  static Stage stage(Set<String> active) {
    if (active.contains(Elements.REVIEW_INTAKE)) {
      return Stage.INTAKE;
    }
    if (active.contains(Elements.PROVIDE_CLARIFICATION)) {
      return Stage.CLARIFICATION;
    }
    if (active.contains(Elements.DECIDE_ACCESS_OFFER)) {
      return Stage.ACCESS_DECISION;
    }
    if (active.contains(Elements.PREPARE_ACCESS_TERMS) || active.contains(Elements.ACCEPT_ACCESS_TERMS)) {
      return Stage.ACCESS_TERMS;
    }
    if (active.contains(Elements.AWAIT_RELEASE)) {
      return Stage.AWAITING_RELEASE;
    }
    if (active.contains(PartnerSelectionProcess.Elements.PROPOSE_TRUSTED_PARTNERS)
        || active.contains(PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS)
        || active.contains(PartnerSelectionProcess.Elements.REVISE_TRUSTED_PARTNERS)
        || active.contains(Elements.ACCESS_WINDOW_OPENS) || active.contains(Elements.EVALUATE_MODEL)) {
      return Stage.ACCESS_WINDOW;
    }
    return Stage.DESIGNATION;
  }

  static List<DeveloperAction> openActions(Set<String> active) {
    Set<DeveloperAction> open = new LinkedHashSet<>();
    if (active.contains(Elements.PROVIDE_CLARIFICATION)) {
      open.add(DeveloperAction.CLARIFICATION);
    }
    if (active.contains(Elements.DECIDE_ACCESS_OFFER)) {
      open.add(DeveloperAction.ACCESS_OFFER);
    }
    if (active.contains(Elements.ACCEPT_ACCESS_TERMS)) {
      open.add(DeveloperAction.ACCESS_TERMS);
    }
    if (active.contains(PartnerSelectionProcess.Elements.PROPOSE_TRUSTED_PARTNERS)
        || active.contains(PartnerSelectionProcess.Elements.REVISE_TRUSTED_PARTNERS)) {
      open.add(DeveloperAction.TRUSTED_PARTNERS);
    }
    if (active.contains(Elements.ACCESS_WINDOW_OPENS) || active.contains(Elements.EVALUATE_MODEL)) {
      open.add(DeveloperAction.END_ACCESS_WINDOW);
    }
    if (active.contains(Elements.AWAIT_RELEASE)) {
      open.add(DeveloperAction.RELEASE);
    }
    open.add(DeveloperAction.WITHDRAWAL);
    return new ArrayList<>(open);
  }

  /** The engagements this transaction moved; refreshed just before it commits. */
  private Touched touched() {
    Touched touched = (Touched) TransactionSynchronizationManager.getResource(TOUCHED);
    if (touched == null) {
      touched = new Touched();
      if (!TransactionSynchronizationManager.isSynchronizationActive()) {
        return touched; // no transaction to follow: nothing is refreshed (not the case in the application)
      }
      TransactionSynchronizationManager.bindResource(TOUCHED, touched);
      Touched bound = touched;
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void beforeCommit(boolean readOnly) {
          // in a fixed order, each engagement's row locked before its state is read: a transaction
          // moving the same engagement at the same moment (another node, a timer) commits first,
          // and what is read after the lock includes it, so the last writer is never behind
          for (String id : new java.util.TreeSet<>(bound.ids)) {
            refresh(id, bound.status.get(id), true, view.lock(id).orElse(null), bound.timed.contains(id));
          }
        }

        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(TOUCHED);
        }

        /** Before the timeline's events are written, so that the view's update can write them (on PostgreSQL). */
        @Override
        public int getOrder() {
          return PROJECTION_ORDER;
        }
      });
    }
    return touched;
  }

  private static final class Touched {
    /** The engagements whose stage or open actions this transaction may have changed. */
    final Set<String> ids = new LinkedHashSet<>();
    /** The start milestones this transaction recorded, by engagement, execution and event. */
    final Set<String> recorded = new java.util.HashSet<>();
    final Map<String, Status> status = new LinkedHashMap<>();
    /** The engagements for which this transaction started an activity of {@link #TIMED}. */
    final Set<String> timed = new HashSet<>();
  }
}
