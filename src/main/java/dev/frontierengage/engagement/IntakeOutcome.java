package dev.frontierengage.engagement;

/** What NSA intake decides about an inquiry. */
public enum IntakeOutcome {
  ACCEPTED,
  CLARIFICATION_NEEDED,
  OUT_OF_SCOPE
}
