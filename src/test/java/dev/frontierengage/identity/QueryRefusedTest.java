package dev.frontierengage.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/**
 * {@link EngineRestRefusals#queryRefused}: a 400 only for the database refusing the syntax of one
 * of the engine's query statements that write criteria without {@code and}, as MyBatis reports it,
 * for a request's criteria; any other failure of a statement stays what it is.
 */
class QueryRefusedTest {

  /** As the engine wraps MyBatis's report of a statement that failed, with the database's failure under it. */
  private static Throwable failure(String statement, String sqlState) {
    SQLException database = new SQLException("Syntax error in SQL statement \"select distinct RES.* from ACT_RU_JOB"
        + " RES WHERE RES.ID_ = ? [*]RES.JOB_DEF_ID_ = ?\"", sqlState);
    RuntimeException mybatis = new RuntimeException("\n### Error querying database.  Cause: " + database
        + "\n### The error may exist in org/camunda/bpm/engine/impl/mapping/entity/Job.xml"
        + "\n### The error may involve " + statement
        + "\n### The error occurred while executing a query", database);
    return new ProcessEngineException("An exception occurred in the persistence layer.", mybatis);
  }

  @Test
  void aQueryStatementsSyntaxRefusedByPostgresqlOrH2IsTheCriteriaCombined() {
    for (String state : new String[] {"42601", "42000", "42001"}) {
      assertThat(EngineRestRefusals.queryRefused(failure(
          "org.camunda.bpm.engine.impl.persistence.entity.JobEntity.selectJobByQueryCriteria", state)))
          .as(state).contains("selectJobByQueryCriteria");
    }
    assertThat(EngineRestRefusals.queryRefused(failure("org.camunda.bpm.engine.impl.history.event"
        + ".UserOperationLogEntryEventEntity.selectUserOperationLogEntryCountByQueryCriteria", "42601")))
        .contains("selectUserOperationLogEntryCountByQueryCriteria");
    assertThat(EngineRestRefusals.queryRefused(failure("org.camunda.bpm.engine.impl.history.event"
        + ".HistoricDecisionInstanceEntity.selectHistoricDecisionInstancesByQueryCriteria", "42000")))
        .contains("selectHistoricDecisionInstancesByQueryCriteria");
  }

  @Test
  void aSyntaxRefusedInAnyOtherQueryOfTheEnginesIsAFault() {
    // another statement whose syntax the database refused (an empty list written as "( )" in the
    // historic process instances' is refused before it is sent: EmptyKeysLeftOut), or one of ours
    for (String statement : new String[] {
        "org.camunda.bpm.engine.impl.persistence.entity.HistoricProcessInstanceEntity"
            + ".selectHistoricProcessInstanceIdsByQueryCriteria",
        "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.selectTaskByQueryCriteria",
        "org.camunda.bpm.engine.impl.persistence.entity.JobEntity.insertMessage",
        "dev.frontierengage.Ours.selectJobByQueryCriteria"}) {
      assertThat(EngineRestRefusals.queryRefused(failure(statement, "42601"))).as(statement).isEmpty();
    }
  }

  @Test
  void aJobQueryRefusedInsideOurCodeIsAFault() {
    Throwable failure = failure("org.camunda.bpm.engine.impl.persistence.entity.JobEntity.selectJobByQueryCriteria",
        "42601");
    failure.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("dev.frontierengage.Ours", "notify", "Ours.java", 1),
        new StackTraceElement("org.camunda.bpm.engine.impl.delegate.DelegateInvocation", "proceed",
            "DelegateInvocation.java", 1)});
    assertThat(EngineRestRefusals.queryRefused(failure)).isEmpty();
  }

  @Test
  void anyOtherFailureOfAStatementIsNotTakenForIt() {
    String query = "org.camunda.bpm.engine.impl.persistence.entity.JobEntity.selectJobByQueryCriteria";
    // the database refusing something else: a missing table, a lost connection, a conflict
    assertThat(EngineRestRefusals.queryRefused(failure(query, "42P01"))).isEmpty();
    assertThat(EngineRestRefusals.queryRefused(failure(query, "08006"))).isEmpty();
    assertThat(EngineRestRefusals.queryRefused(failure(query, "40P01"))).isEmpty();
    // the syntax refused with no statement of the engine's named
    assertThat(EngineRestRefusals.queryRefused(new ProcessEngineException("failed",
        new SQLException("Syntax error", "42601")))).isEmpty();
  }
}
