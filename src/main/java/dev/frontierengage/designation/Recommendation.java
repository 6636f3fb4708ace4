package dev.frontierengage.designation;

/** What the threshold decision recommends to the Director of NSA. */
public enum Recommendation {
  COVERED("Covered: above the threshold"),
  BORDERLINE("Borderline: near the threshold"),
  NOT_COVERED("Not covered: below the threshold");

  private final String title;

  Recommendation(String title) {
    this.title = title;
  }

  /** The recommendation as a reviewer reads it on a form. */
  public String title() {
    return title;
  }
}
