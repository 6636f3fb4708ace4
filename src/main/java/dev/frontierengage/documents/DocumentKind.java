package dev.frontierengage.documents;

import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementProcess;
import java.util.Arrays;
import java.util.List;

/**
 * What a document on an engagement is. The developer attaches the first four; the agency
 * attaches the others, each through the task it belongs to. The benchmark report and the
 * evaluation's findings are classified: never listed to the developer, and to agency staff only
 * through a task whose form shows classified results.
 */
public enum DocumentKind {
  MODEL_CARD("Model card", false, null),
  SYSTEM_CARD("System card", false, null),
  EVALUATION_REPORT("Evaluation report", false, null),
  OTHER("Other", false, null),
  /** The access terms access counsel attaches: the document the developer accepts (Sec. 3(b)(ii)). */
  TERMS("Access terms", false, EngagementProcess.Elements.PREPARE_ACCESS_TERMS),
  BENCHMARK_REPORT("Benchmark report", true, DesignationProcess.Elements.RECORD_BENCHMARK_RESULTS),
  FINDINGS("Evaluation findings", true, EngagementProcess.Elements.EVALUATE_MODEL);

  private final String title;
  private final boolean classified;
  private final String agencyTask;

  DocumentKind(String title, boolean classified, String agencyTask) {
    this.title = title;
    this.classified = classified;
    this.agencyTask = agencyTask;
  }

  public String title() {
    return title;
  }

  public boolean classified() {
    return classified;
  }

  /** The agency task through which this kind is attached; null for the developer's kinds. */
  public String agencyTask() {
    return agencyTask;
  }

  public boolean developers() {
    return agencyTask == null;
  }

  /** The kinds a developer attaches. */
  public static List<DocumentKind> ofDevelopers() {
    return Arrays.stream(values()).filter(DocumentKind::developers).toList();
  }
}
