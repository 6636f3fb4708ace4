package dev.frontierengage.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * H2 writes its whole store to the file each time an identity column runs out of the values it
 * handed out, outside the transaction that asked: with H2's default of 32 values, every 32nd
 * timeline row cost a write of the store of its own. fe-14 makes it 1,000. Checked on a file
 * database with the application's settings (the tests' in-memory H2 writes no file), on the
 * application's schema.
 */
class TimelineIdsIT {

  @Test
  void timelineRowsCostAWriteOfTheStoreAtMostOncePerThousandAndKeepTheirOrder(@TempDir Path directory) throws Exception {
    Assumptions.assumeFalse(TestDatabase.postgres(), "H2's identity columns only");
    SingleConnectionDataSource database = new SingleConnectionDataSource(
        "jdbc:h2:file:" + directory.resolve("timeline") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "sa", "", true);
    try {
      TestDatabase.schema(database);
      EngagementRecord record = new EngagementRecord(database);
      TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(database));
      String id = "E-" + UUID.randomUUID().toString().substring(0, 8);
      transaction.executeWithoutResult(status -> record.open(id, UUID.randomUUID().toString(),
          new EngagementRecord.Inquiry("acme", "Roadrunner", "4.1", "A model", "security@acme.invalid",
              LocalDate.parse("2027-06-01")), Instant.parse("2026-11-30T12:00:00Z")));
      JdbcTemplate jdbc = new JdbcTemplate(database);
      long before = fileWrites(jdbc);
      transaction.executeWithoutResult(status -> {
        for (int n = 0; n < 300; n++) {
          record.event(id, Instant.parse("2026-11-30T12:00:00Z"), "EVENT_" + n, null);
        }
      });
      // the transaction's events are inserted as it commits; H2's default would have written the
      // store ten times more for them; nothing else commits here
      assertThat(fileWrites(jdbc) - before).as("writes of H2's file while 300 timeline rows were inserted and committed")
          .isLessThanOrEqualTo(2);
      assertThat(record.timeline(id)).extracting(EngagementRecord.Event::event)
          .containsExactlyElementsOf(IntStream.range(0, 300).mapToObj(n -> "EVENT_" + n).toList());
    } finally {
      database.destroy();
    }
  }

  private static long fileWrites(JdbcTemplate jdbc) {
    return jdbc.queryForObject("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.FILE_WRITE'",
        Long.class);
  }
}
