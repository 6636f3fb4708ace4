package dev.frontierengage.forms;

import dev.frontierengage.engagement.EngagementRecord;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Sets what an agency task's form shows ({@link FormContexts}) as variables of that task alone
 * when it is created. Whoever may read the task reads these and nothing else of the record; they
 * are copies for reading, never read back, so changing them in a completion changes nothing.
 */
@Component("formContext")
class FormContext implements TaskListener {

  private final FormContexts contexts;

  FormContext(FormContexts contexts) {
    this.contexts = contexts;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> values = contexts.values(task.getTaskDefinitionKey(), EngagementRecord.id(task));
    if (values == null) {
      throw new IllegalStateException("no form for task " + task.getTaskDefinitionKey());
    }
    task.setVariablesLocal(values);
  }
}
