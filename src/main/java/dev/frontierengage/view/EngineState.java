package dev.frontierengage.view;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the engine holds of an engagement that its developer's view is made of: the activities its
 * processes wait in and, when asked, the timers of those processes, read in one statement from
 * the engine's runtime tables in the transaction that asks (every process of the engagement has
 * its id as business key). Read as the engine's own execution and job queries would read the same
 * rows, but without an engine command for each: a command context, its interceptors and the
 * mapping of every column of every execution, which the projection before each commit paid for
 * to read three columns.
 */
@Component
class EngineState {

  /** A timer of one of the engagement's processes: its job definition, and when it is due. */
  record Timer(String jobDefinitionId, Instant due) {}

  /**
   * The activities the engagement's executions wait in (those active and in an activity: a
   * scope's parent is neither), whether it has any execution at all, and its timers ({@code null}:
   * not read).
   */
  record Steps(boolean running, Set<String> active, List<Timer> timers) {}

  private final JdbcTemplate jdbc;
  private final ManagementService management;
  /** The statements, with the engine's table prefix (read once the first runs). */
  private volatile String executionsSql;
  private volatile String timersSql;
  private volatile String executionsAndTimersSql;

  EngineState(DataSource dataSource, ManagementService management) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.management = management;
  }

  /** The engagement's executions and, with {@code withTimers}, its timers, in one statement. */
  Steps read(String id, boolean withTimers) {
    statements();
    Set<String> active = new HashSet<>();
    List<Timer> timers = withTimers ? new ArrayList<>() : null;
    boolean[] running = {false};
    jdbc.query(withTimers ? executionsAndTimersSql : executionsSql, (ResultSet rs) -> {
      if ("T".equals(rs.getString("KIND_"))) {
        timer(rs, timers);
      } else {
        running[0] = true;
        execution(rs, active);
      }
    }, withTimers ? new Object[] {id, id} : new Object[] {id});
    return new Steps(running[0], active, timers);
  }

  /** The timers of the engagement's processes. */
  List<Timer> timers(String id) {
    statements();
    List<Timer> timers = new ArrayList<>();
    jdbc.query(timersSql, (ResultSet rs) -> timer(rs, timers), id);
    return timers;
  }

  private static void execution(ResultSet rs, Set<String> active) throws SQLException {
    String activity = rs.getString("ACT_ID_");
    if (rs.getBoolean("IS_ACTIVE_") && activity != null) {
      active.add(activity);
    }
  }

  private static void timer(ResultSet rs, List<Timer> timers) throws SQLException {
    Timestamp due = rs.getTimestamp("DUEDATE_");
    if (due != null) {
      timers.add(new Timer(rs.getString("JOB_DEF_ID_"), due.toInstant()));
    }
  }

  /**
   * The two statements, each with the same five columns so that they can be read as one: the
   * executions of every process instance whose business key is the engagement's (on the engine's
   * index of business keys), and the timer jobs of those process instances (as the engine's job
   * query with {@code timers()} selects them).
   */
  private void statements() {
    if (executionsSql != null) {
      return;
    }
    String executions = management.getTableName(Execution.class);
    String jobs = management.getTableName(Job.class);
    timersSql = "SELECT 'T' AS KIND_, CAST(NULL AS VARCHAR(255)) AS ACT_ID_, CAST(NULL AS BOOLEAN) AS IS_ACTIVE_,"
        + " J.JOB_DEF_ID_, J.DUEDATE_ FROM " + jobs + " J INNER JOIN " + executions
        + " INST ON J.PROCESS_INSTANCE_ID_ = INST.ID_ WHERE INST.BUSINESS_KEY_ = ? AND J.TYPE_ = 'timer'";
    String executionsOnly = "SELECT 'E' AS KIND_, RES.ACT_ID_, RES.IS_ACTIVE_, CAST(NULL AS VARCHAR(64)) AS JOB_DEF_ID_,"
        + " CAST(NULL AS TIMESTAMP) AS DUEDATE_ FROM " + executions + " RES INNER JOIN " + executions
        + " INST ON RES.PROC_INST_ID_ = INST.ID_ WHERE INST.BUSINESS_KEY_ = ?";
    executionsAndTimersSql = executionsOnly + " UNION ALL " + timersSql;
    executionsSql = executionsOnly; // the last: another thread that sees it sees the other two
  }
}
