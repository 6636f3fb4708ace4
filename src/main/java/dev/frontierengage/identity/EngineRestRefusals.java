package dev.frontierengage.identity;

import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.process.InvalidSubmissionException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
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
  private final RestExceptionHandler camunda = new RestExceptionHandler();

  EngineRestRefusals(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public Response toResponse(RestException exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidSubmissionException invalid) {
        return refusal(400, invalid, Map.of("violations", invalid.violations()));
      }
      if (cause instanceof AuthorizationException refused) {
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
    return camunda.toResponse(exception);
  }

  private static Response refusal(int status, Exception cause, Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", cause.getClass().getSimpleName());
    body.put("message", cause.getMessage());
    body.putAll(extra);
    return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
  }
}
