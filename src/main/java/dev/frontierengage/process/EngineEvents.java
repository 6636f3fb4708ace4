package dev.frontierengage.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.event.PublishDelegateParseListener;
import org.camunda.bpm.spring.boot.starter.property.EventingProperty;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The engine's execution and task events, handed straight to the {@link EngineEventListener}
 * beans (in their {@code @Order}), not through Spring's event multicaster. The events are those
 * of the Spring Boot starter's own eventing ({@code camunda.bpm.eventing.execution} and
 * {@code .task}, which stay off in {@code config/application.yaml}): its parse listener adds them
 * to the same elements, for the same events, as custom listeners after the models' own (an
 * administrator's <i>skip custom listeners</i> skips them). Only where they go differs: the
 * starter publishes each event twice as a Spring application event (the engine's object, then an
 * immutable copy), and the multicaster resolves its listeners' types at every event, which cost
 * some 2 % of the CPU of a lifecycle for events that only five methods of three beans hear. The
 * copies are still made by the starter's listener (a dozen getters each) but not passed on: nothing
 * here listens to them. {@code camunda.bpm.eventing.skippable} does not apply: skippable is fixed
 * here, as the starter's default.
 */
@Component
class EngineEvents extends AbstractProcessEnginePlugin {

  private final ObjectProvider<EngineEventListener> beans;
  /** The listeners, resolved at the first event (they need the engine, which is built before them). */
  private volatile List<EngineEventListener> listeners;

  EngineEvents(ObjectProvider<EngineEventListener> beans) {
    this.beans = beans;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EventingProperty events = new EventingProperty();
    events.setExecution(true);
    events.setTask(true);
    events.setHistory(false);
    events.setSkippable(true);
    List<BpmnParseListener> parseListeners = new ArrayList<>();
    if (configuration.getCustomPostBPMNParseListeners() != null) {
      parseListeners.addAll(configuration.getCustomPostBPMNParseListeners());
    }
    parseListeners.add(new PublishDelegateParseListener(this::publish, events));
    configuration.setCustomPostBPMNParseListeners(parseListeners);
  }

  private void publish(Object event) {
    if (event instanceof DelegateExecution execution) {
      for (EngineEventListener listener : listeners()) {
        listener.onExecution(execution);
      }
    } else if (event instanceof DelegateTask task) {
      for (EngineEventListener listener : listeners()) {
        listener.onTask(task);
      }
    }
    // the starter's immutable copies (ExecutionEvent, TaskEvent): nobody here listens to them
  }

  private List<EngineEventListener> listeners() {
    List<EngineEventListener> known = listeners;
    if (known == null) {
      known = beans.orderedStream().toList();
      listeners = known;
    }
    return known;
  }
}
