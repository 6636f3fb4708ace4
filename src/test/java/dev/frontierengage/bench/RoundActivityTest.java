package dev.frontierengage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the server did in a round, per lifecycle, from the statistics before and after it. */
class RoundActivityTest {

  @Test
  void perLifecycleFiguresComeFromTheDifferencesOverTheRound() {
    BenchDatabase.Activity before = new BenchDatabase.Activity(Map.of(
        "act_ru_task", new long[] {1_000, 500, 40},
        "fe_partner", new long[] {200, 0, 3}), 10_000_000L, 1_000, 7, Map.of(
        "UPDATE fe_engagement SET stage = $1 WHERE engagement_id = $2", new double[] {10, 4.0},
        "select * from ACT_RU_TASK where ID_ = $1", new double[] {50, 20.0}));
    BenchDatabase.Activity after = new BenchDatabase.Activity(Map.of(
        "act_ru_task", new long[] {1_000, 2_500, 10},
        "fe_partner", new long[] {2_200, 100, 0},
        "fe_timeline", new long[] {50, 0, 0}), 10_000_000L + 100 * 1024 * 100, 1_000 + 300, 8, Map.of(
        "UPDATE fe_engagement SET stage = $1 WHERE engagement_id = $2", new double[] {110, 54.0},
        "UPDATE fe_engagement SET status = $1 WHERE engagement_id = $2", new double[] {100, 25.0},
        "select * from ACT_RU_TASK where ID_ = $1", new double[] {50, 20.0},
        "SELECT n_dead_tup FROM pg_stat_user_tables", new double[] {2, 1.0},
        "VACUUM (ANALYZE) public.act_hi_detail", new double[] {1, 900.0},
        "INSERT INTO fe_timeline VALUES ($1, $2)", new double[] {100, 30.0}));

    VariantJvm.Server server = VariantJvm.Server.of(before, after, 100);

    // fe_partner 2,000 scanned + 100 fetched, act_ru_task 2,000 fetched, fe_timeline 50 scanned (new since)
    assertThat(server.rowsRead()).isEqualTo(41.5);
    // only tables whose scans read at least a row a lifecycle, the most first
    assertThat(server.scannedByTable()).containsExactly(Map.entry("fe_partner", 20.0));
    assertThat(server.walKb()).isEqualTo(100.0);
    assertThat(server.fullPageImages()).isEqualTo(3.0);
    assertThat(server.checkpoints()).isEqualTo(1);
    assertThat(server.deadRowsAtStart()).isEqualTo(43);
    // the server's execution time in the round by kind, per lifecycle: the two texts of one kind
    // together, a text that ran no more left out, the benchmark's reads of the statistics and its
    // vacuums too
    assertThat(server.executionMsByKind()).containsOnly(Map.entry("update fe_engagement", 0.75),
        Map.entry("insert fe_timeline", 0.3));
    assertThat(server.executionMs()).isEqualTo(1.05);
  }

  @Test
  void theFiveTablesScannedMostAreKept() {
    Map<String, long[]> none = Map.of();
    Map<String, long[]> scanned = new java.util.HashMap<>();
    List<String> tables = List.of("a", "b", "c", "d", "e", "f", "g");
    for (int i = 0; i < tables.size(); i++) {
      scanned.put(tables.get(i), new long[] {(i + 1) * 100L, 0, 0});
    }
    VariantJvm.Server server = VariantJvm.Server.of(new BenchDatabase.Activity(none, 0, 0, 0, Map.of()),
        new BenchDatabase.Activity(scanned, 0, 0, 0, Map.of()), 10);
    assertThat(server.executionMs()).as("none read: not a figure").isEqualTo(-1);
    assertThat(server.scannedByTable().keySet()).containsExactly("g", "f", "e", "d", "c");
  }

  @Test
  void aSlicesLinesCarryItsPairAndItsSlowestStatementsPerLifecycle() {
    BenchDatabase.Activity before = new BenchDatabase.Activity(Map.of("act_ru_variable", new long[] {0, 0, 7}),
        0, 0, 0, Map.of("delete from ACT_RU_EXECUTION where ID_ = $1", new double[] {100, 50.0}));
    BenchDatabase.Activity after = new BenchDatabase.Activity(Map.of("act_ru_variable", new long[] {3_000, 1_000, 9}),
        0, 0, 0, Map.of(
            "delete from ACT_RU_EXECUTION where ID_ = $1", new double[] {340, 170.0},
            "select * from ACT_RU_TASK\n  where ID_ = $1", new double[] {100, 40.0},
            "SELECT relname FROM pg_stat_user_tables", new double[] {1, 500.0}));

    List<String> lines = VariantJvm.sliceLines("inprocess", 7, before, after, 10);

    // per lifecycle of the ten: 120 ms in 24 calls, 40 ms in 100; the benchmark's read of the
    // statistics is not the slice's; statement texts on one line
    assertThat(lines).containsExactly(
        "BENCH-PG-SLICE inprocess 7: 16.0 ms executing and 400.0 rows read per lifecycle, 7 dead rows at its start",
        "BENCH-PG-SLICE-SQL inprocess 7: 12.0 ms in 24.0 calls per lifecycle: delete from ACT_RU_EXECUTION where ID_ = $1",
        "BENCH-PG-SLICE-SQL inprocess 7: 4.0 ms in 10.0 calls per lifecycle: select * from ACT_RU_TASK where ID_ = $1");
  }

  @Test
  void aSliceWithoutTheServersStatementsSaysNoExecutionTime() {
    BenchDatabase.Activity none = new BenchDatabase.Activity(Map.of(), 0, 0, 0, Map.of());

    assertThat(VariantJvm.sliceLines("anchor_stub_beans", 2, none, none, 5))
        .containsExactly("BENCH-PG-SLICE anchor_stub_beans 2: 0.0 rows read per lifecycle, 0 dead rows at its start");
  }
}
