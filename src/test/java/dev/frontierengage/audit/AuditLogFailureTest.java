package dev.frontierengage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

/** An audit line's reason for a failure names its kinds and never quotes what it failed on. */
class AuditLogFailureTest {

  @Test
  void aFailureIsNamedByItsCausesClassesAndSqlStateWithoutItsMessages() {
    var failure = new IllegalStateException("carrying over 'model X, score 0.93' failed",
        new SQLException("Value too long for column \"COMMENT\": \"'classified rationale' (4001)\"", "22001",
            new DateTimeParseException("Text 'classified' could not be parsed at index 0", "classified", 0)));

    assertThat(AuditLog.failure(failure)).isEqualTo("java.lang.IllegalStateException < java.sql.SQLException"
        + " (SQL state 22001) < java.time.format.DateTimeParseException");
  }

  @Test
  void aCauseChainThatLoopsIsNamedOnce() {
    var outer = new RuntimeException("outer 'value'");
    var inner = new IllegalArgumentException("inner 'value'", outer);
    outer.initCause(inner);

    assertThat(AuditLog.failure(outer)).isEqualTo("java.lang.RuntimeException < java.lang.IllegalArgumentException");
  }
}
