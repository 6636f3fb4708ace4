package dev.frontierengage.policy;

/** Who a trusted partner is (Sec. 2(c)(iii) names the first three). */
public enum PartnerCategory {
  FEDERAL_AGENCY,
  STATE_LOCAL_AUTHORITY,
  CRITICAL_INFRASTRUCTURE,
  SECURITY_RESEARCHER,
  OTHER
}
