package dev.frontierengage.designation;

import org.camunda.bpm.engine.AuthorizationException;

/**
 * The reviewer who recorded an engagement's benchmark results tried to decide its
 * designation. The engine's REST API answers it with 403; nothing changes.
 */
public class SeparationOfDutiesException extends AuthorizationException {

  public SeparationOfDutiesException(String userId) {
    super("Separation of duties: user '" + userId + "' recorded the benchmark results of this"
        + " engagement and cannot also decide its designation; another member of nsa-director"
        + " must decide.");
  }
}
