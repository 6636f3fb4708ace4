package dev.frontierengage.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A process instance that ends in another transaction while this one works on it: the engine
 * meets its executions gone and fails with a {@code NullValueException} of its own, no conflict
 * of the database's. Seen in CI: a developer's withdrawal cancelled the partner selection as
 * CISA's vetting of the last partner ended it, and the withdrawal was answered 500. It is the
 * loser of a race: a conflict (409, send it again), as on the engine's own message in 7.24.
 */
class EndedMeanwhileTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engineExtension = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.CONFIG).build();

  private ProcessEngine engine;
  private String deployment;

  @BeforeEach
  void deploy() {
    engine = engineExtension.getProcessEngine();
    deployment = engine.getRepositoryService().createDeployment().addModelInstance("ended-meanwhile.bpmn",
        Bpmn.createExecutableProcess("endedMeanwhile").startEvent().parallelGateway("Gateway_Split")
            .userTask("UserTask_One").endEvent()
            .moveToNode("Gateway_Split").userTask("UserTask_Other").endEvent().done())
        .deploy().getId();
  }

  @AfterEach
  void undeploy() {
    engine.getRepositoryService().deleteDeployment(deployment, true);
  }

  @Test
  void anInstanceEndedByAnotherTransactionWhileThisOneReadItIsAConflict() {
    String instance = engine.getRuntimeService().startProcessInstanceByKey("endedMeanwhile").getId();
    var commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();

    Throwable failure = catchThrowable(() -> commands.execute(context -> {
      // this transaction has met the instance; another ends it and commits
      ExecutionEntity met = context.getExecutionManager().findExecutionById(instance);
      try {
        CompletableFuture.runAsync(() -> engine.getRuntimeService().deleteProcessInstance(instance, "ended meanwhile"))
            .get(30, TimeUnit.SECONDS);
      } catch (Exception notEnded) {
        throw new IllegalStateException("the other transaction did not end the instance", notEnded);
      }
      return met.getExecutions(); // the engine reads the instance's executions now: none
    }));

    assertThat(failure).as("the engine's own failure").isInstanceOf(org.camunda.bpm.engine.exception.NullValueException.class);
    assertThat(EngineRefusal.of(failure)).hasValueSatisfying(refusal -> {
      assertThat(refusal.kind()).isEqualTo(EngineRefusal.Kind.CONFLICT);
      assertThat(refusal.message()).doesNotContain(instance);
    });
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count())
        .as("ended by the other transaction").isZero();
  }

  @Test
  void anotherNullValueOfTheEnginesIsNoConflict() {
    Throwable failure = catchThrowable(() -> engine.getRuntimeService().createMessageCorrelation(null).correlate());
    assertThat(failure).isInstanceOf(org.camunda.bpm.engine.exception.NullValueException.class);
    assertThat(EngineRefusal.of(failure).map(EngineRefusal::kind)).isNotEqualTo(java.util.Optional.of(EngineRefusal.Kind.CONFLICT));
  }
}
