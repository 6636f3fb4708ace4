package dev.frontierengage.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.policy.Policy;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.test.TestHelper;
import org.camunda.bpm.model.bpmn.Bpmn;
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
 * gateways with named flows and a default, groups not people, durations from the policy (read
 * through the engagement's record), every bean a model names exists, and a call activity passes
 * the business key and no variable.
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
    // a wait of the policy bound to the engagement, a date its record holds (computed from that
    // policy when the window was scheduled), or an agency deadline (working days of the policy);
    // never a literal, never a variable a completion could send
    Pattern record = Pattern.compile("^\\$\\{engagementRecord\\.([a-zA-Z]+)\\(execution\\)}$");
    Pattern deadline = Pattern.compile(
        "^\\$\\{agencyDeadlines\\.(due\\(execution, '[a-z-]+'\\)|(consultationDue|vettingDue|evaluationReminder)"
            + "\\(execution\\))}$");
    Set<String> policyWaits = Arrays.stream(Policy.class.getRecordComponents())
        .filter(c -> c.getType() == Duration.class).map(RecordComponent::getName).collect(Collectors.toSet());
    Set<String> waits = readers(String.class).stream().filter(policyWaits::contains).collect(Collectors.toSet());
    Set<String> dates = readers(Date.class);
    List<String> literal = new ArrayList<>();
    int timers = 0;
    for (Map.Entry<String, BpmnModelInstance> entry : MODELS.entrySet()) {
      for (TimerEventDefinition timer : entry.getValue().getModelElementsByType(TimerEventDefinition.class)) {
        for (var wait : new BaseElement[] {timer.getTimeDuration(), timer.getTimeCycle()}) {
          if (wait != null) {
            timers++;
            String text = wait.getTextContent().strip();
            Matcher read = record.matcher(text);
            if (!read.matches() || !waits.contains(read.group(1))) {
              literal.add(entry.getKey() + ": " + timer.getId() + " = " + text);
            }
          }
        }
        if (timer.getTimeDate() != null) {
          timers++;
          String text = timer.getTimeDate().getTextContent().strip();
          Matcher read = record.matcher(text);
          if (!(read.matches() && dates.contains(read.group(1))) && !deadline.matcher(text).matches()) {
            literal.add(entry.getKey() + ": " + timer.getId() + " = " + text);
          }
        }
      }
    }
    assertThat(timers).as("the models have timers").isPositive();
    assertThat(literal).as("durations come from the policy bound to the engagement").isEmpty();
  }

  /** The engagement record's readers a model can call with the execution, returning {@code type}. */
  private static Set<String> readers(Class<?> type) {
    return Arrays.stream(EngagementRecord.class.getMethods())
        .filter(m -> m.getParameterCount() == 1 && m.getParameterTypes()[0] == VariableScope.class)
        .filter(m -> m.getReturnType() == type).map(Method::getName).collect(Collectors.toSet());
  }

  /** Every bean an expression of a model calls or names: {@code ${bean}}, {@code ${bean.method(...)}}. */
  static Set<String> beansTheModelsName() {
    Set<String> named = new TreeSet<>();
    Pattern expression = Pattern.compile("[$#]\\{([^}]*)}");
    Pattern call = Pattern.compile("\\b([a-zA-Z]+)\\.[a-zA-Z]+\\(");
    Pattern bean = Pattern.compile("^\\$\\{([a-zA-Z]+)}$");
    MODELS.values().forEach(model -> {
      // delegates and listeners: ${bean}
      List<String> delegates = new ArrayList<>();
      model.getModelElementsByType(ServiceTask.class)
          .forEach(t -> delegates.add(t.getCamundaDelegateExpression()));
      model.getModelElementsByType(CamundaTaskListener.class)
          .forEach(l -> delegates.add(l.getCamundaDelegateExpression()));
      model.getModelElementsByType(CamundaExecutionListener.class)
          .forEach(l -> delegates.add(l.getCamundaDelegateExpression()));
      for (String delegate : delegates) {
        if (delegate != null) {
          Matcher matcher = bean.matcher(delegate);
          assertThat(matcher.matches()).as(delegate).isTrue();
          named.add(matcher.group(1));
        }
      }
      // every method call in any expression of the model (gateways, timers, due dates, candidate
      // groups, input parameters, multi-instance collections, listener expressions)
      Matcher expressions = expression.matcher(Bpmn.convertToString(model));
      while (expressions.find()) {
        Matcher calls = call.matcher(expressions.group(1));
        while (calls.find()) {
          if (!List.of("execution", "task").contains(calls.group(1))) {
            named.add(calls.group(1));
          }
        }
      }
    });
    return named;
  }

  @Test
  void everyBeanAModelNamesIsWired() {
    Set<String> named = beansTheModelsName();
    assertThat(named).as("the records the models read").contains("engagementRecord", "assessmentRecord",
        "partnerRecord", "agencyDeadlines", "formContext");
    Map<String, Object> wired = ProcessWiring.beans(processTestEngine(), ConfiguredPolicy.load());
    assertThat(wired.keySet()).containsAll(named);
    // and nothing the engine calls sits unused: every listener and delegate wired is named by a model
    List<String> unused = wired.entrySet().stream().filter(e -> !named.contains(e.getKey()))
        .filter(e -> e.getValue() instanceof TaskListener || e.getValue() instanceof ExecutionListener
            || e.getValue() instanceof JavaDelegate)
        .map(Map.Entry::getKey).toList();
    assertThat(unused).as("listeners and delegates no model names").isEmpty();
  }

  /** The process tests' engine (shared, cached by its configuration), whose data source the records use. */
  static ProcessEngine processTestEngine() {
    return TestHelper.getProcessEngine(ProcessTestEngine.CONFIG);
  }

  @Test
  void callActivitiesPassOnlyTheBusinessKey() {
    // the called processes read the engagement's record by business key: no variable crosses
    List<String> wrong = new ArrayList<>();
    int calls = 0;
    for (Map.Entry<String, BpmnModelInstance> entry : MODELS.entrySet()) {
      for (CallActivity call : entry.getValue().getModelElementsByType(CallActivity.class)) {
        calls++;
        String what = entry.getKey() + ": " + call.getId();
        List<String> mappings = new ArrayList<>();
        if (call.getExtensionElements() != null) {
          call.getExtensionElements().getElementsQuery().list().forEach(element -> {
            String kind = element.getDomElement().getLocalName();
            if (kind.equals("in") || kind.equals("out")) {
              StringBuilder mapping = new StringBuilder(kind);
              for (String attribute : List.of("businessKey", "source", "sourceExpression", "variables", "target")) {
                if (element.getAttributeValue(attribute) != null) {
                  mapping.append(' ').append(attribute);
                }
              }
              mappings.add(mapping.toString());
            }
          });
        }
        if (!mappings.equals(List.of("in businessKey"))) {
          wrong.add(what + " maps " + mappings);
        }
      }
    }
    assertThat(calls).as("the engagement calls the assessment and the partner selection").isEqualTo(2);
    assertThat(wrong).as("call activities map the business key and nothing else").isEmpty();
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
