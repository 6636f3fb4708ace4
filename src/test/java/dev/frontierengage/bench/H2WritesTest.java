package dev.frontierengage.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where an H2 file's last commits wrote, by table ({@link H2Writes}), on small files made here. */
class H2WritesTest {

  @TempDir
  Path directory;

  /** An engine-like table in both files; in ours, a record table with two indexes besides. */
  private Path database(String name, boolean record) throws SQLException {
    String url = "jdbc:h2:file:" + directory.resolve(name).toAbsolutePath() + ";WRITE_DELAY=0";
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        Statement sql = connection.createStatement()) {
      sql.execute("CREATE TABLE act_ru_step (id BIGINT PRIMARY KEY, v VARCHAR(100))");
      if (record) {
        sql.execute("CREATE TABLE fe_record (pid VARCHAR(64) PRIMARY KEY, eid VARCHAR(64), stage VARCHAR(32),"
            + " body VARCHAR(2000))");
        sql.execute("CREATE UNIQUE INDEX ux_fe_record_eid ON fe_record (eid)");
        sql.execute("INSERT INTO fe_record SELECT RANDOM_UUID()::VARCHAR, 'e' || X, 'A', REPEAT('x', 900)"
            + " FROM SYSTEM_RANGE(1, 500)");
      }
      for (int step = 1; step <= 40; step++) { // one commit each (auto-commit)
        sql.execute("INSERT INTO act_ru_step VALUES (" + step + ", 'step')");
        if (record) {
          sql.execute("UPDATE fe_record SET stage = 'S" + step + "' WHERE eid = 'e" + (step * 7) + "'");
        }
      }
    }
    return directory.resolve(name + ".mv.db");
  }

  @Test
  void theLastChunksAreGroupedByTableItsIndexesAndTheStoresOwnMaps() throws SQLException {
    Path ours = database("ours", true);

    Map<String, Long> written = H2Writes.byTable(ours, 40);

    assertThat(written.get("ACT_RU_STEP")).isPositive();
    assertThat(written.get("FE_RECORD")).isPositive();
    assertThat(written.get("FE_RECORD (indexes)")).isPositive();
    assertThat(written.keySet()).noneMatch(group -> group.startsWith("table.") || group.startsWith("index."));
  }

  @Test
  void onH2AnUpdateOfAColumnNoIndexHoldsRewritesTheTablesIndexesToo() throws SQLException {
    Path ours = database("ours", true);

    // the last commit of the file: the update of one row's stage, which neither index holds
    H2Writes.Chunks last = H2Writes.lastChunks(ours, 1);
    Map<String, Long> written = H2Writes.byTable(last.bytesByMap(), H2Writes.mapNames(ours, last.bytesByMap().keySet()),
        H2Writes.tablesByMap(ours));

    assertThat(last.count()).isEqualTo(1);
    assertThat(written.get("FE_RECORD")).isPositive();
    // the primary key on a VARCHAR and the unique index: each a leaf page of its own, rewritten
    assertThat(written.get("FE_RECORD (indexes)")).isGreaterThan(1000L);
    assertThat(written).doesNotContainKey("ACT_RU_STEP");
  }

  @Test
  void oursIsScaledToTheAnchorsWorkOfTheEngineAndWhatOnlyOursWritesStandsOut() throws SQLException {
    Map<String, Long> ours = H2Writes.byTable(database("ours", true), 30);
    Map<String, Long> anchor = H2Writes.byTable(database("anchor", false), 30);

    Map<String, double[]> rows = H2Writes.compare(ours, anchor);

    double oursEngine = rows.entrySet().stream().filter(row -> row.getKey().startsWith("ACT_"))
        .mapToDouble(row -> row.getValue()[0]).sum();
    double anchorEngine = rows.entrySet().stream().filter(row -> row.getKey().startsWith("ACT_"))
        .mapToDouble(row -> row.getValue()[1]).sum();
    assertThat(oursEngine).isCloseTo(anchorEngine, within(0.001));
    assertThat(rows.get("FE_RECORD")[1]).isZero();
    assertThat(rows.get("FE_RECORD")[2]).isEqualTo(rows.get("FE_RECORD")[0]).isPositive();
    // ordered by the difference, largest first
    double previous = Double.MAX_VALUE;
    for (double[] row : rows.values()) {
      assertThat(Math.abs(row[2])).isLessThanOrEqualTo(previous);
      previous = Math.abs(row[2]);
    }
  }
}
