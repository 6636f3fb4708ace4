package dev.frontierengage.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;

/**
 * The house rules for every model in {@code bpmn/}: readable ids, a diagram for every element,
 * gateways with named flows and a default, groups not people, durations from the policy, and
 * every bean a model names exists.
 */
class ModelConventionsTest {

  static final Map<Class<? extends BaseElement>, String> PREFIXES = new LinkedHashMap<>();

  static {
    PREFIXES.put(StartEvent.class, "StartEvent");
    PREFIXES.put(EndEvent.class, "EndEvent");
    PREFIXES.put(BoundaryEvent.class, "BoundaryEvent");
    PREFIXES.put(IntermediateCatchEvent.class, "TimerEvent|MessageEvent");
    PREFIXES.put(UserTask.class, "UserTask");
    PREFIXES.put(ServiceTask.class, "ServiceTask");
    PREFIXES.put(BusinessRuleTask.class, "BusinessRuleTask");
    PREFIXES.put(ReceiveTask.class, "ReceiveTask");
    PREFIXES.put(CallActivity.class, "CallActivity");
    PREFIXES.put(SubProcess.class, "SubProcess");
    PREFIXES.put(Gateway.class, "Gateway");
    PREFIXES.put(SequenceFlow.class, "Flow");
    PREFIXES.put(Message.class, "Message");
    PREFIXES.put(TimerEventDefinition.class, "TimerEventDefinition");
    PREFIXES.put(MessageEventDefinition.class, "MessageEventDefinition");
  }

  static final Map<String, BpmnModelInstance> MODELS = Models.bpmn();

  @Test
  void theShippedModelsAreTheThreeProcesses() {
    assertThat(MODELS.keySet()).containsExactlyInAnyOrder(
        "engagement.bpmn", "designation-assessment.bpmn", "trusted-partner-selection.bpmn");
  }

  @Test
  void processIdIsTheFileNameAndEveryProcessHasAHistoryTimeToLive() {
    MODELS.forEach((file, model) -> {
      Process process = model.getModelElementsByType(Process.class).iterator().next();
      assertThat(process.getId() + ".bpmn").isEqualTo(file);
      assertThat(process.isExecutable()).as(file).isTrue();
      assertThat(process.getCamundaHistoryTimeToLiveString()).as(file).isNotBlank();
    });
  }

  @Test
  void everyIdIsTypePrefixedAndReadable() {
    List<String> wrong = new ArrayList<>();
    MODELS.forEach((file, model) -> PREFIXES.forEach((type, prefix) -> {
      Pattern pattern = Pattern.compile("^(" + prefix + ")_[A-Z][A-Za-z0-9]*$");
      for (BaseElement element : model.getModelElementsByType(type)) {
        if (!pattern.matcher(element.getId()).matches()) {
          wrong.add(file + ": " + element.getId() + " (" + type.getSimpleName() + ")");
        }
      }
    }));
    assertThat(wrong).isEmpty();
  }

