package dev.frontierengage.policy;

/** Who a trusted partner is (Sec. 2(c)(iii) names the first three). */
public enum PartnerCategory {
  FEDERAL_AGENCY("Federal agency"),
  STATE_LOCAL_AUTHORITY("State or local authority"),
  CRITICAL_INFRASTRUCTURE("Critical infrastructure operator"),
  SECURITY_RESEARCHER("Security researcher"),
  OTHER("Other");

  private final String title;

  PartnerCategory(String title) {
    this.title = title;
  }

  /** The category as a reviewer reads it on a form. */
  public String title() {
    return title;
  }
}
