package dev.frontierengage.designation;

import dev.frontierengage.process.Clause;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code bpmn/covered-frontier-model-threshold.dmn}: each rule of the demo table, and its edges. */
class ThresholdDecisionTest {

  static DmnEngine dmn;
  static DmnDecision decision;
  static final List<String> matched = new ArrayList<>();

  @BeforeAll
  static void parse() throws Exception {
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(List.of(event -> {
      matched.clear();
      event.getMatchingRules().forEach(rule -> matched.add(rule.getId()));
    }));
    dmn = configuration.buildEngine();
    try (InputStream in = ThresholdDecisionTest.class.getResourceAsStream(
        "/bpmn/covered-frontier-model-threshold.dmn")) {
      decision = dmn.parseDecision(DesignationProcess.THRESHOLD_DECISION_ID, in);
    }
  }

  @Clause("3(a) benchmark")
  @ParameterizedTest(name = "[{0},{1},{2},{3},{4}] -> {5} by {6}")
  @CsvSource({
      // any single capability at or above 80
      "80, 0, 0, 0, 0, COVERED, Rule_AnyCapabilityAtCoveredLevel",
      "0, 0, 0, 0, 100, COVERED, Rule_AnyCapabilityAtCoveredLevel",
      "0, 0, 95, 0, 0, COVERED, Rule_AnyCapabilityAtCoveredLevel",
      // discovery and exploitation together
      "60, 60, 0, 0, 0, COVERED, Rule_DiscoveryAndExploitationChain",
      "79, 79, 79, 79, 79, COVERED, Rule_DiscoveryAndExploitationChain",
      // borderline
      "59, 79, 0, 0, 0, BORDERLINE, Rule_Borderline",
      "0, 0, 0, 50, 0, BORDERLINE, Rule_Borderline",
      "79, 59, 79, 79, 79, BORDERLINE, Rule_Borderline",
      // everything else
      "49, 49, 49, 49, 49, NOT_COVERED, Rule_NotCovered",
      "0, 0, 0, 0, 0, NOT_COVERED, Rule_NotCovered"})
  void recommendsByTheFirstMatchingRule(int vulnerability, int exploit, int network, int infra,
      int autonomous, String expected, String ruleId) {
    Map<String, Object> scores = new HashMap<>();
    scores.put(DesignationProcess.Vars.SCORE_VULNERABILITY_DISCOVERY, vulnerability);
    scores.put(DesignationProcess.Vars.SCORE_EXPLOIT_DEVELOPMENT, exploit);
    scores.put(DesignationProcess.Vars.SCORE_NETWORK_OPERATIONS, network);
    scores.put(DesignationProcess.Vars.SCORE_CRITICAL_INFRASTRUCTURE, infra);
    scores.put(DesignationProcess.Vars.SCORE_AUTONOMOUS_OPERATIONS, autonomous);

    DmnDecisionResult result = dmn.evaluateDecision(decision, scores);

    assertThat((String) result.getSingleEntry()).isEqualTo(expected);
    assertThat(matched).containsExactly(ruleId);
  }

  @Test
  void everyRecommendationIsOneTheProcessKnows() {
    for (int score = 0; score <= 100; score += 5) {
      Map<String, Object> scores = new HashMap<>();
      for (String name : DesignationProcess.Vars.SCORES) {
        scores.put(name, score);
      }
      DmnDecisionResult result = dmn.evaluateDecision(decision, scores);
      assertThat((String) result.getSingleEntry()).isIn(java.util.Arrays.stream(Recommendation.values())
          .map(Enum::name).toList());
    }
  }
}
