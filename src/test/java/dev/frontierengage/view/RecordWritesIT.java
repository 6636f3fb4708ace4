package dev.frontierengage.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.frontierengage.TestDatabase;
import dev.frontierengage.designation.AssessmentRecord;
import dev.frontierengage.designation.Consultation;
import dev.frontierengage.designation.ConsultationPosition;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.policy.Policy;
import dev.frontierengage.process.ConfiguredPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An update of the engagement's record returns the row it wrote (PostgreSQL's {@code RETURNING},
 * H2's {@code FINAL TABLE}), on the application's schema and database kind: a read of the record
 * after it in the same transaction, and the developer view's lock of the row before commit, read
 * nothing more; the row returned is the row as it is then, with what another transaction
 * committed before; once the view's own columns are written otherwise, the lock reads the row
 * again; and the row stays held from the update to commit, so another transaction's lock waits.
 * The timeline's events a transaction adds are written together as it commits. An engagement is
 * opened bound to its policy in one insert, and the access window's closing is one update.
 */
class RecordWritesIT {

  static DataSource database;
  /** The statements on {@code fe_engagement} the record and the view ran, as they ran them. */
  static final List<String> statements = new CopyOnWriteArrayList<>();
  /** The statements on {@code fe_timeline}. */
  static final List<String> timelineStatements = new CopyOnWriteArrayList<>();
  /** The statements on {@code fe_consultation}. */
  static final List<String> consultationStatements = new CopyOnWriteArrayList<>();

