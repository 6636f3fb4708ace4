package dev.frontierengage.designation;

import dev.frontierengage.process.Sealed;
import dev.frontierengage.designation.DesignationProcess.Vars;
import dev.frontierengage.process.Submission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Sec. 3(a) benchmark: five whole-number scores from 0 to 100 and the suite version, all
 * required, and who recorded them (the separation of duties at the decision reads it).
 */
@Component("benchmarkResultsListener")
public class BenchmarkResultsListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    List<String> inputs = new ArrayList<>(Vars.SCORES);
    inputs.add(Vars.BENCHMARK_SUITE_VERSION);
    Submission submission = Submission.of(task, "Benchmark results", Vars.SEALED,
        inputs.toArray(String[]::new));
    Map<String, Integer> scores = new LinkedHashMap<>();
    for (String score : Vars.SCORES) {
      scores.put(score, submission.integer(score, 0, 100));
    }
    String suiteVersion = submission.text(Vars.BENCHMARK_SUITE_VERSION, 100);
    String recordedBy = ReviewerIdentity.of(task, submission);
    submission.requireValid();
    scores.forEach((name, score) -> Sealed.set(task, name, score));
    Sealed.set(task, Vars.BENCHMARK_SUITE_VERSION, suiteVersion);
    Sealed.set(task, Vars.BENCHMARK_RECORDED_BY, recordedBy);
  }
}
