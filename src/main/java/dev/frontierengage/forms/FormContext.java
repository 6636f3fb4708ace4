package dev.frontierengage.forms;

import dev.frontierengage.engagement.EngagementRecord;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Names an agency task after the engagement's model when it is created, so a queue tells its
 * rows apart: "Review intake: Roadrunner 4.1 (acme)". What the task's form shows is not copied
 * into the task: {@link FormContextReads} serves it from the record when the form is opened.
 */
@Component("formContext")
class FormContext implements TaskListener {

  private final FormContexts contexts;

  FormContext(FormContexts contexts) {
    this.contexts = contexts;
  }

  @Override
  public void notify(DelegateTask task) {
    String name = contexts.taskName(task.getTaskDefinitionKey(), task.getName(), EngagementRecord.id(task));
    if (name == null) {
      throw new IllegalStateException("no form for task " + task.getTaskDefinitionKey());
    }
    task.setName(name);
  }
}
