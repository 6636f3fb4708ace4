package dev.frontierengage.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.annotation.Order;

/**
 * The engine's events reach every {@link EngineEventListener} once, in the listeners' order and
 * after the model's own listeners, and an administrator's <i>skip custom listeners</i> skips them
 * (as it skipped the Spring Boot starter's events they replace). On a bare engine in memory with
 * {@link EngineEvents} as its plugin.
 */
class EngineEventsTest {

  /** What each party heard, in the order heard: who, the event, the element. */
  private final List<String> heard = Collections.synchronizedList(new ArrayList<>());
  private ProcessEngine engine;

  @Order(2)
  private final class Second implements EngineEventListener {
    @Override
    public void onExecution(DelegateExecution execution) {
      heard.add("second " + execution.getEventName() + " " + execution.getCurrentActivityId());
    }

    @Override
    public void onTask(DelegateTask task) {
      heard.add("second " + task.getEventName() + " " + task.getTaskDefinitionKey());
    }
  }

  @Order(1)
  private final class First implements EngineEventListener {
    @Override
    public void onExecution(DelegateExecution execution) {
      heard.add("first " + execution.getEventName() + " " + execution.getCurrentActivityId());
    }

    @Override
    public void onTask(DelegateTask task) {
      heard.add("first " + task.getEventName() + " " + task.getTaskDefinitionKey());
    }
  }

  @BeforeEach
  void engine() {
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    beans.setDependencyComparator(AnnotationAwareOrderComparator.INSTANCE); // as an application context does
    beans.registerSingleton("second", new Second()); // registered first, heard second
    beans.registerSingleton("first", new First());
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:engine-events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP)
        .setJobExecutorActivate(false)
        .setHistory(ProcessEngineConfiguration.HISTORY_NONE);
    configuration.setProcessEngineName("engine-events-" + UUID.randomUUID());
    configuration.setBeans(Map.of("modelListener", (TaskListener) task -> heard.add("model " + task.getEventName())));
    configuration.getProcessEnginePlugins().add(new EngineEvents(beans.getBeanProvider(EngineEventListener.class)));
    engine = configuration.buildProcessEngine();
    BpmnModelInstance model = Bpmn.createExecutableProcess("Process_Events").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Begun")
        .userTask("UserTask_Work").camundaCandidateGroups("office")
        .camundaTaskListenerDelegateExpression(TaskListener.EVENTNAME_COMPLETE, "${modelListener}")
        .endEvent("EndEvent_Done")
        .done();
    engine.getRepositoryService().createDeployment().addModelInstance("events.bpmn", model).deploy();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void everyListenerHearsEachEventOnceInItsOrderAfterTheModelsOwn() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("Process_Events", "e-1");
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
    engine.getTaskService().complete(task.getId());

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
    assertThat(heard).containsSubsequence(
        "first start UserTask_Work", "second start UserTask_Work",
        "first create UserTask_Work", "second create UserTask_Work",
        "model complete", "first complete UserTask_Work", "second complete UserTask_Work",
        "first end UserTask_Work", "second end UserTask_Work",
        "first start EndEvent_Done", "second start EndEvent_Done");
    for (String event : List.of("start UserTask_Work", "end UserTask_Work", "create UserTask_Work",
        "complete UserTask_Work", "start EndEvent_Done")) {
      assertThat(heard).as(event).filteredOn(("first " + event)::equals).hasSize(1);
      assertThat(heard).as(event).filteredOn(("second " + event)::equals).hasSize(1);
    }
    // the process's own start names its start event too, and so does the event's: both heard
    assertThat(heard).filteredOn("first start StartEvent_Begun"::equals).hasSize(2);
    assertThat(heard).contains("first take StartEvent_Begun", "first take UserTask_Work");
    assertThat(heard).filteredOn(line -> line.startsWith("first ")).hasSameSizeAs(
        heard.stream().filter(line -> line.startsWith("second ")).toList());
  }

  @Test
  void aCancellationHeardUnlessCustomListenersAreSkipped() {
    ProcessInstance heardOne = engine.getRuntimeService().startProcessInstanceByKey("Process_Events", "e-1");
    ProcessInstance skipped = engine.getRuntimeService().startProcessInstanceByKey("Process_Events", "e-2");

    heard.clear();
    engine.getRuntimeService().deleteProcessInstance(heardOne.getId(), "withdrawn");
    assertThat(heard).contains("first delete UserTask_Work", "first end UserTask_Work");

    heard.clear();
    engine.getRuntimeService().deleteProcessInstance(skipped.getId(), "by hand", true);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
    assertThat(heard).isEmpty();
  }
}
