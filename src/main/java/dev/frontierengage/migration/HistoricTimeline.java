package dev.frontierengage.migration;

import dev.frontierengage.engagement.EngagementProcess.Elements;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.partners.PartnerSelectionProcess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The timeline of an engagement carried over from an earlier version, rebuilt once from the
 * engine's history (that version computed it from history on every request): the same
 * milestones the developer view now records as they happen.
 */
@Component
class HistoricTimeline {

  /** Milestones marked when the step begins. */
  static final Map<String, String> STARTED = Map.of(
      Elements.START_INQUIRY_SUBMITTED, "INQUIRY_SUBMITTED",
      Elements.PROVIDE_CLARIFICATION, "CLARIFICATION_REQUESTED",
      Elements.ASSESS_DESIGNATION, "ASSESSMENT_STARTED");

  /** Milestones marked when the step completes (not when it is cancelled). */
  static final Map<String, String> COMPLETED = Map.ofEntries(
      Map.entry(Elements.REVIEW_INTAKE, "INTAKE_REVIEWED"),
      Map.entry(Elements.PROVIDE_CLARIFICATION, "CLARIFICATION_PROVIDED"),
      Map.entry(Elements.SHARE_ASSESSMENT, "ASSESSMENT_SHARED"),
      Map.entry(Elements.DECIDE_ACCESS_OFFER, "ACCESS_DECISION_MADE"),
      Map.entry(Elements.PREPARE_ACCESS_TERMS, "ACCESS_TERMS_PREPARED"),
      Map.entry(Elements.ACCEPT_ACCESS_TERMS, "ACCESS_TERMS_ANSWERED"),
      Map.entry(Elements.ACCESS_WINDOW_OPENS, "ACCESS_WINDOW_OPENED"),
      Map.entry(Elements.CLOSE_ACCESS_WINDOW, "ACCESS_WINDOW_CLOSED"),
      Map.entry(PartnerSelectionProcess.Elements.PROPOSE_TRUSTED_PARTNERS, "PARTNERS_PROPOSED"),
      Map.entry(PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS, "PARTNERS_VETTED"),
      Map.entry(PartnerSelectionProcess.Elements.REVISE_TRUSTED_PARTNERS, "PARTNERS_REVISED"),
      Map.entry(PartnerSelectionProcess.Elements.END_PARTNERS_AGREED, "PARTNERS_AGREED"),
      Map.entry(PartnerSelectionProcess.Elements.END_SELECTION_CLOSED_AT_DEADLINE, "PARTNER_SELECTION_CLOSED"),
      Map.entry(Elements.AWAIT_RELEASE, "RELEASE_REPORTED"),
      Map.entry(Elements.END_OUT_OF_SCOPE, "OUT_OF_SCOPE"),
      Map.entry(Elements.END_INQUIRY_LAPSED, "INQUIRY_LAPSED"),
      Map.entry(Elements.END_NOT_COVERED, "NOT_COVERED"),
      Map.entry(Elements.END_ACCESS_NOT_OFFERED, "ACCESS_NOT_OFFERED"),
      Map.entry(Elements.END_RELEASED_TO_TRUSTED_PARTNERS, "RELEASED_TO_PARTNERS"),
      Map.entry(Elements.END_ENGAGEMENT_CLOSED, "ENGAGEMENT_CLOSED"),
      Map.entry(Elements.END_WITHDRAWN, "WITHDRAWN"));

  private final HistoryService history;
  private final EngagementRecord record;

  HistoricTimeline(HistoryService history, EngagementRecord record) {
    this.history = history;
    this.record = record;
  }

  /** Writes the engagement's milestones so far to its record's timeline. */
  void rebuild(String engagementId) {
    List<EngagementRecord.Event> events = new ArrayList<>();
    for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(engagementId).list()) {
      for (HistoricActivityInstance step : history.createHistoricActivityInstanceQuery()
          .processInstanceId(instance.getId()).list()) {
        String started = STARTED.get(step.getActivityId());
        if (started != null) {
          events.add(new EngagementRecord.Event(step.getStartTime().toInstant(), started, null));
        }
        String completed = COMPLETED.get(step.getActivityId());
        if (completed != null && step.getEndTime() != null && !step.isCanceled()) {
          events.add(new EngagementRecord.Event(step.getEndTime().toInstant(), completed, null));
        }
      }
    }
    events.sort(Comparator.comparing(EngagementRecord.Event::at));
    events.forEach(event -> record.event(engagementId, event.at(), event.event(), null));
  }
}
