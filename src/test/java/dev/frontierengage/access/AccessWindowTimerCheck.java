package dev.frontierengage.access;

import dev.frontierengage.engagement.EngagementProcess.Elements;
import dev.frontierengage.engagement.EngagementProcess.Vars;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Finds every timer of the access window (inside it or on its boundary) whose wait could run
 * past the cap: a literal duration longer than the cap, a fixed date, or an expression other
 * than the window's own start and end (read from the engagement's record, where
 * {@code ScheduleAccessWindowDelegate} puts what only {@link AccessWindowRules#window} computes).
 */
final class AccessWindowTimerCheck {

  /** The window's own start and end, as {@code ScheduleAccessWindowDelegate} recorded them. */
  static final String WINDOW_START = "${engagementRecord." + Vars.ACCESS_WINDOW_START + "(execution)}";
  static final String WINDOW_END = "${engagementRecord." + Vars.ACCESS_WINDOW_END + "(execution)}";
  /** The evaluation's escalation: before the window's end by construction (a notice, never a wait). */
  static final String EVALUATION_REMINDER = "${agencyDeadlines.evaluationReminder(execution)}";
  static final Set<String> BOUNDED_EXPRESSIONS = Set.of(WINDOW_START, WINDOW_END, EVALUATION_REMINDER);

  private AccessWindowTimerCheck() {}

  static List<String> violations(BpmnModelInstance model, int capDays) {
    List<String> violations = new ArrayList<>();
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      FlowElement event = (FlowElement) timer.getParentElement();
      if (!inAccessWindow(event)) {
        continue;
      }
      String what = event.getId();
      if (timer.getTimeCycle() != null) {
        violations.add(what + ": a cycle has no end inside the window");
      }
      if (timer.getTimeDate() != null) {
        check(what, timer.getTimeDate().getTextContent().strip(), capDays, false, violations);
      }
      if (timer.getTimeDuration() != null) {
        check(what, timer.getTimeDuration().getTextContent().strip(), capDays, true, violations);
      }
    }
    return violations;
  }

  private static void check(String what, String value, int capDays, boolean duration,
      List<String> violations) {
    if (BOUNDED_EXPRESSIONS.contains(value)) {
      return;
    }
    if (value.startsWith("${") || value.startsWith("#{")) {
      violations.add(what + ": expression " + value + " is not bounded by the access cap");
      return;
    }
    if (!duration) {
      violations.add(what + ": fixed date " + value + " is not bounded by the access cap");
      return;
    }
    long days = days(value);
    if (days < 0 || days > capDays) {
      violations.add(what + ": duration " + value + " exceeds the cap of " + capDays + " days");
    }
  }

  private static long days(String iso) {
    try {
      Duration duration = Duration.parse(iso);
      long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
      return Math.floorDiv(seconds + 86_399, 86_400);
    } catch (DateTimeParseException notADuration) {
      try {
        Period period = Period.parse(iso);
        // the longest calendar reading: leap years, 31-day months
        return period.getYears() * 366L + period.getMonths() * 31L + period.getDays();
      } catch (DateTimeParseException notAPeriod) {
        return -1;
      }
    }
  }

  private static boolean inAccessWindow(FlowElement event) {
    if (event instanceof BoundaryEvent boundary
        && Elements.ACCESS_WINDOW.equals(boundary.getAttachedTo().getId())) {
      return true;
    }
    for (ModelElementInstance parent = event.getParentElement(); parent != null;
        parent = parent.getParentElement()) {
      if (parent instanceof SubProcess sub && Elements.ACCESS_WINDOW.equals(sub.getId())) {
        return true;
      }
    }
    return false;
  }
}
