package dev.frontierengage.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where an H2 file's last commits wrote, by table ({@link H2Writes}), on small files made here. */
class H2WritesTest {

  @TempDir
  Path directory;

  /**
   * An engine-like history table in both files; in ours, a record table with two indexes besides.
   * H2 compacts for nothing as it closes ({@code MAX_COMPACT_TIME=0}): the last chunk is the last commit's.
   */
  private Path database(String name, boolean record) throws SQLException {
    String url = "jdbc:h2:file:" + directory.resolve(name).toAbsolutePath() + ";WRITE_DELAY=0;MAX_COMPACT_TIME=0";
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        Statement sql = connection.createStatement()) {
      sql.execute("CREATE TABLE act_hi_actinst (id BIGINT PRIMARY KEY, v VARCHAR(100))");
      if (record) {
        sql.execute("CREATE TABLE fe_record (pid VARCHAR(64) PRIMARY KEY, eid VARCHAR(64), stage VARCHAR(32),"
            + " body VARCHAR(2000))");
        sql.execute("CREATE UNIQUE INDEX ux_fe_record_eid ON fe_record (eid)");
        sql.execute("INSERT INTO fe_record SELECT RANDOM_UUID()::VARCHAR, 'e' || X, 'A', REPEAT('x', 900)"
            + " FROM SYSTEM_RANGE(1, 500)");
      }
      // in ours, a transaction of another connection stays open through the first 20 steps
      try (Connection other = DriverManager.getConnection(url, "sa", "")) {
        other.setAutoCommit(false);
        if (record) {
          other.createStatement().execute("UPDATE fe_record SET body = 'y' WHERE eid = 'e1'");
        }
        for (int step = 1; step <= 40; step++) { // one commit each (auto-commit)
          sql.execute("INSERT INTO act_hi_actinst VALUES (" + step + ", 'step')");
          if (record) {
            sql.execute("UPDATE fe_record SET stage = 'S" + step + "' WHERE eid = 'e" + (step * 7) + "'");
          }
          if (step == 20) {
            other.commit();
          }
        }
      }
    }
    return directory.resolve(name + ".mv.db");
  }

  @Test
  void theLastChunksAreGroupedByTableItsIndexesAndTheStoresOwnMaps() throws SQLException {
    Path ours = database("ours", true);

    Map<String, Long> written = H2Writes.written(ours, 100).byTable(); // all 80 commits

    assertThat(written.get("ACT_HI_ACTINST")).isPositive();
    assertThat(written.get("FE_RECORD")).isPositive();
    assertThat(written.get("FE_RECORD (indexes)")).isPositive();
    // the open transaction's undo log went into the chunks of the commits made while it was open
    assertThat(written.get("undo logs")).isPositive();
    assertThat(written.get("the store's layout (its chunks, each map's root)")).isPositive();
    assertThat(written.keySet()).noneMatch(group -> group.startsWith("table.") || group.startsWith("index."));
  }

  @Test
  void onH2AnUpdateOfAColumnNoIndexHoldsRewritesTheTablesIndexesToo() throws SQLException {
    Path ours = database("ours", true);

    // the last commit of the file: the update of one row's stage, which neither index holds
    H2Writes.Chunks last = H2Writes.lastChunks(ours, 1);
    Map<Integer, String> names = H2Writes.mapNames(ours, last.bytesByMap().keySet());
    Map<String, String> tables = H2Writes.tablesByMap(ours);
    Map<String, Long> written = H2Writes.byTable(last.bytesByMap(), names, tables);

    assertThat(last.count()).isEqualTo(1);
    assertThat(written.get("FE_RECORD")).isPositive();
    assertThat(written).doesNotContainKey("ACT_HI_ACTINST");
    // both indexes of the table, the primary key on a VARCHAR (an index of its own in H2) and the
    // unique one, had a page written by the commit that changed no indexed column
    assertThat(tables.entrySet().stream().filter(map -> map.getValue().equals("FE_RECORD")
        && map.getKey().startsWith("index.")).map(Map.Entry::getKey)).hasSize(2).allSatisfy(index ->
            assertThat(names.values()).contains(index));
  }

  @Test
  void oursIsScaledToTheAnchorsWorkOfTheEngineAndWhatOnlyOursWritesStandsOut() throws SQLException {
    Map<String, Long> ours = H2Writes.written(database("ours", true), 100).byTable();
    Map<String, Long> anchor = H2Writes.written(database("anchor", false), 100).byTable();

    Map<String, double[]> rows = H2Writes.compare(ours, anchor);
    // the anchor's file had no transaction open while others committed: no undo log went into its chunks
    assertThat(ours).containsKey("undo logs");
    assertThat(anchor).doesNotContainKey("undo logs");

    double oursEngine = rows.entrySet().stream().filter(row -> row.getKey().startsWith("ACT_HI_ACTINST"))
        .mapToDouble(row -> row.getValue()[0]).sum();
    double anchorEngine = rows.entrySet().stream().filter(row -> row.getKey().startsWith("ACT_HI_ACTINST"))
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

  @Test
  void withoutTheEnginesHistoryThereIsNothingToScaleBy() {
    Map<String, Long> ours = Map.of("FE_RECORD", 100L, "ACT_RU_JOB", 50L);
    Map<String, Long> anchor = Map.of("ACT_HI_ACTINST", 80L);

    assertThatThrownBy(() -> H2Writes.compare(ours, anchor)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nothing to scale by");
    // rows and indexes both count (without the indexes it would be 1.5), other history tables not
    Map<String, Long> oursHistory = Map.of("ACT_HI_ACTINST", 100L, "ACT_HI_PROCINST (indexes)", 100L,
        "ACT_HI_DETAIL", 10L);
    Map<String, Long> anchorHistory = Map.of("ACT_HI_ACTINST", 150L, "ACT_HI_PROCINST (indexes)", 250L,
        "ACT_HI_DETAIL", 999L, "ACT_HI_OP_LOG", 5L);
    assertThat(H2Writes.scale(oursHistory, anchorHistory)).isEqualTo(2.0);
    // each history table written on both sides, by itself
    assertThat(H2Writes.scaleByTable(oursHistory, anchorHistory)).containsExactlyInAnyOrderEntriesOf(
        Map.of("ACT_HI_ACTINST", 1.5, "ACT_HI_PROCINST", 2.5, "ACT_HI_DETAIL", 99.9));
  }

  /** A dump's chunk header as {@code MVStoreTool} prints it (H2 2.3), version and time in hex. */
  private static String header(long version, long time) {
    return "3000 chunkHeader chunk:" + Long.toHexString(version) + ",block:3,len:1,pages:5,max:8a0,map:b,next:4,"
        + "root:8000019dce,time:" + Long.toHexString(time) + ",version:" + Long.toHexString(version) + ",toc:779";
  }

  @Test
  void theNewestChunksAreTakenByVersionAndTheCloseIsLeftOut() {
    H2Writes.DumpLines dump = new H2Writes.DumpLines(100);
    // in the file's order, not the versions': a chunk's space is used again by a later one
    for (String line : List.of(header(3, 3_000), "+00a4 leaf, map 2, 7 entries, 456 bytes, maxLen 200",
        "map 2: 456 bytes, 60%", "map 5: 300 bytes, 40%", "+0f80 chunkFooter chunk:3,len:1,version:3,fletcher:9ad3748c",
        header(1, 1_000), "map 2: 10 bytes, 100%",
        header(2, 2_000), "    chunk.1 = chunk:1,block:2,len:1,pages:4,time:b4,unusedAtVersion:1,version:1",
        "map 5: 20 bytes, 100%",
        // the close: 30 s after the last commit, two chunks within a second
        header(4, 33_000), "map 7: 5000 bytes, 100%", header(5, 33_200), "map 7: 4000 bytes, 100%",
        "4000 eof", "page size total: 2640 bytes, page count: 9, average page size: 293 bytes",
        "map 2: 9999 bytes, 12%")) {
      dump.accept(line);
    }

    H2Writes.Chunks lastTwo = H2Writes.window(dump.chunks(), 2);
    assertThat(lastTwo.count()).isEqualTo(2);
    assertThat(lastTwo.closeChunks()).isEqualTo(2);
    assertThat(lastTwo.bytesByMap()).containsExactlyInAnyOrderEntriesOf(Map.of(2, 456L, 5, 320L));

    // fewer chunks than asked: all that the commits wrote
    H2Writes.Chunks all = H2Writes.window(dump.chunks(), 50);
    assertThat(all.count()).isEqualTo(3);
    assertThat(all.bytesByMap()).containsExactlyInAnyOrderEntriesOf(Map.of(2, 466L, 5, 320L));
  }

  @Test
  void lastChunksWithoutAPauseBeforeThemAreCommitsNotAClose() {
    H2Writes.DumpLines dump = new H2Writes.DumpLines(10);
    for (int version = 1; version <= 4; version++) {
      dump.accept(header(version, version * 1_000L));
      dump.accept("map 2: 100 bytes, 100%");
    }

    H2Writes.Chunks window = H2Writes.window(dump.chunks(), 3);

    assertThat(window.closeChunks()).isZero();
    assertThat(window.bytesByMap()).containsEntry(2, 300L);
    assertThatThrownBy(() -> H2Writes.window(dump.chunks(), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> H2Writes.window(List.of(), 3)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aPauseLongBeforeTheLastChunksIsNoClose() {
    H2Writes.DumpLines dump = new H2Writes.DumpLines(100);
    // a warm-up, a pause of 30 s, then ten commits a second apart: the last chunks span more than a close
    dump.accept(header(1, 1_000));
    dump.accept("map 2: 100 bytes, 100%");
    for (int version = 2; version <= 11; version++) {
      dump.accept(header(version, 31_000 + (version - 2) * 1_000L));
      dump.accept("map 2: 100 bytes, 100%");
    }

    H2Writes.Chunks window = H2Writes.window(dump.chunks(), 20);

    assertThat(window.closeChunks()).isZero();
    assertThat(window.count()).isEqualTo(11);
    assertThat(window.missingVersions()).isZero();
  }

  @Test
  void aPauseOfExactlyTheGapMarksTheClose() {
    H2Writes.DumpLines dump = new H2Writes.DumpLines(100);
    dump.accept(header(1, 1_000));
    dump.accept(header(2, 2_000));
    dump.accept(header(5, 2_000 + H2Writes.CLOSE_GAP_MS)); // versions 3 and 4 no longer in the file

    H2Writes.Chunks window = H2Writes.window(dump.chunks(), 20);
    assertThat(window.closeChunks()).isEqualTo(1);
    assertThat(window.lastVersion()).isEqualTo(2);

    H2Writes.DumpLines shorter = new H2Writes.DumpLines(100);
    shorter.accept(header(1, 1_000));
    shorter.accept(header(2, 2_000));
    shorter.accept(header(5, 2_000 + H2Writes.CLOSE_GAP_MS - 1));
    H2Writes.Chunks all = H2Writes.window(shorter.chunks(), 20);
    assertThat(all.closeChunks()).isZero();
    assertThat(all.missingVersions()).isEqualTo(2);
  }

  @Test
  void aDumpThatCouldNotReadTheFileWholeIsRefused() {
    H2Writes.DumpLines dump = new H2Writes.DumpLines(10);
    dump.accept(header(1, 1_000));

    assertThatThrownBy(() -> dump.accept("ERROR illegal position 0")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not be read whole");
  }
}
