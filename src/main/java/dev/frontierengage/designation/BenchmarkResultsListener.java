package dev.frontierengage.designation;

import dev.frontierengage.designation.DesignationProcess.Vars;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.ReviewerIdentity;
import dev.frontierengage.process.Submission;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Sec. 3(a) benchmark: five whole-number scores from 0 to 100 and the suite version, all
 * required, recorded with who recorded them (the separation of duties at the decision reads
 * it). The submitted values live in the task's own scope and end with it.
 */
@Component("benchmarkResultsListener")
class BenchmarkResultsListener implements TaskListener {

  private final AssessmentRecord record;

  BenchmarkResultsListener(AssessmentRecord record) {
    this.record = record;
  }

  @Override
  public void notify(DelegateTask task) {
    Submission submission = Submission.of(task, "Benchmark results");
    Map<String, Integer> scores = new LinkedHashMap<>();
    for (String score : Vars.SCORES) {
      scores.put(score, submission.integer(score, 0, 100));
    }
    String suiteVersion = submission.line(Vars.BENCHMARK_SUITE_VERSION, 100);
    String recordedBy = ReviewerIdentity.of(task, submission);
    submission.requireValid();
    record.benchmarkRecorded(EngagementRecord.id(task), scores, suiteVersion, recordedBy, EngineClock.instant());
  }
}
