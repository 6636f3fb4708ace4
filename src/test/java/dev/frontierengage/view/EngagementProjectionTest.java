package dev.frontierengage.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.partners.PartnerSelectionProcess;
import dev.frontierengage.process.Models;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.management.JobDefinitionQuery;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The projection is skipped for a transaction that starts or ends no activity of
 * {@link EngagementProjection#SHOWN} (and no process): that is right only if no other activity
 * of the models ever changes the stage or the open actions, whatever is active beside it.
 */
class EngagementProjectionTest {

  static final Set<String> ACTIVITIES = activities();

  private static Set<String> activities() {
    Set<String> ids = new TreeSet<>();
    Models.bpmn().values().forEach(model -> model.getModelElementsByType(FlowNode.class)
        .forEach(node -> ids.add(node.getId())));
    return ids;
  }

  @Test
  void everyShownActivityIsInTheModels() {
    assertThat(ACTIVITIES).containsAll(EngagementProjection.SHOWN);
  }

  @Test
  void noOtherActivityChangesTheStageOrTheOpenActions() {
    List<Set<String>> backgrounds = new ArrayList<>();
    backgrounds.add(Set.of());
    EngagementProjection.SHOWN.forEach(shown -> backgrounds.add(Set.of(shown)));
    List<String> others = ACTIVITIES.stream().filter(a -> !EngagementProjection.SHOWN.contains(a)).toList();
    assertThat(others).as("the models' other activities").hasSizeGreaterThan(20);
    for (Set<String> background : backgrounds) {
      for (String other : others) {
        Set<String> with = new HashSet<>(background);
        with.add(other);
        assertThat(EngagementProjection.stage(with)).as(other + " beside " + background)
            .isEqualTo(EngagementProjection.stage(background));
        assertThat(EngagementProjection.openActions(with)).as(other + " beside " + background)
            .isEqualTo(EngagementProjection.openActions(background));
      }
    }
  }

  @Test
  void everyShownActivityChangesTheStageOrTheOpenActionsOnItsOwn() {
    for (String shown : EngagementProjection.SHOWN) {
      boolean changes = EngagementProjection.stage(Set.of(shown)) != EngagementProjection.stage(Set.of())
          || !EngagementProjection.openActions(Set.of(shown)).equals(EngagementProjection.openActions(Set.of()));
      assertThat(changes).as(shown + " is needed in SHOWN").isTrue();
    }
  }

  /**
   * A transaction whose steps start and end only activities outside {@link EngagementProjection#SHOWN}
   * (a consultation) does not project the engagement at all: no lock of its row, no read of its
   * executions; one that starts a shown activity does.
   */
  @Test
  void onlyATransactionThatMovesAShownActivityProjectsTheEngagement() {
    DeveloperView view = mock(DeveloperView.class);
    when(view.lock(anyString())).thenReturn(java.util.Optional.empty());
    EngineState engine = mock(EngineState.class);
    when(engine.read(anyString(), anyBoolean())).thenReturn(new EngineState.Steps(false, Set.of(), null));
    EngagementProjection projection = new EngagementProjection(mock(EngagementRecord.class), view, engine,
        mock(ManagementService.class), mock(IdentityService.class), mock(ApplicationEventPublisher.class));

    inTransaction(() -> {
      projection.onExecution(execution("e-1", DesignationProcess.Elements.PROVIDE_CONSULTATION, "start"));
      projection.onExecution(execution("e-1", DesignationProcess.Elements.PROVIDE_CONSULTATION, "end"));
      projection.onExecution(execution("e-1", DesignationProcess.Elements.CLOSE_CONSULTATION, "start"));
    });
    verify(view, never()).lock(anyString());
    verify(engine, never()).read(anyString(), anyBoolean());

    inTransaction(() -> {
      projection.onExecution(execution("e-2", DesignationProcess.Elements.CLOSE_CONSULTATION, "end"));
      projection.onExecution(execution("e-2", EngagementProcess.Elements.DECIDE_ACCESS_OFFER, "start"));
    });
    verify(view).lock("e-2");
    // the offer's task makes the timer that ends it: the timers are read with the executions
    verify(engine).read("e-2", true);
    verify(view, never()).lock("e-1");
  }

  /**
   * The projection before commit runs before the timeline's events are written, even when the
   * transaction added its first event before it moved a shown activity: so the view's update finds
   * the engagement's events still to write (and on PostgreSQL writes them with it).
   */
  @Test
  void theViewIsProjectedBeforeTheTimelinesEventsAreWritten() {
    List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    DeveloperView view = mock(DeveloperView.class);
    when(view.lock(anyString())).thenAnswer(call -> {
      calls.add("projection");
      return java.util.Optional.empty();
    });
    EngineState engine = mock(EngineState.class);
    when(engine.read(anyString(), anyBoolean())).thenReturn(new EngineState.Steps(false, Set.of(), null));
    EngagementProjection projection = new EngagementProjection(mock(EngagementRecord.class), view, engine,
        mock(ManagementService.class), mock(IdentityService.class), mock(ApplicationEventPublisher.class));
    inTransaction(() -> {
      // as the record registers the write of the events a transaction adds
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void beforeCommit(boolean readOnly) {
          calls.add("timeline");
        }

        @Override
        public int getOrder() {
          return EngagementRecord.TIMELINE_WRITE_ORDER;
        }
      });
      projection.onExecution(execution("e-6", EngagementProcess.Elements.DECIDE_ACCESS_OFFER, "start"));
    });
    assertThat(calls).containsExactly("projection", "timeline");
  }

  /**
   * When each open action lapses is read from the engine's timers only when an action opened: a
   * transaction that moves the engagement while the actions open before stay open (a proposal
   * goes to vetting while the access window runs) keeps when they lapse, reading no timer; one
   * that opens an action reads them, with the executions when it started an activity that makes
   * a lapse's timer ({@link EngagementProjection#TIMED}), else in a statement of their own.
   */
  @Test
  void theTimersAreReadOnlyWhenAnActionOpens() {
    java.time.Instant windowEnds = java.time.Instant.parse("2026-12-31T17:00:00Z");
    java.time.Instant selectionCloses = java.time.Instant.parse("2026-12-20T17:00:00Z");
    DeveloperView.OpenAction endWindow = new DeveloperView.OpenAction(DeveloperAction.END_ACCESS_WINDOW, windowEnds);
    DeveloperView.OpenAction withdrawal = new DeveloperView.OpenAction(DeveloperAction.WITHDRAWAL, null);
    DeveloperView view = mock(DeveloperView.class);
    when(view.lock("e-3")).thenReturn(java.util.Optional.of(new DeveloperView.View(null, Stage.ACCESS_WINDOW, null,
        List.of(new DeveloperView.OpenAction(DeveloperAction.TRUSTED_PARTNERS, selectionCloses), endWindow, withdrawal),
        true)));
    when(view.lock("e-4")).thenReturn(java.util.Optional.of(new DeveloperView.View(null, Stage.ACCESS_WINDOW, null,
        List.of(endWindow, withdrawal), true)));
    EngineState engine = mock(EngineState.class);
    // each timer's job definition is named after its activity here
    ManagementService management = mock(ManagementService.class);
    java.util.concurrent.atomic.AtomicReference<String> asked = new java.util.concurrent.atomic.AtomicReference<>();
    JobDefinitionQuery definitions = mock(JobDefinitionQuery.class, Answers.RETURNS_SELF);
    when(definitions.jobDefinitionId(anyString())).thenAnswer(call -> {
      asked.set(call.getArgument(0));
      return definitions;
    });
    JobDefinition definition = mock(JobDefinition.class);
    when(definition.getActivityId()).thenAnswer(call -> asked.get());
    when(definitions.singleResult()).thenReturn(definition);
    when(management.createJobDefinitionQuery()).thenReturn(definitions);
    EngineState.Timer selection = new EngineState.Timer(PartnerSelectionProcess.Elements.SELECTION_DEADLINE_REACHED,
        selectionCloses);
    when(engine.timers(anyString())).thenReturn(List.of(selection));
    EngagementProjection projection = new EngagementProjection(mock(EngagementRecord.class), view, engine,
        management, mock(IdentityService.class), mock(ApplicationEventPublisher.class));

    // the developer proposed partners: they await vetting, the access window runs on
    when(engine.read("e-3", false)).thenReturn(running(null, EngagementProcess.Elements.EVALUATE_MODEL,
        PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS));
    inTransaction(() -> projection.onExecution(
        execution("e-3", PartnerSelectionProcess.Elements.PROPOSE_TRUSTED_PARTNERS, "end")));
    verify(view).projected("e-3", Stage.ACCESS_WINDOW, null, List.of(endWindow, withdrawal));
    verify(engine, never()).timers(anyString());

    // CISA rejected one: the developer is asked to revise, until the selection closes
    when(engine.read("e-4", false)).thenReturn(running(null, EngagementProcess.Elements.EVALUATE_MODEL,
        PartnerSelectionProcess.Elements.REVISE_TRUSTED_PARTNERS));
    inTransaction(() -> projection.onExecution(
        execution("e-4", PartnerSelectionProcess.Elements.REVISE_TRUSTED_PARTNERS, "start")));
    verify(engine, times(1)).timers("e-4");
    verify(view).projected("e-4", Stage.ACCESS_WINDOW, null, List.of(
        new DeveloperView.OpenAction(DeveloperAction.TRUSTED_PARTNERS, selectionCloses),
        new DeveloperView.OpenAction(DeveloperAction.END_ACCESS_WINDOW, null), withdrawal));

    // an administrator restarts the developer's task (an instance modification): the action stays
    // open, its timer is made anew, and is read with the executions
    java.time.Instant answerBy = java.time.Instant.parse("2026-12-18T17:00:00Z");
    when(view.lock("e-5")).thenReturn(java.util.Optional.of(new DeveloperView.View(null, Stage.CLARIFICATION, null,
        List.of(new DeveloperView.OpenAction(DeveloperAction.CLARIFICATION, java.time.Instant.parse(
            "2026-12-08T17:00:00Z")), withdrawal), true)));
    when(engine.read("e-5", true)).thenReturn(running(List.of(new EngineState.Timer(
        EngagementProcess.Elements.CLARIFICATION_LAPSED, answerBy)), EngagementProcess.Elements.PROVIDE_CLARIFICATION));
    inTransaction(() -> {
      projection.onExecution(execution("e-5", EngagementProcess.Elements.PROVIDE_CLARIFICATION, "end"));
      projection.onExecution(execution("e-5", EngagementProcess.Elements.PROVIDE_CLARIFICATION, "start"));
    });
    verify(engine, times(1)).timers(anyString());
    verify(view).projected("e-5", Stage.CLARIFICATION, null, List.of(
        new DeveloperView.OpenAction(DeveloperAction.CLARIFICATION, answerBy), withdrawal));
  }

  /**
   * {@link EngagementProjection#TIMED} is every activity whose start makes a timer of
   * {@link EngagementProjection#LAPSES}, and nothing else: the activity a lapse's boundary timer
   * is attached to, or the start of the process whose event subprocess a lapse's timer starts.
   */
  @Test
  void theTimedActivitiesAreThoseThatMakeTheLapsesTimers() {
    Set<String> makers = new TreeSet<>();
    for (String lapse : EngagementProjection.LAPSES.keySet()) {
      var model = Models.bpmn().values().stream().filter(m -> m.getModelElementById(lapse) != null).findFirst()
          .orElseThrow(() -> new AssertionError(lapse + " is in no model"));
      var element = model.getModelElementById(lapse);
      if (element instanceof BoundaryEvent boundary) {
        makers.add(boundary.getAttachedTo().getId());
      } else {
        assertThat(element).as(lapse).isInstanceOf(StartEvent.class);
        assertThat(element.getParentElement()).as(lapse + " starts an event subprocess").isInstanceOf(SubProcess.class);
        org.camunda.bpm.model.bpmn.instance.Process process = (org.camunda.bpm.model.bpmn.instance.Process)
            element.getParentElement().getParentElement();
        process.getChildElementsByType(StartEvent.class).forEach(start -> makers.add(start.getId()));
      }
    }
    assertThat(makers).containsExactlyInAnyOrderElementsOf(EngagementProjection.TIMED);
  }

  /** A running engagement waiting in {@code activities}, with {@code timers} (null: not read). */
  private static EngineState.Steps running(List<EngineState.Timer> timers, String... activities) {
    return new EngineState.Steps(true, Set.of(activities), timers);
  }

  /** Runs {@code steps} as one transaction's, then what runs just before it commits. */
  private static void inTransaction(Runnable steps) {
    TransactionSynchronizationManager.initSynchronization();
    try {
      steps.run();
      TransactionSynchronizationManager.getSynchronizations().forEach(sync -> sync.beforeCommit(false));
      TransactionSynchronizationManager.getSynchronizations()
          .forEach(sync -> sync.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
    } finally {
      TransactionSynchronizationManager.clearSynchronization();
    }
  }

  /** An execution of engagement {@code id} at {@code activity}, firing {@code event}. */
  private static DelegateExecution execution(String id, String activity, String event) {
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getProcessBusinessKey()).thenReturn(id);
    when(execution.getCurrentActivityId()).thenReturn(activity);
    when(execution.getEventName()).thenReturn(event);
    when(execution.getId()).thenReturn(id + "/" + activity);
    return execution;
  }
}