  EngagementRecord record = new EngagementRecord(database);
  DeveloperView view = new DeveloperView(database);
  TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(database));

  @BeforeAll
  static void schema() throws Exception {
    database = TestDatabase.counted("record-writes-it", sql -> {
      if (sql.contains("fe_engagement")) {
        statements.add(sql);
      }
      if (sql.contains("fe_timeline")) {
        timelineStatements.add(sql);
      }
      if (sql.contains("fe_consultation")) {
        consultationStatements.add(sql);
      }
    });
  }

  @Test
  void aReadAfterAnUpdateAndTheLockBeforeCommitReadNothingMore() {
    String id = opened();
    transaction.executeWithoutResult(status -> view.projected(id, Stage.DESIGNATION, null,
        List.of(new DeveloperView.OpenAction(DeveloperAction.WITHDRAWAL, null))));
    transaction.executeWithoutResult(status -> {
      record.intakeReviewed(id, "CLARIFICATION_NEEDED", "Which benchmark suite?");
      statements.clear();
      assertThat(record.find(id).orElseThrow().intakeNote()).isEqualTo("Which benchmark suite?");
      DeveloperView.View locked = view.lock(id).orElseThrow();
      assertThat(locked.engagement().intakeOutcome()).isEqualTo("CLARIFICATION_NEEDED");
      assertThat(locked.stage()).as("the view's columns as the update found them").isEqualTo(Stage.DESIGNATION);
      assertThat(locked.actions()).containsExactly(DeveloperAction.WITHDRAWAL);
      assertThat(statements).as("the update returned the row; the transaction holds it since").isEmpty();

      view.projected(id, Stage.CLARIFICATION, null, List.of(new DeveloperView.OpenAction(DeveloperAction.CLARIFICATION,
          Instant.parse("2027-01-04T00:00:00Z"))));
      statements.clear();
      DeveloperView.View again = view.lock(id).orElseThrow();
      assertThat(statements).as("the view's columns were written otherwise: the row is read, under its lock")
          .singleElement().satisfies(sql -> assertThat(sql).contains("FOR UPDATE"));
      assertThat(again.stage()).isEqualTo(Stage.CLARIFICATION);
      assertThat(again.actions()).containsExactly(DeveloperAction.CLARIFICATION);
    });
    transaction.executeWithoutResult(status -> {
      statements.clear();
      assertThat(view.lock(id).orElseThrow().stage()).isEqualTo(Stage.CLARIFICATION);
      assertThat(statements).as("a transaction that wrote nothing locks and reads the row").hasSize(1);
    });
  }

  /**
   * An engagement opened bound to a policy is one statement: the insert returns the row, so the
   * policy's listener after it (the same policy) writes nothing, a read of the record reads
   * nothing, and the developer view's lock before commit reads nothing either (the transaction
   * that inserted the row holds it). A record opened bound to none is bound by an update; another
   * policy than the one the row holds is written.
   */
  @Test
  void anEngagementOpenedBoundToThePolicyIsOneStatement() {
    Policy signed = ConfiguredPolicy.signed();
    Policy draft = ConfiguredPolicy.load().all().get(ConfiguredPolicy.DRAFT);
    String id = "E-" + UUID.randomUUID().toString().substring(0, 8);
    statements.clear();
    transaction.executeWithoutResult(status -> {
      open(id, signed);
      record.bindPolicy(id, signed);
      assertThat(record.find(id).orElseThrow().policy()).isEqualTo(signed);
      assertThat(view.lock(id)).isPresent();
      assertThat(statements).as("the insert only").singleElement().satisfies(sql -> assertThat(sql).contains("INSERT"));
    });
    assertThat(record.find(id).orElseThrow().policyId()).as("as committed").isEqualTo(signed.id());

    statements.clear();
    transaction.executeWithoutResult(status -> {
      assertThat(record.find(id).orElseThrow().policy()).isEqualTo(signed);
      record.bindPolicy(id, draft);
      assertThat(record.find(id).orElseThrow().policy()).isEqualTo(draft);
    });
    assertThat(statements).as("a read, and the other policy written").hasSize(2).last()
        .satisfies(sql -> assertThat(sql).contains("UPDATE"));
    assertThat(record.find(id).orElseThrow().policyId()).isEqualTo(ConfiguredPolicy.DRAFT);

    String unbound = opened();
    statements.clear();
    transaction.executeWithoutResult(status -> record.bindPolicy(unbound, signed));
    assertThat(statements).as("a record bound to none: the update").singleElement()
        .satisfies(sql -> assertThat(sql).contains("UPDATE"));
    assertThat(record.find(unbound).orElseThrow().policy()).isEqualTo(signed);
  }

  /**
   * The flow that closes the access window writes how and when in one update, and the window's
   * closing after it in the same transaction writes nothing more; without the flow's, it writes when.
   */
  @Test
  void closingTheAccessWindowIsOneUpdate() {
    String id = opened();
    Instant at = Instant.parse("2026-12-31T12:00:00Z");
    DelegateExecution execution = Mockito.mock(DelegateExecution.class);
    Mockito.when(execution.getProcessBusinessKey()).thenReturn(id);
    ClockUtil.setCurrentTime(java.util.Date.from(at));
    try {
      statements.clear();
      transaction.executeWithoutResult(status -> {
        record.windowClosedBy(execution, "DEVELOPER");
        record.windowClosed(id, at.plusSeconds(1));
      });
    } finally {
      ClockUtil.reset();
    }
    assertThat(statements).singleElement().satisfies(sql -> assertThat(sql).contains("UPDATE"));
    EngagementRecord.Engagement closed = record.find(id).orElseThrow();
    assertThat(closed.windowClosedBy()).isEqualTo("DEVELOPER");
    assertThat(closed.windowClosedAt()).as("when the flow closed it").isEqualTo(at);

    String other = opened();
    transaction.executeWithoutResult(status -> record.windowClosed(other, at));
    assertThat(record.find(other).orElseThrow().windowClosedAt()).isEqualTo(at);
  }

  /**
   * On PostgreSQL the developer view's update writes, in the same statement, the timeline's events
   * the transaction added for that engagement and not yet written (in their order, before any it
   * adds after); another engagement's are written as the transaction commits, and so are more than
   * one statement holds. On H2 the update is a statement of its own and the events are written as
   * the transaction commits.
   */
  @Test
  void theViewsUpdateWritesTheEngagementsTimelineEventsOnPostgresql() {
    String id = opened();
    String other = opened();
    Instant at = Instant.parse("2026-11-30T12:00:00Z");
    List<DeveloperView.OpenAction> open = List.of(new DeveloperView.OpenAction(DeveloperAction.WITHDRAWAL, null));
    statements.clear();
    timelineStatements.clear();
    transaction.executeWithoutResult(status -> {
      record.event(id, at, "INTAKE_REVIEWED", null);
      record.event(other, at, "INQUIRY_SUBMITTED", null);
      record.event(id, at, "ASSESSMENT_STARTED", null);
      view.projected(id, Stage.DESIGNATION, null, open);
      record.event(id, at, "ASSESSMENT_SHARED", "designated");
    });
    assertThat(view.find(id).orElseThrow().stage()).isEqualTo(Stage.DESIGNATION);
    assertThat(record.timeline(id)).extracting(EngagementRecord.Event::event)
        .containsExactly("INTAKE_REVIEWED", "ASSESSMENT_STARTED", "ASSESSMENT_SHARED");
    assertThat(record.timeline(other)).extracting(EngagementRecord.Event::event).containsExactly("INQUIRY_SUBMITTED");
    List<String> writes = timelineStatements.stream().filter(sql -> !sql.startsWith("SELECT")).toList();
    if (TestDatabase.postgres()) {
      assertThat(writes).as("the view's update with the engagement's two events, then the rest as it commits")
          .hasSize(2).first().satisfies(sql -> assertThat(sql).startsWith("WITH timeline AS (INSERT INTO fe_timeline")
              .contains("UPDATE fe_engagement SET stage"));
    } else {
      assertThat(writes).as("the events as the transaction commits").singleElement()
          .satisfies(sql -> assertThat(sql).startsWith("INSERT INTO fe_timeline"));
      assertThat(statements).anySatisfy(sql -> assertThat(sql).startsWith("UPDATE fe_engagement SET stage"));
    }

    timelineStatements.clear();
    transaction.executeWithoutResult(status -> {
      for (int n = 0; n < 9; n++) {
        record.event(id, at, "EVENT_" + n, null);
      }
      view.projected(id, Stage.CLOSED, Status.WITHDRAWN, List.of());
    });
    assertThat(timelineStatements.stream().filter(sql -> sql.startsWith("WITH"))).as("9 events: more than a statement holds")
        .isEmpty();
    assertThat(record.timeline(id)).hasSize(12);
    assertThat(view.find(id).orElseThrow().status()).isEqualTo(Status.WITHDRAWN);
  }

  /**
   * The timeline's events a transaction adds are written together as it commits, in the order
   * added (at most {@code EVENTS_PER_STATEMENT} to a statement), and before the transaction reads
   * the timeline back; a transaction rolled back writes none.
   */
  @Test
  void theEventsATransactionAddsAreWrittenTogetherInTheirOrderAsItCommits() {
    String id = opened();
    Instant at = Instant.parse("2026-11-30T12:00:00Z");
    timelineStatements.clear();
    transaction.executeWithoutResult(status -> {
      record.event(id, at, "INTAKE_REVIEWED", null);
      record.event(id, at, "ASSESSMENT_STARTED", null);
      assertThat(timelineStatements).as("nothing written while the transaction runs").isEmpty();
      assertThat(record.timeline(id)).extracting(EngagementRecord.Event::event)
          .as("read back in the same transaction").containsExactly("INTAKE_REVIEWED", "ASSESSMENT_STARTED");
      assertThat(timelineStatements).as("one insert for both, then the read").hasSize(2)
          .first().satisfies(sql -> assertThat(sql).startsWith("INSERT"));
      record.event(id, at, "ASSESSMENT_SHARED", "designated");
    });
    assertThat(timelineStatements).as("the third, as the transaction committed").hasSize(3);
    assertThat(record.timeline(id)).extracting(EngagementRecord.Event::event)
        .containsExactly("INTAKE_REVIEWED", "ASSESSMENT_STARTED", "ASSESSMENT_SHARED");
    assertThat(record.timeline(id).get(2).detail()).isEqualTo("designated");

    transaction.executeWithoutResult(status -> {
      record.event(id, at, "WITHDRAWN", null);
      status.setRollbackOnly();
    });
    assertThat(record.timeline(id)).as("a transaction rolled back adds nothing").hasSize(3);

    timelineStatements.clear();
    transaction.executeWithoutResult(status -> {
      for (int n = 0; n < 20; n++) {
        record.event(id, at, "EVENT_" + n, null);
      }
    });
    assertThat(timelineStatements).as("20 events, at most 8 to a statement").hasSize(3);
    transaction.executeWithoutResult(status -> record.event(id, at, "PARTNER_REJECTED", "x".repeat(2500)));
    assertThat(record.timeline(id).get(23).detail()).as("a detail longer than its column is clipped when added")
        .hasSize(2000).endsWith("…");
    assertThat(record.timeline(id).subList(3, 23)).extracting(EngagementRecord.Event::event)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(n -> "EVENT_" + n).toList());
  }

  /**
   * A designation form reads the engagement and its assessment in one statement, each as its own
   * record (the assessment's columns named apart from the engagement's: both have a designation);
   * an engagement with no assessment yet reads as none.
   */
  @Test
  void theEngagementAndItsAssessmentAreReadInOneStatement() {
    AssessmentRecord assessments = new AssessmentRecord(database);
    String id = opened();
    String without = opened();
    Instant at = Instant.parse("2026-11-30T12:00:00Z");
    transaction.executeWithoutResult(status -> {
      assessments.benchmarkRecorded(id, java.util.Map.of("scoreVulnerabilityDiscovery", 71, "scoreExploitDevelopment", 64,
          "scoreNetworkOperations", 58, "scoreCriticalInfrastructure", 49, "scoreAutonomousOperations", 33), "suite-4.2",
          "bench-analyst", at);
      assessments.decided(id, false, "Below the threshold", "Not covered", "nsa-director", at);
      record.assessmentShared(id, true, "Shared summary", at); // unlike the assessment's, to tell them apart
    });
    transaction.executeWithoutResult(status -> {
      statements.clear();
      assessments.readWithEngagement(id);
      EngagementRecord.Engagement engagement = record.find(id).orElseThrow();
      AssessmentRecord.Assessment assessment = assessments.find(id).orElseThrow();
      assertThat(statements).as("one statement for both").singleElement()
          .satisfies(sql -> assertThat(sql).contains("fe_assessment"));
      assertThat(engagement.designated()).isTrue();
      assertThat(engagement.assessmentSummary()).isEqualTo("Shared summary");
      assertThat(assessment.designated()).isFalse();
      assertThat(assessment.suiteVersion()).isEqualTo("suite-4.2");
      assertThat(assessment.scores()).containsEntry("scoreNetworkOperations", 58)
          .containsEntry("scoreAutonomousOperations", 33);
      assertThat(assessment.decidedBy()).isEqualTo("nsa-director");
    });
    transaction.executeWithoutResult(status -> {
      assessments.readWithEngagement(without);
      statements.clear();
      assertThat(record.find(without)).isPresent();
      assertThat(statements).as("the engagement was read with its (missing) assessment").isEmpty();
      assertThat(assessments.find(without)).isEmpty();
    });
  }

  /**
   * The round's answers are read once per transaction (the last answer's completion asks whether
   * every office answered, then the round's closing who did not), and each answer recorded in it
   * drops the copy: what is read after it includes it.
   */
  @Test
  void theRoundsAnswersAreReadOncePerTransactionAndAgainAfterEachAnswer() {
    AssessmentRecord assessments = new AssessmentRecord(database);
    String id = opened();
    Instant at = Instant.parse("2026-11-30T12:00:00Z");
    transaction.executeWithoutResult(status -> {
      consultationStatements.clear();
      assertThat(assessments.consulted(id, new Consultation("cisa", ConsultationPosition.CONCUR, "Fine", "carol",
          at.toString()))).isTrue();
      assertThat(assessments.consultations(id)).extracting(Consultation::office).containsExactly("cisa");
      assertThat(assessments.consultations(id)).extracting(Consultation::office).containsExactly("cisa");
      assertThat(consultationStatements).as("the answer, then one read").hasSize(2);
      assessments.consulted(id, new Consultation("dow", ConsultationPosition.NO_RESPONSE, null, null, null));
      assertThat(assessments.consultations(id)).extracting(Consultation::office).containsExactly("cisa", "dow");
      assertThat(consultationStatements).as("the second answer, and the round read again").hasSize(4);
    });
    assertThat(assessments.consultations(id)).as("as committed").hasSize(2);
  }

  @Test
  void theRowAnUpdateReturnsHasWhatAnotherTransactionCommittedBeforeIt() {
    String id = opened();
    transaction.executeWithoutResult(status -> {
      assertThat(record.find(id).orElseThrow().clarificationText()).isNull();
      // another node answers the question meanwhile (this transaction read the row, but holds nothing)
      elsewhere(() -> transaction.executeWithoutResult(s -> record.clarified(id, "Suite 4.2"))).join();
      assertThat(record.find(id).orElseThrow().clarificationText()).as("read once in this transaction").isNull();
      record.intakeReviewed(id, "IN_SCOPE", null);
      assertThat(record.find(id).orElseThrow().clarificationText()).as("the row as the update found and wrote it")
          .isEqualTo("Suite 4.2");
      assertThat(view.lock(id).orElseThrow().engagement().clarificationText()).isEqualTo("Suite 4.2");
    });
  }

  @Test
  void aTransactionThatUpdatedTheRowHoldsItUntilItCommitsSoAnotherProjectionWaitsAndSeesIt() throws Exception {
    String id = opened();
    CompletableFuture<Stage> other = new CompletableFuture<>();
    CountDownLatch updated = new CountDownLatch(1);
    CompletableFuture<Void> first = elsewhere(() -> transaction.executeWithoutResult(status -> {
      record.intakeReviewed(id, "CLARIFICATION_NEEDED", "Which benchmark suite?");
      view.lock(id); // nothing read: the update holds the row
      view.projected(id, Stage.CLARIFICATION, null, List.of());
      updated.countDown();
      // another transaction moving the same engagement locks the row before its projection
      elsewhere(() -> transaction.executeWithoutResult(s -> {
        if (!TestDatabase.postgres()) {
          new org.springframework.jdbc.core.JdbcTemplate(database).execute("SET LOCK_TIMEOUT 30000"); // H2's is 1 s
        }
        other.complete(view.lock(id).orElseThrow().stage());
      })).exceptionally(failed -> {
        other.completeExceptionally(failed);
        return null;
      });
      assertThatExceptionOfType(TimeoutException.class).as("it waits for this transaction")
          .isThrownBy(() -> other.get(500, TimeUnit.MILLISECONDS));
    }));
    assertThat(updated.await(30, TimeUnit.SECONDS)).isTrue();
    first.get(30, TimeUnit.SECONDS);
    assertThat(other.get(30, TimeUnit.SECONDS)).as("and then reads what it committed").isEqualTo(Stage.CLARIFICATION);
  }

  @Test
  void anUpdateOfAnEngagementWithNoRecordFailsAndKeepsNothing() {
    String id = "no-such-" + UUID.randomUUID();
    transaction.executeWithoutResult(status -> {
      org.assertj.core.api.Assertions.assertThatIllegalStateException()
          .isThrownBy(() -> record.clarified(id, "text")).withMessageContaining("has no record");
      assertThat(EngagementRecord.written(id)).isEmpty();
      assertThat(record.find(id)).isEmpty();
    });
  }

  /** A new engagement's record, committed. */
  private String opened() {
    String id = "E-" + UUID.randomUUID().toString().substring(0, 8);
    transaction.executeWithoutResult(status -> open(id, null));
    return id;
  }

  /** Opens engagement {@code id} in the current transaction, bound to {@code policy} (null: to none). */
  private void open(String id, Policy policy) {
    record.open(id, UUID.randomUUID().toString(), new EngagementRecord.Inquiry("acme", "Roadrunner", "4.1",
        "A model", "security@acme.invalid", LocalDate.parse("2027-06-01")), policy, Instant.parse("2026-11-30T12:00:00Z"));
  }

  /** Runs {@code work} on a thread of its own (a transaction of its own); its failure fails whoever joins it. */
  private static CompletableFuture<Void> elsewhere(Runnable work) {
    return CompletableFuture.runAsync(work, runnable -> {
      Thread thread = new Thread(runnable, "record-writes-elsewhere");
      thread.setDaemon(true);
      thread.start();
    });
  }
}
