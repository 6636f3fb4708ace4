package dev.frontierengage.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationContext;

/**
 * For the application tests: the developer view's read of an engagement from the engine's tables
 * ({@link EngineState}) gives what the engine's own API gives for the same engagement.
 */
public final class EngineStates {

  private EngineStates() {}

  /**
   * Asserts that the read of engagement {@code id}, with its timers and without, finds the
   * activities the engine names active in its processes, and the timers its job query finds,
   * each with its job definition and due date; and {@code running}: whether any process runs.
   */
  public static void assertReadAsTheEngine(ApplicationContext context, ProcessEngine engine, String id,
      boolean running) {
    EngineState state = context.getBean(EngineState.class);
    List<ProcessInstance> instances = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(id).list();
    Set<String> active = new HashSet<>();
    instances.forEach(instance -> active.addAll(engine.getRuntimeService().getActiveActivityIds(instance.getId())));
    Set<EngineState.Timer> timers = new HashSet<>();
    if (!instances.isEmpty()) {
      engine.getManagementService().createJobQuery()
          .processInstanceIds(new HashSet<>(instances.stream().map(ProcessInstance::getId).toList())).timers().list()
          .forEach(job -> timers.add(new EngineState.Timer(job.getJobDefinitionId(), job.getDuedate().toInstant())));
    }
    assertThat(instances.isEmpty()).as("whether the engagement runs").isEqualTo(!running);

    EngineState.Steps withTimers = state.read(id, true);
    assertThat(withTimers.running()).isEqualTo(running);
    assertThat(withTimers.active()).as("the activities waited in").isEqualTo(active);
    assertThat(withTimers.timers()).as("the timers").containsExactlyInAnyOrderElementsOf(timers);
    EngineState.Steps without = state.read(id, false);
    assertThat(without.running()).isEqualTo(running);
    assertThat(without.active()).isEqualTo(active);
    assertThat(without.timers()).as("not read").isNull();
    assertThat(state.timers(id)).containsExactlyInAnyOrderElementsOf(timers);
  }
}
