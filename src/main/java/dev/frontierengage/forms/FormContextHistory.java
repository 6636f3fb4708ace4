package dev.frontierengage.forms;

import dev.frontierengage.process.InvalidSubmissionException;
import dev.frontierengage.process.StorableText;
import dev.frontierengage.process.Submission;
import java.util.ArrayList;
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
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.runtime.DefaultDeserializationTypeValidator;
import org.camunda.bpm.engine.runtime.DeserializationTypeValidator;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The forms' context in the engine: served from the record when a task's form variables are
 * read ({@link FormContextReads}), and never a variable. History level {@code full} with one
 * rule added: a variable named as a form shows a value of the record ({@link #NAMES}: the
 * engagement's description, contact, dates, scores, partner...) cannot be set on a task, nor on
 * a process instance once it has started (while it starts, the inquiry arrives as such variables
 * and is moved into the record at once). So a completion, a form submission or a variable set by
 * hand that sends such a name is refused (400 over engine-rest) instead of writing a value that
 * looks like the record's and is not; what a reviewer enters on a task lives in that task's own
 * scope (its input parameters) and is not concerned. Copies an earlier version set on open tasks
 * leave no history when their task ends, as then.
 *
 * <p>The level keeps full's id (3) and name, so a database already at {@code full} stays at it
 * and {@code camunda.bpm.history-level: full} chooses it (a custom level the engine resolves by
 * name after its own). Another configured level ({@code audit}, say) is left as it is, and with
 * it this rule.
 */
@Component
class FormContextHistory extends AbstractProcessEnginePlugin {

  /** Every name a form's context shows. */
  static final Set<String> NAMES = Stream.concat(FormContexts.MODEL.stream(),
      FormContexts.SHOWN.values().stream().flatMap(List::stream)).collect(Collectors.toUnmodifiableSet());

  private static final Set<HistoryEventType> VARIABLE_EVENTS = Set.of(HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
      HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, HistoryEventTypes.VARIABLE_INSTANCE_DELETE,
      HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE, HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL);

  private static final Set<HistoryEventType> WRITES = Set.of(HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
      HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL);

  /** Full history; a variable of a shown name is refused where it would pass for the record. */
  static final class Level extends HistoryLevelFull {

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      if (entity instanceof VariableInstanceEntity variable && WRITES.contains(eventType)) {
        storable(variable);
      }
      if (entity instanceof VariableInstanceEntity variable && VARIABLE_EVENTS.contains(eventType)
          && NAMES.contains(variable.getName())) {
        boolean onTask = variable.getTaskId() != null;
        if (WRITES.contains(eventType) && (onTask || passesForTheRecord(variable))) {
          throw new InvalidSubmissionException("The task's values", List.of(variable.getName()
              + " is shown on the form from the engagement's record, not entered: it cannot be sent or changed"));
        }
        // an earlier version's copy on its task ends with the task, without history
        return !onTask;
      }
      return true;
    }

    /**
     * A variable the engine's columns can hold: a name of at most {@link #MAX_NAME} characters and
     * texts (a string's value, a file's name and media type) of at most {@link Submission#MAX_TEXT},
     * none with anything {@link StorableText} refuses, an object's value only of a type the engine
     * may make ({@link #allowedType}), and a serialized value only one that reads back
     * ({@link #readable}). Else the write fails in the database, a 500 over engine-rest for what
     * is bad input (a completion's extra value of 5,000 characters, a NUL, which H2 would keep and
     * PostgreSQL refuses), or a later read fails; it is refused here as the submission's. A
     * serialized value's type and reading are checked on a transient value too, which a listener
     * may read though it is never written.
     */
    private static void storable(VariableInstanceEntity variable) {
      if (variable.getTypedValue(false) instanceof SerializableValue serialized && !serialized.isDeserialized()) {
        if (serialized instanceof ObjectValue object) {
          allowedType(variable.getName(), object.getObjectTypeName());
        }
        readable(variable);
      }
      if (variable.isTransient()) {
        return; // never written (the inquiry while it starts the process, a transient value sent)
      }
      String name = variable.getName();
      String problem = name == null ? null : name.length() > MAX_NAME ? "is longer than " + MAX_NAME + " characters"
          : StorableText.problem(name).orElse(null);
      if (problem != null) {
        throw new InvalidSubmissionException("The task's values",
            List.of("a variable's name " + problem + " (" + shown(name) + ")"));
      }
      boolean string = ValueType.STRING.getName().equals(variable.getSerializerName());
      for (String text : java.util.Arrays.asList(variable.getTextValue(), variable.getTextValue2())) {
        // counted as Java counts a string's length, as H2 does: never more than either database takes
        problem = text == null ? null : text.length() > Submission.MAX_TEXT
            ? "is longer than " + Submission.MAX_TEXT + " characters" : StorableText.problem(text).orElse(null);
        if (problem != null) {
          // a string's value, or what another type keeps as text (a file's name and media type)
          throw new InvalidSubmissionException("The task's values", List.of(name + (string ? " " : "'s name or type ")
              + problem));
        }
      }
    }

    /**
     * A value sent serialized (an object as JSON, JSON or XML itself) is read once as it will be
     * read: one that cannot be (JSON cut short, a text where the type wants a number, XML that is
     * no XML) would be written and then fail whoever reads it next, a listener or any group's form
     * (engine-rest's form variables read values deserialized). Read apart from the variable, which
     * keeps its value as sent.
     */
    private static void readable(VariableInstanceEntity variable) {
      TypedValueSerializer<?> serializer = variable.getSerializer();
      try {
        if (serializer != null) {
          serializer.readValue(variable, true, variable.isTransient());
        }
      } catch (RuntimeException unreadable) {
        throw new InvalidSubmissionException("The task's values", List.of(variable.getName()
            + ": the value cannot be read as the type and format it names; send it as they want it"));
      }
    }

    /**
     * An object's value (JSON or XML of a Java type) is taken only of types the engine may make
     * when it is read ({@code deserialization-type-validation-enabled}: {@code java.lang} and the
     * plain collections): whoever completes a task names the type, and the engine would otherwise
     * construct any class on the class path from it when a listener reads the value (a file
     * writer that empties the file it names). Refused here, when it is set, so it is never
     * written; every name in the type counts ({@code java.util.ArrayList<...>}). Only a value set
     * in its serialized form, as a client sends it: an object the engine or our code sets (the
     * decision's result while the threshold runs) is one already made, by code of ours.
     */
    private static void allowedType(String name, String typeName) {
      DeserializationTypeValidator validator = Context.getProcessEngineConfiguration() == null ? null
          : Context.getProcessEngineConfiguration().getDeserializationTypeValidator();
      DeserializationTypeValidator allowed = validator != null ? validator : DEFAULT_TYPES;
      List<String> refused = typeName == null ? List.of() : Stream.of(typeName.split("[<>,\\[\\]\\s]+"))
          .filter(type -> !type.isEmpty() && !(allowed.validate(type)
              && (!type.startsWith("java.lang.") || PLAIN_JAVA_LANG.contains(type)))).toList();
      if (typeName == null || typeName.isBlank() || !refused.isEmpty()) {
        throw new InvalidSubmissionException("The task's values", List.of(name + ": a value of type "
            + shown(String.valueOf(typeName)) + " is not accepted; send a plain value, or JSON (type Json)"));
      }
    }

    private static final DeserializationTypeValidator DEFAULT_TYPES = new DefaultDeserializationTypeValidator();

    /**
     * Of {@code java.lang}, which the engine's allow-list takes whole, the plain values only (not
     * a {@code ProcessBuilder}, a {@code Thread} or a {@code ClassLoader}).
     */
    static final Set<String> PLAIN_JAVA_LANG = Set.of("java.lang.Object", "java.lang.String", "java.lang.Boolean",
        "java.lang.Character", "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long",
        "java.lang.Float", "java.lang.Double", "java.lang.Number");

    /** The longest variable name the engine's column holds. */
    static final int MAX_NAME = 255;

    /** A name as a refusal may show it: its first characters, without what cannot be shown. */
    private static String shown(String name) {
      String visible = name.codePoints().filter(c -> c >= 0x20 && !Character.isSurrogate((char) c))
          .limit(40).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
      return name.length() > 40 ? visible + "..." : visible;
    }

    private static boolean passesForTheRecord(VariableInstanceEntity variable) {
      if (variable.getExecutionId() == null || !variable.getExecutionId().equals(variable.getProcessInstanceId())) {
        return false; // a scope's own variable: what its task enters
      }
      // the inquiry arrives as the process's variables while it starts, and the record is made
      // from them then; after that, the record holds these facts
      ExecutionEntity instance = variable.getExecution();
      return instance != null && !instance.isProcessInstanceStarting();
    }
  }

  private final Level level = new Level();

  private final FormContextReads reads;

  FormContextHistory(ObjectProvider<FormContexts> contexts) {
    // the bean looked up once, at the first form read (the engine is built before it): looking it
    // up in the application context at every read took a sixth of the reads' own time in a profile
    this.reads = new FormContextReads(SingletonSupplier.of(contexts::getObject));
  }

  /** What serves the forms' context at each form read. */
  FormContextReads reads() {
    return reads;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryLevel> custom = new ArrayList<>();
    if (configuration.getCustomHistoryLevels() != null) {
      custom.addAll(configuration.getCustomHistoryLevels());
    }
    custom.add(level);
    configuration.setCustomHistoryLevels(custom);
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configuration.getCustomPostCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPostCommandInterceptorsTxRequired());
    }
    interceptors.add(reads);
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (level.getName().equalsIgnoreCase(configuration.getHistory()) && configuration.getHistoryLevel() != level) {
      // the engine resolves a level by name, the last of its own and the custom ones that match:
      // if that ever changes, say so at start-up rather than let a variable pass for the record unnoticed
      throw new IllegalStateException("history level 'full' resolved to " + configuration.getHistoryLevel()
          + ", not to full with the forms' context rule");
    }
  }
}
