package dev.frontierengage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.TestClock;
import dev.frontierengage.identity.AuditCapture;
import dev.frontierengage.partners.PartnerRecord;
import dev.frontierengage.partners.PartnerSelectionProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sealed-variable version's fixture carried over at a start two weeks after its steps, with
 * one engagement whose carry-over fails. That engagement (here: one of its sealed
 * durations cannot be read) is, as the README and {@link SealedModelsMigration} say, "left as it
 * was" and tried again at the next start: its running instances stay on the models it started on,
 * with the variables the carry-over would read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FailedCarryOverIT {

  static final String FAILING = "m-release";
  /** Every timer of the fixture (engagement/activity) and its moment, read before this version starts on it. */
  static final Map<String, Instant> TIMERS = new TreeMap<>();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    String url = EarlierDatabase.copy("sealed-models", "sealed-models-failing", statement -> {
      // a value the previous version stored that this one cannot read: the carry-over of this one
      // engagement fails (any failure would do: a row too long, a migration refused, a lock lost)
      int changed = statement.executeUpdate("UPDATE ACT_HI_VARINST SET TEXT_ = 'not a duration'"
          + " WHERE NAME_ = 'consultationPeriod' AND PROC_INST_ID_ IN (SELECT ID_ FROM ACT_HI_PROCINST"
          + " WHERE BUSINESS_KEY_ = '" + FAILING + "' AND PROC_DEF_KEY_ = 'engagement')");
      assertThat(changed).isOne();
      try (var due = statement.executeQuery("SELECT p.BUSINESS_KEY_, d.ACT_ID_, j.DUEDATE_ FROM ACT_RU_JOB j"
          + " JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_ JOIN ACT_RU_EXECUTION p ON p.ID_ = j.PROCESS_INSTANCE_ID_")) {
        while (due.next()) {
          TIMERS.put(due.getString(1) + "/" + due.getString(2), due.getTimestamp(3).toInstant());
        }
      }
    });
    EarlierDatabase.use(url, registry);
  }

  /** This version starts two weeks after the fixture's steps (all taken at {@link TestClock#START}). */
  static final Duration LATER = Duration.ofDays(14);

  @BeforeAll
  static void engineClock() {
    TestClock.start(LATER);
  }

  @AfterAll
  static void wallClock() {
    TestClock.reset();
  }

  @Autowired
  ProcessEngine engine;
  @Autowired
  PartnerRecord partners;

  /**
   * The partners awaiting vetting keep the moment they were proposed, and the vetting deadline
   * the new models add runs from it, not from the carry-over (which stamped each partner with the
   * carry-over's moment, so vetting got five fresh working days however long it had waited).
   */
  @Test
  void partnersAwaitingVettingKeepWhenTheyWereProposed() {
    String vetting = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("m-vetting")
        .processDefinitionKey(PartnerSelectionProcess.PROCESS_ID).singleResult().getId();
    Instant proposed = engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(vetting).activityId(PartnerSelectionProcess.Elements.PROPOSE_TRUSTED_PARTNERS)
        .singleResult().getEndTime().toInstant();
    // the fixture's moments are stored without a zone: within a day of START whatever the JVM's
    assertThat(proposed).as("proposed well before the carry-over").isBefore(TestClock.START.plus(Duration.ofDays(1)));
    assertThat(partners.awaitingSince("m-vetting")).as("when the partners awaiting vetting were proposed")
        .contains(proposed);
    var overdue = engine.getManagementService().createJobQuery().processInstanceId(vetting)
        .activityId(PartnerSelectionProcess.Elements.VETTING_OVERDUE).singleResult();
    assertThat(overdue.getDuedate().toInstant()).as("5 working days after the proposal, not after the carry-over")
        .isBefore(proposed.plus(Duration.ofDays(8)));
  }

  @Test
  void anEngagementWhoseCarryOverFailedStaysOnTheModelsItStartedOn() {
    JdbcTemplate jdbc = new JdbcTemplate(dev.frontierengage.process.ProcessWiring.dataSource(engine));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fe_engagement WHERE engagement_id IS NULL", Integer.class))
        .as("the one engagement whose carry-over failed has no record yet").isOne();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fe_engagement WHERE engagement_id = ?", Integer.class,
        "m-vetting")).as("the others were carried over").isOne();

    ProcessInstance failing = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(FAILING).singleResult();
    assertThat(engine.getRuntimeService().getVariable(failing.getId(), "organizationSeal"))
        .as("its sealed variables are still there, to be carried over at the next start").isNotNull();
    assertThat(engine.getRepositoryService().getProcessDefinition(failing.getProcessDefinitionId()).getVersion())
        .as("left as it was: still on the models it started on, which read its sealed variables,"
            + " not moved to models that read a record it does not have").isEqualTo(1);
  }

  /**
   * The audit line of the failed carry-over says what kind of failure it was, and quotes nothing
   * the failure read: an audit line holds no stored value (here the sealed duration the carry-over
   * could not read; it could as well have been a classified one).
   */
  @Test
  void theFailedCarryOversAuditLineNamesTheFailureAndQuotesNoStoredValue() {
    var lines = new AuditCapture().lines("config.engagement.migration-failed").stream()
        .filter(line -> line.contains("\"engagement\":\"" + FAILING + "\"")).toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).as("the kind of failure (the sealed duration could not be parsed), no message")
        .contains("\"reason\":\"java.time.format.DateTimeParseException\"")
        .doesNotContain("not a duration").doesNotContain("cannot be parsed");
  }

  @Test
  void everyTimerOfACarriedOverEngagementKeepsItsMomentAndEveryWindowStaysWithinThirtyDays() {
    assertThat(TIMERS).hasSize(15);
    Map<String, Instant> after = new TreeMap<>();
    for (var job : engine.getManagementService().createJobQuery().timers().list()) {
      String key = engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceId(job.getProcessInstanceId()).singleResult().getBusinessKey();
      String activity = engine.getManagementService().createJobDefinitionQuery()
          .jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId();
      after.put(key + "/" + activity, job.getDuedate().toInstant());
    }
    assertThat(after).as("every timer of the earlier version, at its moment (the new models add others)")
        .containsAllEntriesOf(TIMERS);
    JdbcTemplate jdbc = new JdbcTemplate(dev.frontierengage.process.ProcessWiring.dataSource(engine));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fe_engagement WHERE window_end > window_start + INTERVAL '30' DAY",
        Integer.class)).isZero();
  }
}
