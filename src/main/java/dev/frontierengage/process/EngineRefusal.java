package dev.frontierengage.process;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.SuspendedEntityInteractionException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;

/**
 * What an engine refusal means for the client, the one mapping the developer API and
 * engine-rest both answer by: a rule a submission broke is a 400 listing every rule; a refusal
 * of the engine's authorization (or of the separation of duties) a 403; a concurrent change, or
 * a task completed or cancelled meanwhile, one suspended or one claimed by another user, a
 * transaction the database rolled back to break a deadlock with another, or one that found a
 * process instance ended under it by another, a 409; an
 * id that names nothing a 404. Anything else
 * is no refusal: a fault, answered 500 and logged.
 */
public record EngineRefusal(Kind kind, String message, List<String> violations) {

  /** How a refusal is answered. */
  public enum Kind {
    /** 400: the submission broke the rules named in {@code violations}. */
    INVALID(400),
    /** 403: the caller may not do this. */
    FORBIDDEN(403),
    /** 409: changed meanwhile (by another request or node); read again and retry. */
    CONFLICT(409),
    /** 409: the task is gone, completed or cancelled meanwhile. */
    GONE(409),
    /** 409: suspended (by an administrator, in Cockpit): it can be worked on once activated again. */
    SUSPENDED(409),
    /** 409: the task is claimed by another user. */
    CLAIMED(409),
    /** 404: the id names nothing (or nothing any more). */
    NOT_FOUND(404);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /**
   * The code of the engine's refusal to set a variable in Java's serialization (7.24's
   * {@code EngineUtilLogger}, "ENGINE-17007 ... Java serialization format is prohibited"): the
   * engine throws a plain {@link ProcessEngineException} for it, so its code is what tells it apart.
   */
  static final String JAVA_SERIALIZATION_PROHIBITED = "ENGINE-17007";

  /**
   * The code of the engine's refusal to set a value transient where the scope holds a variable of
   * that name, or the other way round ("ENGINE-17006 Cannot set transient variable with name ...
   * to non-transient variable and vice versa"), also a plain {@link ProcessEngineException}.
   */
  static final String TRANSIENT_MISMATCH = "ENGINE-17006";

  /**
   * The SQL states of a transaction the database gave up because another held what it needed: a
   * deadlock (PostgreSQL's {@code 40P01}; H2's {@code 40001}, also PostgreSQL's serialization
   * failure) or a lock waited for too long (PostgreSQL's {@code 55P03}, H2's {@code HYT00}). Two
   * transactions moving one engagement at the same moment can take its record's row and the
   * engine's rows in opposite orders (a listener updates the record before the engine flushes, the
   * developer view locks it after); the database then rolls one of them back whole, which is the
   * loser of a race like any other: a 409, nothing changed.
   */
  static final java.util.Set<String> LOCK_CONFLICT_STATES = java.util.Set.of("40P01", "40001", "55P03", "HYT00");

  /**
   * The start of the engine's message when it reads the executions of a process instance this
   * command had already met and finds none (7.24's {@code ExecutionEntity.restoreProcessInstance}:
   * "Cannot restore state of process instance ...: list of executions is empty", a
   * {@link NullValueException}): the instance ended in another transaction that committed while
   * this one ran (a partner selection the CISA's vetting ended as the developer's withdrawal
   * cancelled it). The loser of a race: a 409, nothing changed.
   */
  static final String ENDED_MEANWHILE = "Cannot restore state of process instance";

  static final String ENDED_MEANWHILE_MESSAGE = "Ended by another request at the same moment: this one was rolled"
      + " back and changed nothing; read it again and retry";

  static final String LOCK_CONFLICT = "Changed by another request at the same moment: this one was rolled back and"
      + " changed nothing; read it again and retry";

  /**
   * Whether the database rolled the failed transaction back for a lock another held (a deadlock,
   * a lock waited for too long: {@link #LOCK_CONFLICT_STATES}), anywhere in the cause chain: the
   * loser of a race, which the same work done again once the other transaction has ended does not
   * meet ({@link LockConflictRetries}).
   */
  public static boolean lockConflict(Throwable failure) {
    return anySqlState(failure, LOCK_CONFLICT_STATES::contains);
  }

  /**
   * The SQL state of a foreign key violated ({@code 23503}, PostgreSQL's and H2's). In the engine's
   * own persistence layer ({@link org.camunda.bpm.engine.ProcessEnginePersistenceException}),
   * on a delete ({@link #FAILED_DELETE}), it is a tree this transaction read and deleted while
   * another added to it and committed: a developer's withdrawal deleting the access window's scope
   * as its opening timer committed a child execution under it failed on {@code act_fk_exe_parent}
   * (PostgreSQL, a staggered race), where the engine's own check (the parent's revision) would
   * have come after. The engine itself takes a foreign key an insert or update breaks for an
   * optimistic-locking conflict; one our own statements break (Spring's exceptions, not the
   * engine's) stays a fault.
   */
  static final String FOREIGN_KEY_VIOLATION = "23503";

