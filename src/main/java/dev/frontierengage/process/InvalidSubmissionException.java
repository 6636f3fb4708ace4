package dev.frontierengage.process;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A task completion or message whose values break a rule of the process. Thrown from task
 * listeners, it rolls back the whole completion, so nothing changes; the engine's REST API
 * answers it with 400 and the message lists every rule broken.
 */
public class InvalidSubmissionException extends BadUserRequestException {

  private final transient List<String> violations;

  public InvalidSubmissionException(String what, List<String> violations) {
    super(what + " refused: " + String.join("; ", violations));
    this.violations = List.copyOf(violations);
  }

  public List<String> violations() {
    return violations;
  }
}
