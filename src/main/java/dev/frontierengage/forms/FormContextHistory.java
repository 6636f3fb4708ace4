package dev.frontierengage.forms;

import dev.frontierengage.process.InvalidSubmissionException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.stereotype.Component;

/**
 * History level {@code full}, less the history of the forms' context ({@link FormContext}): the
 * copies of the record a task's form shows, set on the task alone when it is created and never
 * read back. Each would otherwise write a historic variable instance and a historic detail at
 * creation and update both when the task ends, some 160 statements per engagement, all
 * repeating what the engagement's record ({@code fe_engagement} and its tables) keeps anyway.
 * Everything else keeps full history: what every reviewer and developer submitted, every
 * process variable, the user operation log.
 *
 * <p>The level keeps full's id (3) and name, so a database already at {@code full} stays at it
 * and {@code camunda.bpm.history-level: full} chooses it (a custom level the engine resolves by
 * name after its own). Another configured level ({@code audit}, say) is left as it is.
 */
@Component
class FormContextHistory extends AbstractProcessEnginePlugin {

  /** Every name a form's context may set on a task. */
  static final Set<String> NAMES = Stream.concat(FormContexts.MODEL.stream(),
      FormContexts.SHOWN.values().stream().flatMap(List::stream)).collect(Collectors.toUnmodifiableSet());

  private static final Set<HistoryEventType> VARIABLE_EVENTS = Set.of(HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
      HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, HistoryEventTypes.VARIABLE_INSTANCE_DELETE,
      HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE, HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL);

  /**
   * Full history without the forms' context. A copy is only ever created with its task and
   * deleted with it: a request that would change one (a form submission sending a shown field's
   * name, a task variable set by hand) is refused, so what the form showed is what the task had,
   * and nothing a person sends goes without its history. (A completion's variables go to the
   * process's scope, never the task's own, and keep their history there.)
   */
  static final class Level extends HistoryLevelFull {
    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      if (entity instanceof VariableInstance variable && VARIABLE_EVENTS.contains(eventType)
          && isFormContext(variable)) {
        if (HistoryEventTypes.VARIABLE_INSTANCE_UPDATE.equals(eventType)
            || HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL.equals(eventType)) {
          throw new InvalidSubmissionException("The task's values", List.of(variable.getName()
              + " is shown on the form from the engagement's record, not entered: it cannot be sent or changed"));
        }
        return false;
      }
      return true;
    }

    static boolean isFormContext(VariableInstance variable) {
      return variable.getTaskId() != null && NAMES.contains(variable.getName());
    }
  }

  static final Level LEVEL = new Level();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryLevel> custom = new java.util.ArrayList<>();
    if (configuration.getCustomHistoryLevels() != null) {
      custom.addAll(configuration.getCustomHistoryLevels());
    }
    custom.add(LEVEL);
    configuration.setCustomHistoryLevels(custom);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (LEVEL.getName().equalsIgnoreCase(configuration.getHistory()) && configuration.getHistoryLevel() != LEVEL) {
      // the engine resolves a level by name, the last of its own and the custom ones that match:
      // if that ever changes, say so at start-up rather than write the copies' history unnoticed
      throw new IllegalStateException("history level 'full' resolved to " + configuration.getHistoryLevel()
          + ", not to full without the forms' context");
    }
  }
}
