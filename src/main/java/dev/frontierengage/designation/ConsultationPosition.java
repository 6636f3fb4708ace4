package dev.frontierengage.designation;

/** An office's position in the consultation round; NO_RESPONSE is recorded by the engine only. */
public enum ConsultationPosition {
  CONCUR("Concur"),
  NONCONCUR("Do not concur"),
  NO_OBJECTION("No objection"),
  NO_RESPONSE("No response (the round closed)");

  private final String title;

  ConsultationPosition(String title) {
    this.title = title;
  }

  /** The position as the Director of NSA reads it on the decision form. */
  public String title() {
    return title;
  }
}
