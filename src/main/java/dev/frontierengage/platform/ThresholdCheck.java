package dev.frontierengage.platform;

import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.designation.Recommendation;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedInput;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;

/**
 * What a configured threshold file must do before it replaces the table: evaluated as the rule
 * task evaluates it (the five scores, one entry of one result), on a few benchmarks (all scores
 * 0, each one alone at 100, all at 100), each input of its table reads a value (the five scores
 * are never null when the rule task runs), it gives one recommendation for each, and recommends
 * {@code COVERED} for a model at 100 in every capability. The engine's FEEL reads a variable it
 * does not have as null and compares a number with text as no match, so a file whose inputs name
 * the scores otherwise, or type them as strings, would fall through to its last rule for every
 * model (NOT_COVERED), silently.
 */
final class ThresholdCheck {

  private static final String TOP = "a model at 100 in every capability";

  private ThresholdCheck() {}

  /** Refuses the file, naming {@code path} and what is wrong with it. */
  static void check(Path path, byte[] configured) {
    List<DmnEvaluatedInput> inputs = new ArrayList<>();
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(List.of(event -> inputs.addAll(event.getInputs())));
    DmnEngine dmn = configuration.buildEngine();
    DmnDecision decision;
    try {
      decision = dmn.parseDecision(DesignationProcess.THRESHOLD_DECISION_ID, new ByteArrayInputStream(configured));
    } catch (RuntimeException e) {
      throw refused(path, "is not a decision the engine can run: " + e.getMessage(), e);
    }
    for (Map.Entry<String, Map<String, Object>> benchmark : benchmarks().entrySet()) {
      inputs.clear();
      Object recommendation;
      try {
        DmnDecisionResultEntries result = dmn.evaluateDecision(decision, Variables.fromMap(benchmark.getValue()))
            .getSingleResult();
        recommendation = result == null ? null : result.getSingleEntry();
      } catch (RuntimeException e) {
        throw refused(path, "does not give one recommendation for " + benchmark.getKey() + ": " + e.getMessage(), e);
      }
      for (DmnEvaluatedInput input : inputs) {
        if (input.getValue() == null || input.getValue().getValue() == null) {
          throw refused(path, "has an input that reads nothing (" + (input.getName() == null ? input.getId()
              : input.getName()) + "): its expression names no score the process sets ("
              + DesignationProcess.Vars.SCORES + ")", null);
        }
      }
      if (Arrays.stream(Recommendation.values()).noneMatch(r -> r.name().equals(recommendation))) {
        throw refused(path, "recommends " + recommendation + " for " + benchmark.getKey()
            + "; a recommendation is one of " + Arrays.toString(Recommendation.values()), null);
      }
      if (benchmark.getKey().equals(TOP) && !Recommendation.COVERED.name().equals(recommendation)) {
        throw refused(path, "recommends " + recommendation + " for " + TOP
            + ": check its inputs' names and types (integer scores " + DesignationProcess.Vars.SCORES + ")", null);
      }
    }
  }

  private static Map<String, Map<String, Object>> benchmarks() {
    Map<String, Map<String, Object>> benchmarks = new LinkedHashMap<>();
    benchmarks.put("a model at 0 in every capability", scoresOf(List.of()));
    for (String score : DesignationProcess.Vars.SCORES) {
      benchmarks.put("a model at 100 in " + score + " alone", scoresOf(List.of(score)));
    }
    benchmarks.put(TOP, scoresOf(DesignationProcess.Vars.SCORES));
    return benchmarks;
  }

  private static Map<String, Object> scoresOf(List<String> at100) {
    Map<String, Object> scores = new LinkedHashMap<>();
    DesignationProcess.Vars.SCORES.forEach(score -> scores.put(score, at100.contains(score) ? 100 : 0));
    return scores;
  }

  private static IllegalStateException refused(Path path, String why, Exception cause) {
    return new IllegalStateException("frontier-engage.threshold.decision-path " + path + " " + why, cause);
  }
}
