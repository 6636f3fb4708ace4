package dev.frontierengage.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontierengage.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL database; in the middle of the load, node A is killed while it
 * holds locks on due jobs (a short lock time of 10 s in this test). Node B takes those jobs over
 * once their locks expire and, with the clients failing over to it, finishes every engagement:
 * the final counts match what was started, and every timer fired exactly once.
 * (PostgreSQL only: {@code mvn -Ppostgres verify}.)
 */
@Tag("alone") // nodes as JVMs of their own: with the machine to itself, after the other application tests (pom.xml)
class NodeLossIT {

  static final int ENGAGEMENTS = 60;
  static final int CLIENTS = 6;
  static final String NODE_A = "node-a";

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) // a failed run keeps the nodes' logs
  Path dir;
  final NodeClient client = new NodeClient();

  @Test
  void theSurvivingNodeFinishesEveryEngagementIncludingTheJobsTheDeadNodeHadLocked() throws Exception {
    assumeTrue(TestDatabase.postgres(), "a cluster shares a PostgreSQL database");
    Map<String, String> database = TestDatabase.properties("node-loss");
    Map<String, String> shortLocks = Map.of("JOB_LOCK_TIME_MS", "10000");
    // node A takes big batches of jobs and runs them one by one, so that it holds locks on jobs
    // it has not run yet for long enough to be caught with them
    // (its connections carry its name, so that the test can see what its database sessions do)
    List<String> greedy = Cluster.arguments(database, "--camunda.bpm.job-execution.max-jobs-per-acquisition=20",
        "--camunda.bpm.job-execution.queue-capacity=20", "--camunda.bpm.job-execution.core-pool-size=1",
        "--camunda.bpm.job-execution.max-pool-size=1",
        "--spring.datasource.hikari.data-source-properties.ApplicationName=" + NODE_A);
    try (Node a = Node.start(dir.resolve("node-a.log"), greedy, with(shortLocks, "NODE_ID", NODE_A));
         Node b = Node.start(dir.resolve("node-b.log"), Cluster.arguments(database), with(shortLocks, "NODE_ID", "node-b"))) {
      a.awaitHealthy(Duration.ofMinutes(3));
      b.awaitHealthy(Duration.ofMinutes(3));
      LiveNodes nodes = new LiveNodes(List.of(a, b));
      Lifecycle lifecycle = new Lifecycle(client, nodes, Duration.ofSeconds(15));

      List<String> ids;
      List<String> orphaned;
      try (Clients clients = new Clients(CLIENTS)) {
        for (int i = 0; i < ENGAGEMENTS; i++) {
          int number = i;
          clients.drive(() -> {
            String id = lifecycle.open(number);
            lifecycle.intake(id);
            lifecycle.benchmark(id);
            lifecycle.fromConsultationToRelease(id);
            return id;
          });
        }
        orphaned = killWhileHoldingJobs(a, nodes, database);
        assertThat(orphaned).as("jobs node A held when it died").isNotEmpty();
        ids = clients.awaitAll(Duration.ofMinutes(10));
      }

      assertThat(ids).hasSize(ENGAGEMENTS).doesNotHaveDuplicates();
      for (String id : ids) {
        JsonNode closed = lifecycle.detail(id);
        assertThat(closed.get("stage").asText() + "/" + closed.get("status").asText()).as(id)
            .isEqualTo("CLOSED/RELEASED_TO_PARTNERS");
      }
      assertThat(client.get(b, "/api/engagements?size=1", "alice").get("total").asInt()).isEqualTo(ENGAGEMENTS);
      assertThat(client.historyCount(b, "activity-instance/count?activityId=EndEvent_ReleasedToTrustedPartners"))
          .isEqualTo(ENGAGEMENTS);
      assertThat(client.historyCount(b, "activity-instance/count?activityId=BoundaryEvent_ConsultationPeriodEnded"))
          .as("consultation timers fired, each once").isEqualTo(ENGAGEMENTS);
      assertThat(client.historyCount(b, "activity-instance/count?activityId=TimerEvent_AccessWindowOpens&finished=true"))
          .as("access-window timers fired, each once").isEqualTo(ENGAGEMENTS);
      assertThat(client.historyCount(b, "process-instance/count?processDefinitionKey=engagement&unfinished=true"))
          .isZero();
      for (String job : orphaned) {
        JsonNode ran = client.get(b, "/engine-rest/history/job-log?successLog=true&jobId=" + job, "admin");
        assertThat(ran).as("job " + job + " run once after node A died").hasSize(1);
        assertThat(ran.get(0).get("hostname").asText()).isEqualTo("node-b");
      }
    }
  }

  /**
   * Pauses node A now and then (SIGSTOP) and looks at the jobs it holds; once it holds locks on
   * jobs it has not finished, kills it there (kill -9) and takes it out of the load balancer.
   * Returns the jobs it held once it was gone. Bounded: fails after two minutes.
   *
   * <p>A paused JVM sends nothing more, but what it sent just before (a job's commit, the
   * unlocking of jobs its queue had no room for) may still reach the server and land after the
   * jobs were read: such a job would count as held though A finished or gave it back, and if
   * every job read was such a one, A died holding none (CI of 2026-12-06). So the jobs are read
   * only once the server has had a moment to take in what A sent and none of A's sessions runs a
   * statement (else A goes on and is paused again later); and read again once none of A's
   * database sessions is left (each has then committed what it had received, or rolled back):
   * those are the jobs A held.
   */
  private static List<String> killWhileHoldingJobs(Node a, LiveNodes nodes, Map<String, String> database)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    try (Connection connection = Cluster.connect(database); Statement statement = connection.createStatement()) {
      assertThat(sessionsOfA(statement)).as("node A's database sessions, known by their name").isPositive();
      int pauses = 0;
      while (Instant.now().isBefore(deadline)) {
        a.pause();
        pauses++;
        // the server's backends take in what A sent before the pause (on a busy machine a backend
        // may wait some milliseconds for a core); bounded, then A is resumed or killed
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        if (quiet(statement, Instant.now().plusSeconds(1)) && !held(statement, true).isEmpty()) {
          nodes.takeDown(a);
          a.kill();
          while (sessionsOfA(statement) > 0) {
            if (Instant.now().isAfter(deadline)) {
              throw new IllegalStateException("node A's database sessions outlived it");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // the server ending them, bounded
          }
          // no expiry filter: a lock that ran out meanwhile is still a job A never finished
          List<String> held = held(statement, false);
          System.out.printf("NodeLossIT: node A killed at pause %d, holding %d job(s) once gone%n", pauses, held.size());
          return held;
        }
        a.resume();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // poll interval, bounded by the deadline
      }
    }
    throw new IllegalStateException("node A never held a job lock within two minutes");
  }

  /**
   * The jobs node A holds locks on: those the engagements cannot finish without (the consultation
   * round closing, the access window opening); an overdue escalation held by A may rightly be
   * cancelled, not run, when the round closes before A's lock expires.
   */
  private static List<String> held(Statement statement, boolean unexpired) throws Exception {
    List<String> held = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery("SELECT id_ FROM act_ru_job WHERE lock_owner_ = '" + NODE_A + "'"
        + (unexpired ? " AND lock_exp_time_ > now()" : "") + " AND handler_cfg_ NOT LIKE '%Overdue%'")) {
      while (rows.next()) {
        held.add(rows.getString(1));
      }
    }
    return held;
  }

  /**
   * Whether none of node A's sessions runs a statement by the given time (polled). One may wait on
   * a lock another of its paused sessions holds, and would not end while A is paused: the caller
   * then resumes A and tries again later rather than wait longer.
   */
  private static boolean quiet(Statement statement, Instant until) throws Exception {
    while (true) {
      try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
          + NODE_A + "' AND state IN ('active', 'fastpath function call')")) {
        rows.next();
        if (rows.getInt(1) == 0) {
          return true;
        }
      }
      if (Instant.now().isAfter(until)) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // poll interval, bounded by until
    }
  }

  private static int sessionsOfA(Statement statement) throws Exception {
    try (ResultSet rows = statement.executeQuery(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + NODE_A + "'")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static Map<String, String> with(Map<String, String> environment, String key, String value) {
    Map<String, String> more = new java.util.HashMap<>(environment);
    more.put(key, value);
    return more;
  }
}
