package dev.frontierengage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The paired slices' ratio: the median of the pairs' ratios and its distribution-free interval. */
class SlicesTest {

  @Test
  void theIntervalsRanksAreTheBinomialOnesOfATextbookTable() {
    // the k-th smallest and largest of n bound the median at 95 % (Conover, Practical Nonparametric Statistics)
    assertThat(EngineComparison.Slices.medianBoundRank(5)).isZero();
    assertThat(EngineComparison.Slices.medianBoundRank(6)).isEqualTo(1);
    assertThat(EngineComparison.Slices.medianBoundRank(10)).isEqualTo(2);
    assertThat(EngineComparison.Slices.medianBoundRank(20)).isEqualTo(6);
    assertThat(EngineComparison.Slices.medianBoundRank(24)).isEqualTo(7);
  }

  @Test
  void eachPairsRatioIsOursOverTheAnchorsOfTheSamePair() {
    List<EngineComparison.Slice> ours = new ArrayList<>();
    List<EngineComparison.Slice> anchors = new ArrayList<>();
    // ten pairs whose ratios are 0.80, 0.82, ... 0.98 while the machine's speed doubles between pairs 5 and 6
    for (int i = 0; i < 10; i++) {
      double speed = i < 5 ? 1 : 2;
      anchors.add(new EngineComparison.Slice(5 * speed, 80, 1, 200, 4, 0));
      ours.add(new EngineComparison.Slice(5 * speed * (0.80 + 0.02 * i), 100, 2, 230, 5, i == 3 ? 1 : 0));
    }

    EngineComparison.Slices slices = EngineComparison.Slices.of("anchor_stub_beans", 20, ours, anchors);

    assertThat(slices.ratios()).containsExactly(0.8, 0.82, 0.84, 0.86, 0.88, 0.9, 0.92, 0.94, 0.96, 0.98);
    assertThat(slices.ratio()).isEqualTo(0.89);
    // n = 10: the 2nd smallest and the 2nd largest
    assertThat(slices.low()).isEqualTo(0.82);
    assertThat(slices.high()).isEqualTo(0.96);
    assertThat(slices.failures()).isEqualTo(1);
  }

  @Test
  void tooFewPairsHaveNoInterval() {
    EngineComparison.Slice one = new EngineComparison.Slice(5, 80, -1, -1, 4, 0);
    EngineComparison.Slices slices = EngineComparison.Slices.of("anchor_stub_beans", 20, List.of(one, one),
        List.of(one, one));

    assertThat(slices.ratio()).isEqualTo(1.0);
    assertThat(slices.low()).isNaN();
    assertThat(slices.high()).isNaN();
  }

  @Test
  void aVariantsRowHoldsTheMediansOfItsSlicesAndTheirFailures() {
    List<EngineComparison.Slice> slices = List.of(new EngineComparison.Slice(5, 200, 3, -1, 4, 0),
        new EngineComparison.Slice(7, 180, 1, -1, 6, 1), new EngineComparison.Slice(6, 220, 8, -1, 9, 0));

    // variant, lifecycles/s, CPU ms, of it the compiler threads', PostgreSQL's CPU ms ("-" on H2), GC pauses ms, failures
    assertThat(EngagementBenchmark.sliceRow("ours", slices)).containsExactly("ours", 6.0, 200.0, 3.0, "-", 6.0, 1L);
  }

  @Test
  void aSliceWhoseCompilerThreadsCouldNotBeReadShowsNoneInsteadOfMinusOne() {
    List<EngineComparison.Slice> slices = List.of(new EngineComparison.Slice(5, 200, -1, 120, 4, 0),
        new EngineComparison.Slice(7, 180, -1, 110, 6, 0));

    assertThat(EngagementBenchmark.sliceRow("ours", slices)).containsExactly("ours", 6.0, 190.0, "-", 115.0, 5.0, 0L);
  }
}
