package dev.frontierengage.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontierengage.process.Clause;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The check a configured threshold file passes before it replaces the table, on the file alone:
 * each way a file could recommend wrongly, silently, is refused with the setting's name, the file
 * and what is wrong. That a refused file stops the application's start, and that the engine's own
 * refusal of a file names it too, {@code EngineApplicationIT} shows on the application.
 */
class ThresholdCheckTest {

  static final Path FILE = Path.of("/etc/frontier-engage/threshold.dmn");

  @Clause("3(a) benchmark")
  @Test
  void theShippedTableIsTaken() throws IOException {
    assertThatCode(() -> ThresholdCheck.check(FILE, demo().getBytes(StandardCharsets.UTF_8))).doesNotThrowAnyException();
  }

  @Clause("3(a) benchmark")
  @Test
  void aFileThatWouldRecommendWronglyIsRefusedNamingTheSettingTheFileAndWhy() throws IOException {
    String demo = demo();
    Map<String, String[]> wrong = new TreeMap<>(Map.of(
        // the scores under other names: each input reads nothing, and every model came out NOT_COVERED
        "unknown variables", new String[] {
            demo.replace(">score", ">").replace("[score", "[").replace(", score", ", "), "reads nothing"},
        // the scores compared as text: every model came out NOT_COVERED
        "inputs typed as strings", new String[] {
            demo.replace("typeRef=\"integer\"", "typeRef=\"string\""), "a model at 100 in every capability"},
        // several rules match: the rule task's single entry fails at every engagement
        "hit policy COLLECT", new String[] {
            demo.replace("hitPolicy=\"FIRST\"", "hitPolicy=\"COLLECT\""), "does not give one recommendation"},
        // one input reads nothing: the discovery-and-exploitation rule never matched
        "one input misspelled", new String[] {
            demo.replace("<text>scoreExploitDevelopment</text>", "<text>scoreExploitDev</text>"), "reads nothing"},
        // a value no recommendation has
        "other output values", new String[] {
            demo.replace("\"COVERED\"</text></outputEntry>", "\"covered\"</text></outputEntry>"), "recommends covered"},
        "not a decision", new String[] {"<definitions", "is not a decision the engine can run"}));
    wrong.forEach((kind, file) -> {
      assertThat(file[0]).as(kind + ": the change applies").isNotEqualTo(demo);
      assertThatThrownBy(() -> ThresholdCheck.check(FILE, file[0].getBytes(StandardCharsets.UTF_8))).as(kind)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("frontier-engage.threshold.decision-path " + FILE + " ")
          .hasMessageContaining(file[1]);
    });
  }

  /** The threshold table shipped under bpmn/ (demo values), as text to change. */
  private String demo() throws IOException {
    try (var shipped = getClass().getResourceAsStream("/bpmn/covered-frontier-model-threshold.dmn")) {
      return new String(shipped.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
