package dev.frontierengage.engagement;

import dev.frontierengage.engagement.EngagementProcess.Elements;
import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.engagement.EngagementViews.AccessWindow;
import dev.frontierengage.engagement.EngagementViews.Assessment;
import dev.frontierengage.engagement.EngagementViews.Detail;
import dev.frontierengage.engagement.EngagementViews.Page;
import dev.frontierengage.engagement.EngagementViews.Summary;
import dev.frontierengage.partners.PartnerSelectionProcess;
import dev.frontierengage.process.Submission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Reads engagements for the developer API from the engine's runtime and history: only the
 * organization's own, and of each only what is releasable.
 */
@Component
class EngagementReader {

  /** An engagement as the API sees it: the instance, its state and its releasable variables. */
  record Current(HistoricProcessInstance instance, Set<String> active, Stage stage, Status status,
      List<DeveloperAction> openActions, Map<String, Object> variables) {}

  private final HistoryService history;
  private final RuntimeService runtime;
  private final Timeline timeline;
  private final Partners partners;
  private final EngagementIndex index;

  EngagementReader(HistoryService history, RuntimeService runtime, Timeline timeline,
      Partners partners, EngagementIndex index) {
    this.history = history;
    this.runtime = runtime;
    this.timeline = timeline;
    this.partners = partners;
    this.index = index;
  }

  /** The engagement, or 404 when it does not exist or belongs to another organization. */
  Current find(String organization, String id) {
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(EngagementProcess.PROCESS_ID).processInstanceBusinessKey(id)
        .singleResult();
    if (instance == null) {
      throw ApiRefusal.notFound(id);
    }
    Map<String, Object> variables = variables(instance.getId());
    if (!organization.equals(variables.get(Vars.ORGANIZATION))) {
      throw ApiRefusal.notFound(id);
    }
    return current(instance, variables);
  }

  /** A page of the organization's engagements, newest first, found through the {@link EngagementIndex}. */
  Page list(String organization, int page, int size) {
    long total = index.count(organization);
    List<String> ids = index.page(organization, page * size, size);
    Map<String, HistoricProcessInstance> byId = new HashMap<>();
    if (!ids.isEmpty()) {
      history.createHistoricProcessInstanceQuery().processInstanceIds(new HashSet<>(ids)).list()
          .forEach(instance -> byId.put(instance.getId(), instance));
    }
    // an instance an administrator deleted from history is left out
    List<HistoricProcessInstance> instances = ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    Map<String, Map<String, Object>> variables = variables(instances);
    List<Summary> items = new ArrayList<>();
    for (HistoricProcessInstance instance : instances) {
      Current current = current(instance, variables.getOrDefault(instance.getId(), Map.of()));
      items.add(new Summary(instance.getBusinessKey(), (String) current.variables().get(Vars.MODEL_NAME),
          (String) current.variables().get(Vars.MODEL_VERSION), current.stage(), current.status(),
          instance.getStartTime().toInstant()));
    }
    return new Page(items, page, size, total);
  }

  Detail detail(Current current) {
    Map<String, Object> v = current.variables();
    Assessment assessment = v.get(Vars.ASSESSMENT_SHARED_AT) instanceof Date sharedAt
        ? new Assessment(Boolean.TRUE.equals(v.get(Vars.DESIGNATED)),
            (String) v.get(Vars.ASSESSMENT_SUMMARY), sharedAt.toInstant())
        : null;
    AccessWindow window = v.get(Vars.ACCESS_WINDOW_START) instanceof Date start
        && v.get(Vars.ACCESS_WINDOW_END) instanceof Date end
        ? new AccessWindow(start.toInstant(), end.toInstant()) : null;
    String id = current.instance().getBusinessKey();
    return new Detail(id, (String) v.get(Vars.ORGANIZATION), (String) v.get(Vars.MODEL_NAME),
        (String) v.get(Vars.MODEL_VERSION), (String) v.get(Vars.DESCRIPTION),
        (String) v.get(Vars.CONTACT_EMAIL), Submission.toDate(v.get(Vars.PLANNED_PARTNER_RELEASE_DATE)),
        (String) v.get(Vars.POLICY_ID), current.stage(), current.status(), current.openActions(),
        (String) v.get(Vars.INTAKE_NOTE), assessment, window, partners.of(id, current.active()),
        timeline.of(id));
  }

  private Current current(HistoricProcessInstance instance, Map<String, Object> variables) {
    if (instance.getEndTime() != null) {
      Status status = history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
          .finished().list().stream()
          .map(step -> Status.BY_END_EVENT.get(step.getActivityId()))
          .filter(Objects::nonNull)
          .findFirst().orElse(Status.CLOSED);
      return new Current(instance, Set.of(), Stage.CLOSED, status, List.of(), variables);
    }
    Set<String> active = new HashSet<>();
    for (ProcessInstance running : runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(instance.getBusinessKey()).list()) {
      active.addAll(runtime.getActiveActivityIds(running.getId()));
    }
    return new Current(instance, active, stage(active), null, openActions(active), variables);
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
    if (active.stream().anyMatch(Partners.SELECTION::contains)
        || active.contains(Elements.ACCESS_WINDOW_OPENS) || active.contains(Elements.EVALUATE_MODEL)) {
      return Stage.ACCESS_WINDOW;
    }
    return Stage.DESIGNATION;
  }

  static List<DeveloperAction> openActions(Set<String> active) {
    List<DeveloperAction> open = new ArrayList<>();
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
    return open;
  }

  /** The releasable variables of a page of engagements, in one query instead of one per engagement. */
  private Map<String, Map<String, Object>> variables(List<HistoricProcessInstance> instances) {
    Map<String, Map<String, Object>> byInstance = new HashMap<>();
    if (instances.isEmpty()) {
      return byInstance;
    }
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
        .variableNameIn(RELEASABLE).list()) {
      byInstance.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
          .put(variable.getName(), variable.getValue());
    }
    return byInstance;
  }

  private Map<String, Object> variables(String processInstanceId) {
    Map<String, Object> variables = new HashMap<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableNameIn(RELEASABLE).list()) {
      variables.put(variable.getName(), variable.getValue());
    }
    return variables;
  }

  /** The only variables of the engagement the developer API ever reads. */
  static final String[] RELEASABLE = {Vars.ORGANIZATION, Vars.MODEL_NAME, Vars.MODEL_VERSION,
      Vars.DESCRIPTION, Vars.CONTACT_EMAIL, Vars.PLANNED_PARTNER_RELEASE_DATE, Vars.POLICY_ID,
      Vars.ACCESS_CAP_DAYS, Vars.INTAKE_NOTE, Vars.DESIGNATED, Vars.ASSESSMENT_SUMMARY,
      Vars.ASSESSMENT_SHARED_AT, Vars.ACCESS_WINDOW_START, Vars.ACCESS_WINDOW_END};

}
