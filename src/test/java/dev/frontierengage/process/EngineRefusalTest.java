package dev.frontierengage.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * The database's rollback of a transaction to break a deadlock is a conflict (409), however it
 * reaches us, and its answer quotes neither the statement nor the server's process ids.
 */
class EngineRefusalTest {

  static final SQLException DEADLOCK = new SQLException("ERROR: deadlock detected\n  Detail: Process 2863 waits for"
      + " ShareLock on transaction 3927", "40P01");

  @Test
  void aDeadlockAsTheViewLocksItsRowBeforeCommitIsAConflict() {
    // Spring's JdbcTemplate, from the view's lock of the engagement's row
    var refusal = EngineRefusal.of(new PessimisticLockingFailureException(
        "PreparedStatementCallback; SQL [SELECT * FROM fe_engagement WHERE engagement_id = ? FOR UPDATE]", DEADLOCK));
    assertThat(refusal).hasValueSatisfying(conflict -> {
      assertThat(conflict.kind()).isEqualTo(EngineRefusal.Kind.CONFLICT);
      assertThat(conflict.message()).doesNotContain("SQL", "Process 2863", "deadlock");
    });
  }

  @Test
  void aDeadlockInTheEnginesFlushIsAConflict() {
    // the engine's batch flush: the server's exception is the next one of the batch's
    BatchUpdateException batch = new BatchUpdateException("Batch entry 1 delete from ACT_RU_IDENTITYLINK was aborted",
        null, 0, new int[0], null);
    batch.setNextException(DEADLOCK);
    assertThat(EngineRefusal.of(new ProcessEnginePersistenceException("An exception occurred in the persistence layer",
        new RuntimeException(batch)))).map(EngineRefusal::kind).hasValue(EngineRefusal.Kind.CONFLICT);
    assertThat(EngineRefusal.of(new ProcessEnginePersistenceException("An exception occurred in the persistence layer",
        new RuntimeException(new SQLException("Deadlock detected", "40001"))))).map(EngineRefusal::kind)
        .as("H2's deadlock").hasValue(EngineRefusal.Kind.CONFLICT);
  }

  @Test
  void aLockConflictIsToldApartFromOtherFailuresForTheJobsRetries() {
    BatchUpdateException batch = new BatchUpdateException("Batch entry 0 delete from ACT_RU_JOB was aborted",
        null, 0, new int[0], null);
    batch.setNextException(DEADLOCK);
    assertThat(EngineRefusal.lockConflict(new PessimisticLockingFailureException("view's lock", DEADLOCK))).isTrue();
    assertThat(EngineRefusal.lockConflict(new ProcessEnginePersistenceException("flush", new RuntimeException(batch))))
        .isTrue();
    assertThat(EngineRefusal.lockConflict(new RuntimeException(new SQLException("Timeout trying to lock table", "HYT00"))))
        .as("H2's lock timeout").isTrue();
    assertThat(EngineRefusal.lockConflict(new ProcessEnginePersistenceException("flush",
        new SQLException("ERROR: relation does not exist", "42P01")))).isFalse();
    assertThat(EngineRefusal.lockConflict(new IllegalStateException("a listener's fault"))).isFalse();
  }

  /**
   * Seen racing a developer's withdrawal against the access window's opening timer on PostgreSQL
   * (staggered starts): the timer's transaction committed a child execution under the access
   * window's scope while the withdrawal deleted the tree it had read, and the withdrawal's flush
   * failed on the child's foreign key. The loser of a race: a 409 that quotes no statement, as a
   * deadlock is; a foreign key our own statements break stays a fault.
   */
  @Test
  void aForeignKeyTheEnginesFlushMeetsIsAConflict() {
    BatchUpdateException batch = new BatchUpdateException("Batch entry 2 delete from ACT_RU_EXECUTION where ID_ ="
        + " ('72d5fab8') and REV_ = ('1'::int4) was aborted", null, 0, new int[0], null);
    batch.setNextException(new SQLException("ERROR: update or delete on table \"act_ru_execution\" violates foreign key"
        + " constraint \"act_fk_exe_parent\" on table \"act_ru_execution\"", "23503"));
    var refusal = EngineRefusal.of(new ProcessEnginePersistenceException("An exception occurred in the persistence layer",
        new org.camunda.bpm.engine.ProcessEngineException("ENGINE-03004 Exception while executing Database Operation"
            + " 'DELETE ExecutionEntity[72d5fac0]'", new RuntimeException(batch))));
    assertThat(refusal).hasValueSatisfying(conflict -> {
      assertThat(conflict.kind()).isEqualTo(EngineRefusal.Kind.CONFLICT);
      assertThat(conflict.message()).doesNotContain("SQL", "ACT_RU_EXECUTION", "act_fk_exe_parent");
    });
    assertThat(EngineRefusal.of(new ProcessEnginePersistenceException("flush", new org.camunda.bpm.engine.ProcessEngineException(
        "ENGINE-03004 Exception while executing Database Operation 'DELETE ExecutionEntity[4f1]' with message"
            + " 'Referential integrity constraint violation'", new SQLException(
                "Referential integrity constraint violation: \"FK_EXE_PARENT\"", "23503")))))
        .map(EngineRefusal::kind).as("H2's").hasValue(EngineRefusal.Kind.CONFLICT);
    assertThat(EngineRefusal.of(new ProcessEnginePersistenceException("flush", new org.camunda.bpm.engine.ProcessEngineException(
        "ENGINE-03004 Exception while executing Database Operation 'INSERT VariableInstanceEntity[4f2]' with message"
            + " 'violates foreign key constraint'. Flush summary: \n [DELETE ExecutionEntity[4f1]]",
        new SQLException("violates foreign key constraint", "23503")))))
        .as("not a delete's (the engine itself tells an insert's or an update's that lost a race): a fault").isEmpty();
    assertThat(EngineRefusal.of(new org.springframework.dao.DataIntegrityViolationException("PreparedStatementCallback;"
        + " SQL [DELETE FROM fe_engagement]", new SQLException("violates foreign key constraint", "23503"))))
        .as("our own statement's").isEmpty();
  }

  @Test
  void anotherDatabaseFailureIsAFault() {
    assertThat(EngineRefusal.of(new ProcessEnginePersistenceException("An exception occurred in the persistence layer",
        new SQLException("ERROR: relation does not exist", "42P01")))).isEmpty();
  }
}
