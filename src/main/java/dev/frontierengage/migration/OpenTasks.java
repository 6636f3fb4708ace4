package dev.frontierengage.migration;

import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.forms.FormContexts;
import dev.frontierengage.partners.PartnerSelectionProcess;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.springframework.stereotype.Component;

/**
 * Makes a task that a migration moved onto the models of now look as one those models made: its
 * form's context from the record, its own scope holding exactly what its form submits (empty),
 * its name after the model, and a due date where the model gives one. A migration skips the
 * models' listeners and input mappings, which do all this for a task they create.
 */
@Component
class OpenTasks {

  /** What the previous versions' tasks held in their own scope and this version does not. */
  static final List<String> OLD_TASK_SCOPE = List.of("partnerDecisions");

  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final TaskService tasks;
  private final ManagementService management;
  private final FormContexts forms;
  private final EngagementRecord record;

  OpenTasks(RuntimeService runtime, RepositoryService repository, TaskService tasks, ManagementService management,
      FormContexts forms, EngagementRecord record) {
    this.runtime = runtime;
    this.repository = repository;
    this.tasks = tasks;
    this.management = management;
    this.forms = forms;
    this.record = record;
  }

  /** Refreshes every open task of the process instance {@code processInstanceId} of engagement {@code id}. */
  void refresh(String id, String processInstanceId) {
    for (Task open : tasks.createTaskQuery().processInstanceId(processInstanceId).list()) {
      UserTask model = repository.getBpmnModelInstance(open.getProcessDefinitionId())
          .getModelElementById(open.getTaskDefinitionKey());
      String queueName = model == null || model.getName() == null ? null
          : forms.taskName(open.getTaskDefinitionKey(), model.getName(), id);
      // the task first (saving it checks its revision), then its variables
      if (queueName != null) {
        open.setName(queueName);
      }
      if (open.getDueDate() == null) {
        open.setDueDate(due(id, open));
      }
      tasks.saveTask(open);
      // a form's context is read from the record when the form is opened (forms/FormContextReads):
      // copies an earlier version set on the task go
      tasks.removeVariablesLocal(open.getId(), FormContexts.shown(open.getTaskDefinitionKey()));
      // what the task's form submits lives in the task's own scope, as on a task the new model made,
      // and what an old task kept in that scope (the vetting list) goes
      if (!open.getExecutionId().equals(open.getProcessInstanceId())) {
        runtime.removeVariablesLocal(open.getExecutionId(), OLD_TASK_SCOPE);
      }
      Map<String, Object> submitted = new HashMap<>();
      for (String name : submittedFields(model)) {
        submitted.put(name, null);
      }
      runtime.setVariablesLocal(open.getExecutionId(), submitted);
    }
  }

  /** The due date the models give a task they create, for the tasks whose due date came later. */
  private Date due(String id, Task open) {
    return switch (open.getTaskDefinitionKey()) {
      case EngagementProcess.Elements.EVALUATE_MODEL -> record.find(id)
          .map(engagement -> engagement.windowEnd() == null ? null : Date.from(engagement.windowEnd())).orElse(null);
      // the same moment as the overdue timer the migration created on it
      case PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS -> {
        Job overdue = management.createJobQuery().processInstanceId(open.getProcessInstanceId())
            .activityId(PartnerSelectionProcess.Elements.VETTING_OVERDUE).singleResult();
        yield overdue == null ? null : overdue.getDuedate();
      }
      default -> null;
    };
  }

  /** The input parameters the task's model declares: the fields its form or the API submits. */
  private static List<String> submittedFields(UserTask model) {
    List<String> names = new ArrayList<>();
    if (model != null && model.getExtensionElements() != null) {
      for (CamundaInputOutput io : model.getExtensionElements().getElementsQuery()
          .filterByType(CamundaInputOutput.class).list()) {
        io.getCamundaInputParameters().forEach(parameter -> names.add(parameter.getCamundaName()));
      }
    }
    return names;
  }
}
