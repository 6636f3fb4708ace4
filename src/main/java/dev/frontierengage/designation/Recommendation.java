package dev.frontierengage.designation;

/** What the threshold decision recommends to the Director of NSA. */
public enum Recommendation {
  COVERED,
  BORDERLINE,
  NOT_COVERED
}
