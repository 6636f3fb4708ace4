package dev.frontierengage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark places the node's GC pauses and its own vacuums in the windows it measures. */
class PausesTest {

  static final List<String> LOG = List.of(
      "[2026-12-03T15:30:00.100+0000] Using Serial",
      "[2026-12-03T15:30:01.123+0000] GC(3) Pause Young (Allocation Failure) 68M->20M(247M) 5.123ms",
      "[2026-12-03T15:30:02.500+0000] GC(4) Pause Full (Allocation Failure) 240M->90M(247M) 180.5ms",
      "[2026-12-03T16:30:02.500+0100] GC(5) Pause Young (Allocation Failure) 100M->30M(247M) 7ms",
      "[15.123s] GC(6) Pause Young (Allocation Failure) 100M->30M(247M) 9.0ms");

  @Test
  void readsEachPauseWithTheTimeItEnded() {
    List<Pauses.Span> pauses = Pauses.gcPauses(LOG);
    assertThat(pauses).containsExactly(
        new Pauses.Span(Instant.parse("2026-12-03T15:30:01.123Z"), 5.123),
        new Pauses.Span(Instant.parse("2026-12-03T15:30:02.500Z"), 180.5),
        new Pauses.Span(Instant.parse("2026-12-03T15:30:02.500Z"), 7));
  }

  @Test
  void countsWhatOverlapsTheWindowOnly() {
    List<Pauses.Span> pauses = Pauses.gcPauses(LOG);
    // GC(3) ended before the window; the full pause began at 15:30:02.3195 and GC(5) at 15:30:02.493,
    // both before the window ends, and ended after it
    Pauses.Summary summary = Pauses.within(pauses, Instant.parse("2026-12-03T15:30:01.200Z"),
        Instant.parse("2026-12-03T15:30:02.495Z"));
    assertThat(summary.count()).isEqualTo(2);
    assertThat(summary.maxMs()).isEqualTo(180.5);
    assertThat(summary.totalMs()).isEqualTo(187.5);
    assertThat(Pauses.within(pauses, Instant.parse("2026-12-03T15:30:02.501Z"), Instant.parse("2026-12-03T15:31:00Z")))
        .isEqualTo(Pauses.Summary.NONE);
    assertThat(Pauses.within(pauses, Instant.parse("2026-12-03T15:30:01.200Z"), Instant.parse("2026-12-03T15:30:02.400Z"))
        .count()).isEqualTo(1); // GC(5) began after this window
  }

  @Test
  void aMissingLogHasNoPauses(@TempDir Path directory) throws Exception {
    Instant from = Instant.parse("2026-12-03T15:30:00Z");
    Instant to = from.plusSeconds(60);
    assertThat(Pauses.gcPauses(directory.resolve("none.log"), from, to)).isEqualTo(Pauses.Summary.NONE);
    Path log = Files.write(directory.resolve("gc.log"), LOG);
    assertThat(Pauses.gcPauses(log, from, to).count()).isEqualTo(3);
  }

  @Test
  void theOptionStampsUtcTime(@TempDir Path directory) {
    assertThat(Pauses.gcLogOption(directory.resolve("gc.log"))).startsWith("-Xlog:gc:file=/").endsWith("gc.log:utctime");
  }
}
