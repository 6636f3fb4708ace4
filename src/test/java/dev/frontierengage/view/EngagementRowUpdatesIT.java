package dev.frontierengage.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.frontierengage.TestDatabase;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.engagement.EngagementRecord.Inquiry;
import dev.frontierengage.process.ConfiguredPolicy;
import dev.frontierengage.policy.Policy;
import dev.frontierengage.view.DeveloperView.OpenAction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * An engagement's row is updated some 19 times in its lifecycle: its record's facts as each step
 * records them, its developer view as each step moves it. On PostgreSQL those updates are HOT
 * (changeset fe-16): the new version of the row goes on the row's own page and no index gets a new
 * entry, so an update writes one page and little log. That holds only while no index covers a
 * column the steps change (the stage did) and while the pages keep room (a fillfactor below 100).
 * Here engagements enough to fill many pages move through their steps in turn, each step a
 * transaction of its own as in the application, and the server's own count of HOT updates says
 * how many were. (PostgreSQL only: {@code mvn -Ppostgres verify}; PostgreSQL 15 or later, for
 * {@code pg_stat_force_next_flush}.)
 */
@Tag("alone") // beside the other tests it once counted 1,654 HOT of 1,800 updates: alone (pom.xml)
class EngagementRowUpdatesIT {

  static final int ENGAGEMENTS = 150;

  @Test
  void anEngagementsRowIsUpdatedInPlaceAtEveryStepItMovesThrough() throws Exception {
    assumeTrue(TestDatabase.postgres(), "HOT updates are PostgreSQL's");
    Map<String, String> properties = TestDatabase.properties("row-updates");
    DriverManagerDataSource plain = new DriverManagerDataSource(properties.get("spring.datasource.url"),
        properties.get("spring.datasource.username"), properties.get("spring.datasource.password"));
    TestDatabase.schema(plain);
    // one connection, each statement a transaction of its own: the server's counts of this
    // session are flushed when asked (below), and nothing else holds back the pruning of a page
    SingleConnectionDataSource one = new SingleConnectionDataSource(properties.get("spring.datasource.url"),
        properties.get("spring.datasource.username"), properties.get("spring.datasource.password"), true);
    try {
      JdbcTemplate jdbc = new JdbcTemplate(one);
      assumeTrue(jdbc.queryForObject("SHOW server_version_num", Integer.class) >= 150000,
          "the server's counts of this session are read at once from PostgreSQL 15 on (pg_stat_force_next_flush)");
      EngagementRecord record = new EngagementRecord(one);
      DeveloperView view = new DeveloperView(one);
      Policy policy = ConfiguredPolicy.load().active();
      Instant now = Instant.parse("2026-07-01T14:00:00Z");
      List<String> ids = new ArrayList<>();
      for (int n = 0; n < ENGAGEMENTS; n++) {
        String id = "ENG-" + n;
        ids.add(id);
        record.open(id, "process-" + n, new Inquiry("org-" + (n % 3), "Model " + n, "1." + n,
            "A frontier model of the kind Sec. 3 describes, ".repeat(8) + n, "dev" + n + "@example.org",
            LocalDate.of(2026, 10, 1)), now.plusSeconds(n));
        record.bindPolicy(id, policy);
      }
      long[] before = updates(jdbc);

      // each engagement through its steps, the engagements in turn (as a load moves them)
      for (String id : ids) {
        record.intakeReviewed(id, "IN_SCOPE", "covered by Sec. 3(a), on its face");
        view.projected(id, Stage.DESIGNATION, null, List.of(new OpenAction(DeveloperAction.WITHDRAWAL, null)));
      }
      for (String id : ids) {
        record.assessmentShared(id, true, "Designated: the benchmark found capabilities of concern.", now);
        view.projected(id, Stage.ACCESS_DECISION, null, List.of(
            new OpenAction(DeveloperAction.ACCESS_OFFER, now.plus(10, ChronoUnit.DAYS)),
            new OpenAction(DeveloperAction.WITHDRAWAL, null)));
      }
      for (String id : ids) {
        record.accessOffered(id, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 8, 1), 30);
        view.projected(id, Stage.ACCESS_TERMS, null, List.of(new OpenAction(DeveloperAction.WITHDRAWAL, null)));
      }
      for (String id : ids) {
        record.termsAnswered(id, true, "9f".repeat(32));
        record.windowScheduled(id, now.plus(31, ChronoUnit.DAYS), now.plus(61, ChronoUnit.DAYS),
            now.plus(75, ChronoUnit.DAYS), now.plus(120, ChronoUnit.DAYS));
        view.projected(id, Stage.ACCESS_WINDOW, null, List.of(
            new OpenAction(DeveloperAction.END_ACCESS_WINDOW, now.plus(61, ChronoUnit.DAYS)),
            new OpenAction(DeveloperAction.TRUSTED_PARTNERS, now.plus(75, ChronoUnit.DAYS)),
            new OpenAction(DeveloperAction.WITHDRAWAL, null)));
      }
      for (String id : ids) {
        record.windowClosed(id, now.plus(61, ChronoUnit.DAYS));
        view.projected(id, Stage.AWAITING_RELEASE, null, List.of(
            new OpenAction(DeveloperAction.RELEASE, now.plus(120, ChronoUnit.DAYS)),
            new OpenAction(DeveloperAction.WITHDRAWAL, null)));
      }
      for (String id : ids) {
        view.projected(id, Stage.CLOSED, Status.RELEASED_TO_PARTNERS, List.of());
      }

      long[] after = updates(jdbc);
      long updated = after[0] - before[0];
      long hot = after[1] - before[1];
      assertThat(updated).as("the rows' updates, as the server counted them").isEqualTo(12L * ENGAGEMENTS);
      assertThat(hot).as("of %d updates of the engagements' rows, those written on the row's own page, no index touched",
          updated).isGreaterThanOrEqualTo(updated * 98 / 100);
      assertThat(view.find("ENG-7")).get().extracting(DeveloperView.View::stage, DeveloperView.View::status)
          .containsExactly(Stage.CLOSED, Status.RELEASED_TO_PARTNERS);
      assertThat(jdbc.queryForObject("SELECT count(*) FROM fe_engagement WHERE organization = ? AND stage = ?",
          Long.class, "org-1", "CLOSED")).as("an organization's engagements at a stage, found without an index on it")
          .isEqualTo(ENGAGEMENTS / 3);
    } finally {
      one.destroy();
    }
  }

  /** The server's counts of updates and HOT updates of {@code fe_engagement}, this session's included. */
  private static long[] updates(JdbcTemplate jdbc) {
    jdbc.queryForObject("SELECT pg_stat_force_next_flush()", Object.class); // this session's counts, at its next statement
    jdbc.execute("SELECT 1");
    return jdbc.queryForObject("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'fe_engagement'",
        (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)});
  }
}
