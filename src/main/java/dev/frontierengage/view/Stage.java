package dev.frontierengage.view;

/** Where an engagement stands, in the developer's words. */
public enum Stage {
  INTAKE,
  CLARIFICATION,
  DESIGNATION,
  ACCESS_DECISION,
  ACCESS_TERMS,
  ACCESS_WINDOW,
  AWAITING_RELEASE,
  CLOSED
}
