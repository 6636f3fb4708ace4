package dev.frontierengage.documents;

import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementProcess;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Need to know for agency staff: an office sees an engagement's documents while one of its
 * tasks on the engagement is open (the task's form links them), and of the classified ones only
 * those its form's results stand beside: the benchmark report to the benchmark office and the
 * Director (whose decision form shows the scores), the findings to the evaluation office. It
 * attaches the kind its task is for (the terms, the benchmark report, the findings).
 */
@Component
public class AgencyAccess {

  /** Classified kind → the tasks whose offices may read it. */
  static final Map<DocumentKind, Set<String>> CLASSIFIED_READERS = Map.of(
      DocumentKind.BENCHMARK_REPORT, Set.of(DesignationProcess.Elements.RECORD_BENCHMARK_RESULTS,
          DesignationProcess.Elements.DECIDE_DESIGNATION),
      DocumentKind.FINDINGS, Set.of(EngagementProcess.Elements.EVALUATE_MODEL));

  /**
   * What a user's groups may do with the engagement's documents now.
   *
   * @param uploads each kind the user may attach, with the office (group) whose task it is for
   * @param office an office whose task grants the reading (the first, if several)
   */
  public record Grant(boolean read, Set<DocumentKind> classified, Map<DocumentKind, String> uploads, String office) {

    static final Grant NONE = new Grant(false, Set.of(), Map.of(), null);

    public boolean reads(DocumentKind kind) {
      return read && (!kind.classified() || classified.contains(kind));
    }
  }

  private final TaskService tasks;

  AgencyAccess(TaskService tasks) {
    this.tasks = tasks;
  }

  public Grant grant(String engagementId, Collection<String> groups) {
    if (groups.isEmpty()) {
      return Grant.NONE;
    }
    List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(engagementId)
        .taskCandidateGroupIn(List.copyOf(groups)).includeAssignedTasks().list();
    if (open.isEmpty()) {
      return Grant.NONE;
    }
    Set<DocumentKind> classified = EnumSet.noneOf(DocumentKind.class);
    Map<DocumentKind, String> uploads = new java.util.EnumMap<>(DocumentKind.class);
    String office = null;
    for (Task task : open) {
      String key = task.getTaskDefinitionKey();
      CLASSIFIED_READERS.forEach((kind, readers) -> {
        if (readers.contains(key)) {
          classified.add(kind);
        }
      });
      String group = tasks.getIdentityLinksForTask(task.getId()).stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null
              && groups.contains(link.getGroupId()))
          .map(IdentityLink::getGroupId).sorted().findFirst().orElse(null);
      for (DocumentKind kind : DocumentKind.values()) {
        if (key.equals(kind.agencyTask())) {
          uploads.putIfAbsent(kind, group);
        }
      }
      if (office == null) {
        office = group;
      }
    }
    return new Grant(true, classified, uploads, office);
  }
}