  /**
   * How 7.24's engine names a delete that failed in its flush ({@code EnginePersistenceLogger}'s
   * ENGINE-03004: "Exception while executing Database Operation 'DELETE ExecutionEntity[...]'").
   */
  static final String FAILED_DELETE = "Database Operation 'DELETE ";

  private static boolean treeChanged(Throwable persistence) {
    boolean delete = false;
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable cause = persistence; cause != null && seen.add(cause); cause = cause.getCause()) {
      delete |= String.valueOf(cause.getMessage()).contains(FAILED_DELETE);
    }
    return delete && anySqlState(persistence, FOREIGN_KEY_VIOLATION::equals);
  }

  /** Whether an SQL exception anywhere in the cause chain (or the next exceptions of each) has a state {@code wanted}. */
  private static boolean anySqlState(Throwable failure, java.util.function.Predicate<String> wanted) {
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
      if (cause instanceof java.sql.SQLException sql && hasState(sql, wanted)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasState(java.sql.SQLException sql, java.util.function.Predicate<String> wanted) {
    for (java.sql.SQLException next = sql; next != null; next = next.getNextException() == next ? null : next.getNextException()) {
      if (next.getSQLState() != null && wanted.test(next.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** The refusal anywhere in the cause chain, or empty for a fault. */
  public static Optional<EngineRefusal> of(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidSubmissionException invalid) {
        return Optional.of(new EngineRefusal(Kind.INVALID, invalid.getMessage(), invalid.violations()));
      }
      if (cause instanceof org.camunda.bpm.engine.TaskAlreadyClaimedException claimed) {
        return Optional.of(new EngineRefusal(Kind.CLAIMED, claimed.getMessage(), List.of()));
      }
      if (cause instanceof SuspendedEntityInteractionException suspended) {
        return Optional.of(new EngineRefusal(Kind.SUSPENDED, suspended.getMessage(), List.of()));
      }
      if (cause instanceof AuthorizationException refused) {
        return Optional.of(new EngineRefusal(Kind.FORBIDDEN, refused.getMessage(), List.of()));
      }
      if (cause instanceof ProcessEngineException prohibited
          && String.valueOf(prohibited.getMessage()).contains(JAVA_SERIALIZATION_PROHIBITED)) {
        // a value sent in Java's serialization, which the engine does not take (it runs with
        // javaSerializationFormatEnabled off): the sender's mistake, not the server's
        return Optional.of(new EngineRefusal(Kind.INVALID, prohibited.getMessage(),
            List.of("a value in Java serialization (application/x-java-serialized-object) is not accepted: send it as JSON")));
      }
      if (cause instanceof ProcessEngineException mismatch
          && String.valueOf(mismatch.getMessage()).contains(TRANSIENT_MISMATCH)) {
        return Optional.of(new EngineRefusal(Kind.INVALID, mismatch.getMessage(),
            List.of("a value sent as transient where the task holds a variable of that name, or the other way round:"
                + " send it as the task holds it")));
      }
      if (cause instanceof OptimisticLockingException conflict) {
        return Optional.of(new EngineRefusal(Kind.CONFLICT, conflict.getMessage(), List.of()));
      }
      if (cause instanceof java.sql.SQLException sql && hasState(sql, LOCK_CONFLICT_STATES::contains)) {
        // not the server's message: it quotes the statement and the server's process ids
        return Optional.of(new EngineRefusal(Kind.CONFLICT, LOCK_CONFLICT, List.of()));
      }
      if (cause instanceof org.camunda.bpm.engine.ProcessEnginePersistenceException && treeChanged(cause)) {
        // the engine's flush met a row another transaction added under what this one deleted
        return Optional.of(new EngineRefusal(Kind.CONFLICT, LOCK_CONFLICT, List.of()));
      }
      if (cause instanceof NullValueException || cause instanceof NotFoundException) {
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof NullValueException && message.startsWith(ENDED_MEANWHILE)) {
          return Optional.of(new EngineRefusal(Kind.CONFLICT, ENDED_MEANWHILE_MESSAGE, List.of()));
        }
        if (message.contains("Cannot find task") || message.contains("task") && message.contains("is null")) {
          return Optional.of(new EngineRefusal(Kind.GONE, cause.getMessage(), List.of()));
        }
        if (message.contains("doesn't exist") || message.contains("does not exist")
            || cause instanceof NotFoundException) {
          return Optional.of(new EngineRefusal(Kind.NOT_FOUND, cause.getMessage(), List.of()));
        }
      }
    }
    return Optional.empty();
  }
}
