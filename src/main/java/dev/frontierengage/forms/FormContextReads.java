package dev.frontierengage.forms;

import dev.frontierengage.designation.DesignationProcess;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cmd.AbstractGetFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.DataFormats;

/**
 * Serves what an agency task's form shows ({@link FormContexts}) from the engagement's record
 * whenever the engine is asked for the task's form variables ({@code FormService
 * .getTaskFormVariables}: Tasklist's form and engine-rest's {@code GET task/{id}/form-variables}),
 * after the engine has checked that the caller may read the task. Nothing is copied into the
 * task: the form reads the record as it is at that moment, and a variable of the same name,
 * whoever set it, never shows through (the record's value replaces it).
 *
 * <p>A command interceptor after the engine's command context: the command has loaded the task
 * and its executions, so reading them costs no statement; the record is read in the command's
 * transaction.
 */
public class FormContextReads extends CommandInterceptor {

  /** Whether the caller asked for object values deserialised: the command keeps it to itself. */
  private static final Field DESERIALIZE = deserializeField();

  private final Supplier<FormContexts> contexts;

  /** @param contexts the record's view of forms, asked at each form read (the engine is built before it) */
  public FormContextReads(Supplier<FormContexts> contexts) {
    this.contexts = contexts;
  }

  /** The record's view of forms, as {@code contexts} gives it at this form read. */
  FormContexts contexts() {
    return contexts.get();
  }

  @Override
  public <T> T execute(Command<T> command) {
    T result = next.execute(command);
    if (command instanceof GetTaskFormVariablesCmd read && result instanceof VariableMap variables) {
      addContext(read, variables);
    }
    return result;
  }

  private void addContext(GetTaskFormVariablesCmd read, VariableMap variables) {
    TaskEntity task = Context.getCommandContext().getTaskManager().findTaskById(read.resourceId);
    ExecutionEntity execution = task == null ? null : task.getExecution();
    if (execution == null || !FormContexts.SHOWN.containsKey(task.getTaskDefinitionKey())) {
      return; // a task of no agency form (a developer's task, a task made by hand)
    }
    String key = task.getTaskDefinitionKey();
    Object office = DesignationProcess.Elements.PROVIDE_CONSULTATION.equals(key)
        ? task.getVariable(DesignationProcess.Vars.OFFICE) : null;
    Map<String, Object> shown = contexts().values(key, execution.getProcessBusinessKey(),
        new FormContexts.TaskFacts(office instanceof String o ? o : null, task.getCreateTime().toInstant()));
    Collection<String> asked = read.formVariableNames;
    boolean deserialize = deserialize(read);
    shown.forEach((name, value) -> {
      if (asked == null || asked.contains(name)) {
        // typed, so that a value it replaces is not read (a serialised one could not be)
        variables.putValueTyped(name, value instanceof ObjectValue object && !deserialize ? serialized(object)
            : value instanceof TypedValue typed ? typed : Variables.untypedValue(value));
      }
    });
  }

  /** The value as the engine gives a stored JSON value to a caller that asked for it serialised (Tasklist does). */
  static ObjectValue serialized(ObjectValue value) {
    var json = DataFormats.json();
    Object object = value.getValue();
    return Variables.serializedObjectValue(json.getMapper().mapJavaToInternal(object).toString())
        .serializationDataFormat(SerializationDataFormats.JSON)
        .objectTypeName(json.getMapper().getCanonicalTypeName(object))
        .create();
  }

  private static boolean deserialize(AbstractGetFormVariablesCmd read) {
    try {
      return DESERIALIZE.getBoolean(read);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Field deserializeField() {
    try {
      Field field = AbstractGetFormVariablesCmd.class.getDeclaredField("deserializeObjectValues");
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      // a later engine renamed it: say so at start-up rather than serve a form wrongly typed values
      throw new IllegalStateException("the engine's form-variables command has no deserializeObjectValues", e);
    }
  }
}