  @Test
  void everyFlowNodeAndSequenceFlowIsDrawn() {
    List<String> undrawn = new ArrayList<>();
    MODELS.forEach((file, model) -> {
      Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
          .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
      Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
          .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());
      model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId)
          .filter(id -> !shapes.contains(id)).forEach(id -> undrawn.add(file + ": " + id));
      model.getModelElementsByType(SequenceFlow.class).stream().map(SequenceFlow::getId)
          .filter(id -> !edges.contains(id)).forEach(id -> undrawn.add(file + ": " + id));
    });
    assertThat(undrawn).isEmpty();
  }

  @Test
  void decisionsHaveNamedFlowsConditionsAndOneDefault() {
    List<String> wrong = new ArrayList<>();
    MODELS.forEach((file, model) -> {
      for (ExclusiveGateway gateway : model.getModelElementsByType(ExclusiveGateway.class)) {
        if (gateway.getOutgoing().size() < 2) {
          continue;
        }
        if (gateway.getDefault() == null) {
          wrong.add(file + ": " + gateway.getId() + " has no default flow");
        }
        if (gateway.getName() == null || gateway.getName().isBlank()) {
          wrong.add(file + ": " + gateway.getId() + " has no question as its name");
        }
        for (SequenceFlow flow : gateway.getOutgoing()) {
          if (flow.getName() == null || flow.getName().isBlank()) {
            wrong.add(file + ": " + flow.getId() + " has no name");
          }
          if (flow != gateway.getDefault() && flow.getConditionExpression() == null) {
            wrong.add(file + ": " + flow.getId() + " has no condition");
          }
        }
      }
    });
    assertThat(wrong).isEmpty();
  }

  @Test
  void userTasksAreOfferedToGroupsNeverAssigned() {
    MODELS.forEach((file, model) -> {
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        assertThat(task.getCamundaAssignee()).as(file + ": " + task.getId()).isNull();
        assertThat(task.getCamundaCandidateGroups()).as(file + ": " + task.getId()).isNotBlank();
        assertThat(task.getName()).as(file + ": " + task.getId()).isNotBlank();
      }
    });
  }

  @Test
  void everyTimerReadsItsDurationOrDateFromTheEngagement() {
    // a variable of the engagement, or an agency deadline (working days of the bound policy)
    Pattern variable = Pattern.compile("^\\$\\{[a-zA-Z]+}$|^\\$\\{agencyDeadlines\\.(due\\(execution, '[a-z-]+'\\)|consultationDue\\(execution\\))}$");
    List<String> literal = new ArrayList<>();
    MODELS.forEach((file, model) -> {
      for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
        for (var definition : new BaseElement[] {timer.getTimeDate(), timer.getTimeDuration(),
            timer.getTimeCycle()}) {
          if (definition != null && !variable.matcher(definition.getTextContent().strip()).matches()) {
            literal.add(file + ": " + timer.getId() + " = " + definition.getTextContent().strip());
          }
        }
      }
    });
    assertThat(literal).as("durations come from the policy bound to the engagement").isEmpty();
  }

  @Test
  void everyBeanAModelNamesIsWired() {
    Set<String> named = new TreeSet<>();
    Pattern bean = Pattern.compile("^\\$\\{([a-zA-Z]+)}$");
    MODELS.values().forEach(model -> {
      List<String> expressions = new ArrayList<>();
      model.getModelElementsByType(ServiceTask.class)
          .forEach(t -> expressions.add(t.getCamundaDelegateExpression()));
      model.getModelElementsByType(CamundaTaskListener.class)
          .forEach(l -> expressions.add(l.getCamundaDelegateExpression()));
      model.getModelElementsByType(CamundaExecutionListener.class)
          .forEach(l -> expressions.add(l.getCamundaDelegateExpression()));
      for (String expression : expressions) {
        if (expression != null) {
          Matcher matcher = bean.matcher(expression);
          assertThat(matcher.matches()).as(expression).isTrue();
          named.add(matcher.group(1));
        }
      }
      // beans whose methods a due date or a timer calls: ${bean.method(...)}
      List<String> calls = new ArrayList<>();
      model.getModelElementsByType(UserTask.class).forEach(t -> calls.add(t.getCamundaDueDate()));
      model.getModelElementsByType(TimerEventDefinition.class).forEach(t -> calls.add(
          t.getTimeDate() == null ? null : t.getTimeDate().getTextContent()));
      Pattern call = Pattern.compile("^\\$\\{([a-zA-Z]+)\\.[a-zA-Z]+\\(.*\\)}$");
      for (String expression : calls) {
        Matcher matcher = expression == null ? null : call.matcher(expression.strip());
        if (matcher != null && matcher.matches()) {
          named.add(matcher.group(1));
        }
      }
    });
    assertThat(ProcessWiring.beans(ConfiguredPolicy.load()).keySet()).containsExactlyInAnyOrderElementsOf(named);
  }

  @Test
  void everySealedVariableCrossesACallActivityWithItsSeal() {
    Set<String> sealed = new TreeSet<>(dev.frontierengage.engagement.EngagementProcess.Vars.SEALED);
    sealed.addAll(dev.frontierengage.designation.DesignationProcess.Vars.SEALED);
    sealed.addAll(dev.frontierengage.partners.PartnerSelectionProcess.Vars.SEALED);
    List<String> unsealed = new ArrayList<>();
    MODELS.forEach((file, model) -> {
      for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
        Set<String> mapped = new TreeSet<>();
        call.getExtensionElements().getElementsQuery().list().forEach(element ->
            mapped.add(element.getDomElement().getLocalName() + ":"
                + element.getAttributeValue("source")));
        for (String mapping : mapped) {
          String name = mapping.substring(mapping.indexOf(':') + 1);
          if (sealed.contains(name) && !mapped.contains(
              mapping.substring(0, mapping.indexOf(':') + 1) + name + Sealed.SUFFIX)) {
            unsealed.add(file + ": " + call.getId() + " maps " + mapping + " without its seal");
          }
        }
      }
    });
    assertThat(unsealed).isEmpty();
  }

  @Test
  void messageNamesAreTheirIdsWithoutThePrefix() {
    MODELS.forEach((file, model) -> {
      for (Message message : model.getModelElementsByType(Message.class)) {
        assertThat("Message_" + message.getName()).as(file).isEqualTo(message.getId());
      }
    });
  }
}
