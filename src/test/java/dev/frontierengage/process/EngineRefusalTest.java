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

  @Test
  void anotherDatabaseFailureIsAFault() {
    assertThat(EngineRefusal.of(new ProcessEnginePersistenceException("An exception occurred in the persistence layer",
        new SQLException("ERROR: relation does not exist", "42P01")))).isEmpty();
  }
}
