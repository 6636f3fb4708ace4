package dev.frontierengage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.TestClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.ZipInputStream;
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
 * An engagement of the sealed-variable version whose carry-over fails (here: one of its sealed
 * durations cannot be read) is, as the README and {@link SealedModelsMigration} say, "left as it
 * was" and tried again at the next start: its running instances stay on the models it started on,
 * with the variables the carry-over would read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FailedCarryOverIT {

  static final String FAILING = "m-release";
  /** Every timer of the fixture (engagement/activity) and its moment, read before this version starts on it. */
  static final java.util.Map<String, java.time.Instant> TIMERS = new java.util.TreeMap<>();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    Path database = Path.of("target", "migration-it", "sealed-models-failing");
    try {
      Files.createDirectories(database.getParent());
      try (InputStream zip = FailedCarryOverIT.class.getResourceAsStream("/migration/sealed-models.zip");
           ZipInputStream entries = new ZipInputStream(zip)) {
        assertThat(entries.getNextEntry()).isNotNull();
        Files.copy(entries, Path.of(database + ".mv.db"), StandardCopyOption.REPLACE_EXISTING);
      }
      Files.deleteIfExists(Path.of(database + ".trace.db"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String url = "jdbc:h2:file:" + database.toAbsolutePath();
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
         Statement statement = connection.createStatement()) {
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
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    registry.add("spring.datasource.url", () -> url + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
    registry.add("server.address", () -> "127.0.0.1");
  }

  @BeforeAll
  static void engineClock() {
    TestClock.start();
  }

  @AfterAll
  static void wallClock() {
    TestClock.reset();
  }

  @Autowired
  ProcessEngine engine;

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

  @Test
  void everyTimerOfACarriedOverEngagementKeepsItsMomentAndEveryWindowStaysWithinThirtyDays() {
    assertThat(TIMERS).hasSize(15);
    java.util.Map<String, java.time.Instant> after = new java.util.TreeMap<>();
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
