package dev.frontierengage.forms;

import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementRecord;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Sets what an agency task's form shows ({@link FormContexts}) as variables of that task alone
 * when it is created, and names the task after the engagement's model, so a queue tells its rows
 * apart. Whoever may read the task reads these and nothing else of the record; they
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
    // only a consultation is asked of an office (its element variable); asking any other task
    // would read every variable of its process instance to find none
    Object office = DesignationProcess.Elements.PROVIDE_CONSULTATION.equals(task.getTaskDefinitionKey())
        ? task.getVariable(DesignationProcess.Vars.OFFICE) : null;
    Map<String, Object> values = contexts.values(task.getTaskDefinitionKey(), EngagementRecord.id(task),
        new FormContexts.TaskFacts(office instanceof String o ? o : null, task.getCreateTime().toInstant()));
    if (values == null) {
      throw new IllegalStateException("no form for task " + task.getTaskDefinitionKey());
    }
    task.setVariablesLocal(values);
    // the queue tells the engagements apart: "Review intake: Roadrunner 4.1 (acme)"
    task.setName(FormContexts.taskName(task.getName(), values));
  }
}
