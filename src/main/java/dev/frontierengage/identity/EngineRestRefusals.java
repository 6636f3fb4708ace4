package dev.frontierengage.identity;

import dev.frontierengage.process.EngineRefusal;
import dev.frontierengage.audit.AuditLog;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * Engine-rest wraps whatever a task listener throws into a 500. A refusal is not a server
 * error: a rule a submission broke is a 400, a separation-of-duties refusal a 403, a
 * concurrent change or a task completed meanwhile a 409, each with the engine's message (a task
 * gone, or a database's conflict, with one that quotes no statement).
 * Everything else keeps Camunda's own mapping.
 */
class EngineRestRefusals implements ExceptionMapper<RestException> {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EngineRestRefusals.class);

  private final AuditLog audit;
  private final ProcessEngine engine;
  private final RestExceptionHandler camunda = new RestExceptionHandler();

  EngineRestRefusals(AuditLog audit, ProcessEngine engine) {
    this.audit = audit;
    this.engine = engine;
  }

  /** Engine-rest names the task in its message when completing or submitting a form fails. */
  static final Pattern TASK_OPERATION = Pattern.compile("^Cannot (?:complete task|submit task form) ([^:\\s]+):");

  @Override
  public Response toResponse(RestException exception) {
    Matcher task = TASK_OPERATION.matcher(String.valueOf(exception.getMessage()));
    if (task.find() && !exists(task.group(1))) {
      // completed or cancelled by a parallel request (perhaps on another node) while this one ran,
      // whatever this one's listeners made of a task whose scope ended under it. Not engine-rest's
      // message: it quotes what this one's listeners threw (a statement its row's key refused)
      return gone(task.group(1), exception);
    }
    Response refusal = refusalFor(exception);
    return refusal != null ? refusal : camunda.toResponse(exception);
  }

  /** A task operation's path under engine-rest: its task id and the operation. */
  static final Pattern TASK_PATH = Pattern.compile("(?:^|/)task/([^/]+)/(complete|submit-form|deployed-form)$");

  /**
   * The 409 for a failure of completing or submitting a task that is gone by now (completed or
   * cancelled by a parallel request), or of reading the form of a task that is not there (the
   * engine's {@code deployed-form} fails with a NullPointerException on an id that names no task,
   * where its other form reads answer this 409), or null when the path names no such operation or
   * the task is still there (then the failure is a fault).
   */
  Response taskGone(String path, RuntimeException exception) {
    Matcher task = TASK_PATH.matcher(String.valueOf(path));
    if (task.find() && !exists(task.group(1))) {
      if ("deployed-form".equals(task.group(2))) {
        LOG.debug("The deployed form of task {}, which is not there, was asked for: answered 409", task.group(1));
        return gone(task.group(1), null);
      }
      // not the failure's own message: a NullPointerException's names the engine's internals
      return gone(task.group(1), exception);
    }
    return null;
  }

  /**
   * The 409 for task {@code id}, gone by now: naming the task only, never the failure's message
   * (engine-rest's quotes what the listeners threw, a NullPointerException's the engine's
   * internals); the failure of completing it, if any, is logged.
   */
  private static Response gone(String id, Throwable failure) {
    if (failure != null) {
      LOG.warn("Completing task {} failed and the task is gone (completed or cancelled meanwhile): answered 409",
          id, failure);
    }
    return refusal(409, "TaskGone", "Task " + id + " was completed or cancelled while this request ran",
        Map.of("hint", "the task is gone: completed or cancelled meanwhile"));
  }

  /** The 4xx for a refusal anywhere in the cause chain ({@link EngineRefusal}), or null when it is no refusal. */
  Response refusalFor(Throwable exception) {
    EngineRefusal refusal = EngineRefusal.of(exception).or(() -> badValue(exception)).orElse(null);
    if (refusal == null) {
      return null;
    }
    return switch (refusal.kind()) {
      case INVALID -> refusal(400, "InvalidSubmissionException", refusal.message(),
          Map.of("violations", refusal.violations()));
      case FORBIDDEN -> {
        AuthorizationException refused = cause(exception, AuthorizationException.class);
        if (refused != null && taskGone(refused)) {
          // another caller (or node) completed the task a moment earlier: a conflict, not a refusal
          yield refusal(409, refused.getClass().getSimpleName(), refused.getMessage(),
              Map.of("hint", "the task is gone: completed or cancelled meanwhile"));
        }
        audit.record("access.denied", caller(), null, Map.of("reason", String.valueOf(refusal.message())));
        yield refusal(403, refused == null ? "AuthorizationException" : refused.getClass().getSimpleName(),
            refusal.message(), Map.of());
      }
      case CONFLICT -> {
        if (cause(exception, org.camunda.bpm.engine.OptimisticLockingException.class) == null) {
          // a deadlock, or what a parallel change left under this one: logged, so that a fault taken for a race shows
          LOG.info("Engine-rest request lost a race with a parallel change: 409", exception);
        }
        yield refusal(409, "OptimisticLockingException", refusal.message(),
            Map.of("hint", "changed concurrently; read it again and retry"));
      }
      case GONE -> refusal(409, "NullValueException", refusal.message(),
          Map.of("hint", "the task is gone: completed or cancelled meanwhile"));
      case NOT_FOUND -> refusal(404, "NullValueException", refusal.message(), Map.of());
      case CLAIMED -> refusal(409, "TaskAlreadyClaimedException", refusal.message(),
          Map.of("hint", "claimed by another user: it can be claimed once they leave it"));
      case SUSPENDED -> refusal(409, "SuspendedEntityInteractionException", refusal.message(),
          Map.of("hint", "suspended by an administrator: it can be worked on once activated again"));
    };
  }

  /** A 404 for an operation that exists, but not where it was asked (in engine-rest's words and shape). */
  static Response notServedHere(String message) {
    return refusal(404, "InvalidRequestException", message, Map.of());
  }

  /** A 400 for a value sent that could not be taken ({@code violation}: what was wrong with it). */
  Response invalid(String message, String violation) {
    return refusal(400, "InvalidSubmissionException", message, Map.of("violations", List.of(violation)));
  }

  /**
   * A body that is not JSON, or not of the shape the operation takes ({@code {"variables":true}}):
   * Camunda answers 400 in plain text quoting Jackson (and its own classes' names); a 400 in JSON
   * like every other refusal, naming where in the body.
   */
  Response unreadable(com.fasterxml.jackson.core.JsonProcessingException exception) {
    String where = exception instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
        ? mapping.getPath().stream().map(step -> step.getFieldName() != null ? step.getFieldName()
            : "[" + step.getIndex() + "]").collect(java.util.stream.Collectors.joining("."))
        : "";
    return invalid("The request's body is not the JSON this operation takes", where.isEmpty()
        ? "a body that is not JSON, or not of the shape this operation takes"
        : "'" + where + "' is not of the kind this operation takes");
  }

  /** What a client sent that the engine refuses, and what the client can do instead. */
  private record BadValue(EngineRefusal.Kind kind, String violation) {}

  /**
   * The engine's refusals of what an engine-rest client sent that it throws as a plain
   * {@link ProcessEngineException} with no code of its own (and {@link #JOB_RESOURCE_REFUSALS}),
   * told apart by their 7.24 texts (see the README's maintenance notes). Engine-rest and the
   * webapps' engine API only: from the developer API, whose values our own code makes, the same
   * failure is our fault and stays a logged 500.
   */
  static final Map<String, BadValue> BAD_VALUES = Map.ofEntries(
      Map.entry("Cannot find serializer for value", new BadValue(EngineRefusal.Kind.INVALID,
          "a value of a type or format the engine does not store: send a plain value, or JSON (type Json,"
          + " or type Object with an objectTypeName and serializationDataFormat application/json)")),
      Map.entry("no 'objectTypeName' provided", new BadValue(EngineRefusal.Kind.INVALID,
          "an object's value names no objectTypeName")),
      Map.entry("cannot be used to query", new BadValue(EngineRefusal.Kind.INVALID,
          "an object's value cannot be compared in a query: give a plain value")),
      Map.entry("cannot be deleted because is part of a running process", new BadValue(EngineRefusal.Kind.INVALID,
          "a task of a process is completed, not deleted")),
      Map.entry("does not have a subscription to a message event", new BadValue(EngineRefusal.Kind.NOT_FOUND,
          "the execution does not wait for that message")),
      Map.entry("You must specify at least one of", new BadValue(EngineRefusal.Kind.INVALID,
          "the jobs or process instances whose retries to set: give their ids or a query")),
      Map.entry("workerId is null", new BadValue(EngineRefusal.Kind.INVALID,
          "an external task's worker: give a workerId")),
      Map.entry("is not a valid resource identifier", new BadValue(EngineRefusal.Kind.INVALID, "an id the identity"
          + " store takes: lowercase letters and digits, in parts joined by single hyphens")),
      Map.entry("Booleans and null cannot be used in", new BadValue(EngineRefusal.Kind.INVALID,
          "a value that has no order compared by order (greater or less than): give a number, a date or a string")),
      Map.entry("Invalid query usage", new BadValue(EngineRefusal.Kind.INVALID,
          "parameters of a query that cannot be combined: leave one out")),
      // found on 2026-12-07, each a 500 until then: queries asked for what they cannot take together
      Map.entry("Cannot query for user and group authorizations at the same time", new BadValue(
          EngineRefusal.Kind.INVALID, "authorizations of users and of groups asked for at once: ask for one")),
      Map.entry("Already querying for", new BadValue(EngineRefusal.Kind.INVALID,
          "two states asked for at once (active and completed, open and resolved, ...): ask for one")),
      Map.entry("Metrics interval query row limit can't be set larger than", new BadValue(EngineRefusal.Kind.INVALID,
          "more rows of metrics by interval than the engine gives (200): ask for fewer")),
      // a process definition query asked for the latest version beside an id, a version or a
      // deployment, even an empty one (a 500 until 2026-12-07; the decision definitions' says so
      // as a refusal of its own)
      Map.entry("Calling latest() can only be used in combination with", new BadValue(EngineRefusal.Kind.INVALID,
          "latestVersion beside a definition's id, version or deployment, which cannot be combined: ask for the"
          + " latest version by key or name, or leave latestVersion out")),
      Map.entry("No subscriptions were found during evaluation of the conditional start events",
          new BadValue(EngineRefusal.Kind.NOT_FOUND, "no process starts on that condition")),
      Map.entry("no deployed process definition found with id", new BadValue(EngineRefusal.Kind.NOT_FOUND,
          "no process definition has that id")),
      Map.entry("No user found with id", new BadValue(EngineRefusal.Kind.NOT_FOUND, "no user has that id")),
      Map.entry("No group found with id", new BadValue(EngineRefusal.Kind.NOT_FOUND, "no group has that id")),
      Map.entry("No tenant found with id", new BadValue(EngineRefusal.Kind.NOT_FOUND, "no tenant has that id")),
      Map.entry("Unrecognized authorization type", new BadValue(EngineRefusal.Kind.INVALID,
          "an authorization's type: 0 (global), 1 (grant) or 2 (revoke)")),
      // the engine checks that the instance is there before the caller's authorization, and says so
      // in its text (it was a 500 quoting it): a 404 to anyone tells no more than that text did
      Map.entry("cannot be modified. The process instance does not exist", new BadValue(EngineRefusal.Kind.NOT_FOUND,
          "no process instance has that id")),
      Map.entry("Cannot change tenantId of", new BadValue(EngineRefusal.Kind.INVALID,
          "a task's tenant, which does not change once the task has one (or none): leave tenantId as it is")));

  /**
   * The engine's refusal to signal an execution that waits in no activity, as the request's
   * signal met it ({@code SignalCmd} right under the execution's {@code signal}); the same text
   * from an event the engine delivers itself is a fault.
   */
  static boolean signalledWhereNothingWaits(Throwable failure) {
    StackTraceElement[] trace = failure.getStackTrace();
    return failure instanceof org.camunda.bpm.engine.impl.pvm.PvmException
        && String.valueOf(failure.getMessage()).endsWith("it has no current activity") && trace.length > 1
        && trace[0].getClassName().equals("org.camunda.bpm.engine.impl.pvm.runtime.PvmExecutionImpl")
        && trace[0].getMethodName().equals("signal")
        && trace[1].getClassName().equals("org.camunda.bpm.engine.impl.cmd.SignalCmd");
  }

  /**
   * The engine's checks of the values an operation is given ({@code EnsureUtil}), by their 7.24
   * texts: {@code "<name> is null"}, {@code "is empty"}, {@code "contains null value"}, ... (a
   * sorting by a variable without its name or type, a variable condition without its name, a
   * list of task ids holding a null, a group or tenant without its id, an external task's topic
   * without its name, a task query's candidate groups' expression sent empty). Engine-rest passes
   * what the request sent to the engine as it is. Only when thrown by that check
   * ({@link #checkedOnTheRequest}), and not inside a listener, a delegate or an expression
   * ({@link #inDelegateCode}): a fault of ours stays a 500.
   */
  static final Pattern ARGUMENT_CHECK = Pattern.compile("^([A-Za-z][A-Za-z ]{0,60}?) (is null|is not null|is empty"
      + "|is not empty|contains null value|contains empty string|is not greater than 0|is not less than .{1,40}"
      + "|is not greater than or equal to .{1,40}|does not have \\d+ elements)$");

  /** PostgreSQL's SQL state for a character its encoding does not take (a NUL in a text). */
  static final String TEXT_REFUSED = "22021";

  /** The SQL states of a statement's syntax refused: PostgreSQL's, and H2's two. */
  static final Set<String> SYNTAX_REFUSED = Set.of("42601", "42000", "42001");

  /**
   * The engine's 7.24 statements that write some of their query's criteria without the {@code and}
   * before them, so that two of those criteria together make a statement no database takes: the
   * job query's ({@code jobId}, {@code jobIds}, {@code jobDefinitionId} and {@code activityId} with
   * one another, and {@code processInstanceIds} after any of them or after {@code rootProcessInstanceId}
   * or {@code processInstanceId}), the user operation log's ({@code deploymentId},
   * {@code processDefinitionId} and {@code processDefinitionKey} with one another) and the historic
   * decision instances' ({@code decisionInstanceIdIn} after {@code decisionInstanceId}). Named as
   * MyBatis names the statement that failed; only these, so that a syntax refused in any other
   * statement (another defect, a database of another dialect) stays a fault.
   */
  static final Set<String> CRITERIA_WITHOUT_AND = Set.of(
      "org.camunda.bpm.engine.impl.persistence.entity.JobEntity.selectJobByQueryCriteria",
      "org.camunda.bpm.engine.impl.persistence.entity.JobEntity.selectJobCountByQueryCriteria",
      "org.camunda.bpm.engine.impl.persistence.entity.JobEntity.selectJobDeploymentIdMappingsByQueryCriteria",
      "org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity"
          + ".selectUserOperationLogEntriesByQueryCriteria",
      "org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity"
          + ".selectUserOperationLogEntryCountByQueryCriteria",
      "org.camunda.bpm.engine.impl.history.event.HistoricDecisionInstanceEntity"
          + ".selectHistoricDecisionInstancesByQueryCriteria",
      "org.camunda.bpm.engine.impl.history.event.HistoricDecisionInstanceEntity"
          + ".selectHistoricDecisionInstanceCountByQueryCriteria",
      "org.camunda.bpm.engine.impl.history.event.HistoricDecisionInstanceEntity"
          + ".selectHistoricDecisionInstanceDeploymentIdMappingsByQueryCriteria");

  /** The statement MyBatis names in its report of a failure ({@code ### The error may involve <statement>}). */
  static final Pattern FAILED_STATEMENT = Pattern.compile("### The error may involve ([\\w.$]+)");

  /**
   * The statement of {@link #CRITERIA_WITHOUT_AND} whose syntax the database refused, if that is
   * what {@code failure} is, and not inside a listener, a delegate or an expression of ours
   * ({@link #inDelegateCode}): those statements' values are bound as parameters, so only their
   * criteria combined make such a statement.
   */
  static Optional<String> queryRefused(Throwable failure) {
    String statement = null;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      Matcher named = FAILED_STATEMENT.matcher(String.valueOf(cause.getMessage()));
      if (statement == null && named.find()) {
        statement = named.group(1);
      }
      if (cause instanceof java.sql.SQLException sql && SYNTAX_REFUSED.contains(sql.getSQLState())) {
        return statement != null && CRITERIA_WITHOUT_AND.contains(statement) && !anyInDelegateCode(failure)
            ? Optional.of(statement.substring(statement.lastIndexOf('.') + 1)) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Whether {@code failure} or any of its causes was thrown inside our code the models call ({@link #inDelegateCode}). */
  private static boolean anyInDelegateCode(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (inDelegateCode(cause)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code failure} was thrown by the engine's check of a value it was given
   * ({@code EnsureUtil}, which makes its exception by reflection), called from a query or a
   * command, not from its execution tree ({@code impl.pvm}: "activity of current execution is
   * null" means a broken tree); a name of several words ("Candidate group list expression") only
   * from a query's or a command's check, where the engine names its arguments so.
   */
  private static boolean checkedOnTheRequest(Throwable failure, boolean severalWords) {
    boolean checked = false;
    for (StackTraceElement frame : failure.getStackTrace()) {
      String checking = frame.getClassName();
      if (checking.equals("org.camunda.bpm.engine.impl.util.EnsureUtil")) {
        checked = true;
      } else if (!checking.startsWith("java.") && !checking.startsWith("jdk.") && !checking.startsWith("sun.")) {
        return checked && !checking.startsWith("org.camunda.bpm.engine.impl.pvm.")
            && (!severalWords || checking.endsWith("QueryImpl") || checking.endsWith("Cmd"));
      }
    }
    return false;
  }

  /**
   * Whether {@code failure} was thrown inside a listener, a delegate or an expression the models
   * call: a {@code DelegateInvocation} on its stack other than the form handler's submission of
   * the values sent ({@code SubmitFormVariablesInvocation}). There a null, or a value the engine
   * cannot store, is our code's, not the request's.
   */
  static boolean inDelegateCode(Throwable failure) {
    StackTraceElement[] trace = failure.getStackTrace();
    for (int i = 1; i < trace.length; i++) {
      if (trace[i].getClassName().equals("org.camunda.bpm.engine.impl.delegate.DelegateInvocation")
          && trace[i].getMethodName().equals("proceed")
          && !trace[i - 1].getClassName().equals("org.camunda.bpm.engine.impl.form.handler.SubmitFormVariablesInvocation")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The engine's refusals that engine-rest's job resource passes on as a 500 of its own keeping
   * only the engine's text (setting a job's retries or due date), told apart by how that text
   * begins after its code ({@code ENGINE-13053}): only there, so that another resource's 500 (a job's delegate failing when an
   * administrator executes it) stays what it is.
   */
  static final Map<String, BadValue> JOB_RESOURCE_REFUSALS = Map.of(
      "No job found with id", new BadValue(EngineRefusal.Kind.NOT_FOUND, "no job has that id"),
      "Only timer jobs can be recalculated", new BadValue(EngineRefusal.Kind.INVALID,
          "only a timer's job has a due date to recalculate"),
      "The number of job retries must be a non-negative", new BadValue(EngineRefusal.Kind.INVALID,
          "the number of retries must be zero or more"));

  /** The engine's code before its text ({@code ENGINE-13053 No job found ...}). */
  private static final Pattern ENGINE_CODE = Pattern.compile("^ENGINE-\\d+ ");

  private static Optional<EngineRefusal> badValue(Throwable exception) {
    Optional<String> query = queryRefused(exception);
    if (query.isPresent()) {
      // the trace at DEBUG: a client can send it again and again
      LOG.info("The database refused the engine's statement {} for the criteria of the request (engine-rest or the"
          + " webapps' engine API): answered 400", query.get());
      LOG.debug("The engine's query the database refused", exception);
      return Optional.of(new EngineRefusal(EngineRefusal.Kind.INVALID, "The engine cannot ask for these criteria of"
          + " the query together", List.of("criteria of a query that the engine cannot combine: ask with fewer of"
          + " them (the job query takes one of jobId, jobIds, jobDefinitionId and activityId, and processInstanceIds"
          + " with none of them, nor rootProcessInstanceId or processInstanceId; the user operation log one of"
          + " deploymentId, processDefinitionId and processDefinitionKey; the historic decision instances"
          + " decisionInstanceId or decisionInstanceIdIn)")));
    }
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (cause instanceof java.sql.SQLException sql && TEXT_REFUSED.equals(sql.getSQLState())) {
        // PostgreSQL refusing a text sent (a NUL in a query's value): not its message, which quotes the statement
        return Optional.of(new EngineRefusal(EngineRefusal.Kind.INVALID, "A text sent holds a character the database"
            + " does not take", List.of("a text with a NUL character (\\u0000), which the database does not take")));
      }
      if (signalledWhereNothingWaits(cause)) {
        return Optional.of(new EngineRefusal(EngineRefusal.Kind.INVALID, message, List.of("the execution waits in"
            + " no activity that a signal continues: signal an execution that waits in one")));
      }
      if (cause instanceof ProcessEngineException) {
        for (Map.Entry<String, BadValue> bad : BAD_VALUES.entrySet()) {
          if (message.contains(bad.getKey())) {
            return Optional.of(refusal(cause, bad.getValue()));
          }
        }
        Matcher argument = ARGUMENT_CHECK.matcher(message);
        if (argument.matches() && checkedOnTheRequest(cause, argument.group(1).contains(" "))
            && !inDelegateCode(cause)) {
          // logged, so that a fault taken for a value sent shows (its trace at DEBUG: a client can
          // send it again and again)
          LOG.info("The engine refused the {} engine-rest passed on: answered 400", argument.group(1));
          LOG.debug("The engine's check that answered 400", cause);
          return Optional.of(new EngineRefusal(EngineRefusal.Kind.INVALID, message,
              List.of("a value the operation needs, left out or not as it takes it: " + argument.group(1) + " "
                  + argument.group(2))));
        }
      } else if (cause instanceof RestException rest && rest.getStatus() == Response.Status.INTERNAL_SERVER_ERROR) {
        if (rest.getCause() instanceof BadUserRequestException asked && !inDelegateCode(asked)) {
          // the engine's own word that the request asked what cannot be done (signal an execution
          // that is not there), which engine-rest wrapped into a 500 of its own: only the failure
          // engine-rest caught itself, not one the engine wrapped on its way (an event delivered
          // inside the engine); a 404 only where the engine says not found, a 400 as Camunda
          // answers the engine's BadUserRequestException elsewhere
          return Optional.of(new EngineRefusal(asked instanceof org.camunda.bpm.engine.exception.NotFoundException
              ? EngineRefusal.Kind.NOT_FOUND : EngineRefusal.Kind.INVALID, message,
              List.of("what the request asks cannot be done: " + asked.getMessage())));
        }
        String text = ENGINE_CODE.matcher(message).replaceFirst("");
        for (Map.Entry<String, BadValue> bad : JOB_RESOURCE_REFUSALS.entrySet()) {
          if (text.startsWith(bad.getKey())) {
            return Optional.of(refusal(cause, bad.getValue()));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static EngineRefusal refusal(Throwable cause, BadValue bad) {
    return new EngineRefusal(bad.kind(), cause.getMessage(), List.of(bad.violation()));
  }

  private static <T extends Throwable> T cause(Throwable exception, Class<T> type) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }

  /** Whether the refusal names a task that no longer exists (its grants went with it). */
  private boolean taskGone(AuthorizationException refused) {
    return refused.getMissingAuthorizations().stream()
        .filter(missing -> "Task".equals(missing.getResourceType()) && missing.getResourceId() != null
            && !"*".equals(missing.getResourceId())) // every task (a report's): no task that could be gone
        .anyMatch(missing -> !exists(missing.getResourceId()));
  }

  /**
   * Who the engine was asked by (engine-rest's user, or the webapps' session's, which Spring
   * Security does not know), or null to let the audit log ask Spring Security.
   */
  private String caller() {
    var caller = engine.getIdentityService().getCurrentAuthentication();
    return caller == null ? null : caller.getUserId();
  }

  /**
   * An operation on one engine object by its id ({@code process-definition/{id}/suspended}, and so
   * for process instances, executions, jobs, job definitions and deployments), whose id names
   * nothing of that kind, whoever may see it: the 404 for a NullPointerException of the operation
   * (the only failure {@code TaskGoneRefusals} asks this for), where the engine's own check of the
   * id did not come first (suspending a process definition that is not there fails so as the
   * engine logs the operation), when an administrator asked, or anyone for a process definition.
   * Null when the path names no such operation (a history path names history), the object is
   * there, the failure came from code the models call, or the caller is no administrator and the
   * object no process definition (then the failure is answered as before).
   */
  Response namedNothing(String path, RuntimeException exception) {
    Matcher named = BY_ID.matcher(String.valueOf(path));
    var identity = engine.getIdentityService();
    var caller = identity.getCurrentAuthentication();
    if (!named.find() || "key".equals(named.group(2)) || inDelegateCode(exception) || caller == null
        || !"process-definition".equals(named.group(1))
        && (caller.getGroupIds() == null || !caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN))) {
      // an administrator's only, but for a process definition: to anyone else, whether an id names
      // something is not told by how an operation fails. Engine-rest's own read of a process
      // definition by an id that names nothing answers anyone 404 (one they may not read, 403), so
      // the 404 tells a reviewer nothing new: suspending one, or setting its history's time to
      // live, by such an id was a 500 to a reviewer
      return null;
    }
    String kind = named.group(1);
    String id = named.group(2);
    long found = AssigneeCheck.asEngine(identity, () -> switch (kind) {
      case "process-definition" -> engine.getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionId(id).count();
      case "process-instance" -> engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count();
      case "execution" -> engine.getRuntimeService().createExecutionQuery().executionId(id).count();
      case "job" -> engine.getManagementService().createJobQuery().jobId(id).count();
      case "job-definition" -> engine.getManagementService().createJobDefinitionQuery().jobDefinitionId(id).count();
      default -> engine.getRepositoryService().createDeploymentQuery().deploymentId(id).count();
    });
    if (found > 0) {
      return null;
    }
    // logged with its trace: a fault taken for an id that names nothing shows
    LOG.warn("An operation on {} {}, which is not there, failed: answered 404", kind, id, exception);
    return refusal(404, "NullValueException", "No " + kind.replace('-', ' ') + " has id " + id, Map.of());
  }

  /**
   * A path that names one engine object by its id and an operation on it: the id is followed by
   * more of the path ({@code process-definition/suspended} is an operation on many).
   */
  static final Pattern BY_ID = Pattern.compile(
      "^/?(?:engine/[^/]+/)?(process-definition|process-instance|execution|job-definition|job|deployment)/([^/]+)/[^/]");

  /** Whether the task exists, whoever may see it. */
  private boolean exists(String taskId) {
    return AssigneeCheck.asEngine(engine.getIdentityService(),
        () -> engine.getTaskService().createTaskQuery().taskId(taskId).count() > 0);
  }

  private static Response refusal(int status, String type, String message, Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    body.putAll(extra);
    return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
  }
}
