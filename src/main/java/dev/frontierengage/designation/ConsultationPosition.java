package dev.frontierengage.designation;

/** An office's position in the consultation round; NO_RESPONSE is recorded by the engine only. */
public enum ConsultationPosition {
  CONCUR,
  NONCONCUR,
  NO_OBJECTION,
  NO_RESPONSE
}
