package dev.frontierengage.identity;

import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.process.InvalidSubmissionException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * Engine-rest wraps whatever a task listener throws into a 500. A refusal is not a server
 * error: a rule a submission broke is a 400, a separation-of-duties refusal a 403, a
 * concurrent change or a task completed meanwhile a 409, each with the engine's message.
 * Everything else keeps Camunda's own mapping.
 */
class EngineRestRefusals implements ExceptionMapper<RestException> {

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
    Response refusal = refusalFor(exception);
    if (refusal != null) {
      return refusal;
    }
    Matcher task = TASK_OPERATION.matcher(String.valueOf(exception.getMessage()));
    if (task.find() && !exists(task.group(1))) {
      // completed or cancelled by a parallel request (perhaps on another node) while this one ran
      return refusal(409, exception, Map.of("hint", "the task is gone: completed or cancelled meanwhile"));
    }
    return camunda.toResponse(exception);
  }

  /** The 4xx for a refusal anywhere in the cause chain, or null when it is no refusal. */
  Response refusalFor(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidSubmissionException invalid) {
        return refusal(400, invalid, Map.of("violations", invalid.violations()));
      }
      if (cause instanceof AuthorizationException refused) {
        if (taskGone(refused)) {
          // another caller (or node) completed the task a moment earlier: a conflict, not a refusal
          return refusal(409, refused, Map.of("hint", "the task is gone: completed or cancelled meanwhile"));
        }
        audit.record("access.denied", null, null, Map.of("reason", refused.getMessage()));
        return refusal(403, refused, Map.of());
      }
      if (cause instanceof OptimisticLockingException conflict) {
        // two callers (or two nodes) changed the same thing at once: exactly one won
        return refusal(409, conflict, Map.of("hint", "changed concurrently; read it again and retry"));
      }
      if (cause instanceof NullValueException gone && String.valueOf(gone.getMessage()).contains("Cannot find task")) {
        return refusal(409, gone, Map.of("hint", "the task is gone: completed or cancelled meanwhile"));
      }
    }
    return null;
  }


  /** Whether the refusal names a task that no longer exists (its grants went with it). */
  private boolean taskGone(AuthorizationException refused) {
    return refused.getMissingAuthorizations().stream()
        .filter(missing -> "Task".equals(missing.getResourceType()) && missing.getResourceId() != null)
        .anyMatch(missing -> !exists(missing.getResourceId()));
  }

  /** Whether the task exists, whoever may see it. */
  private boolean exists(String taskId) {
    var identity = engine.getIdentityService();
    var caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return engine.getTaskService().createTaskQuery().taskId(taskId).count() > 0;
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  private static Response refusal(int status, Exception cause, Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", cause.getClass().getSimpleName());
    body.put("message", cause.getMessage());
    body.putAll(extra);
    return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
  }
}
