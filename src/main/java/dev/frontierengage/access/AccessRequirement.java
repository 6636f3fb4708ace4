package dev.frontierengage.access;

/**
 * The six requirement areas of Sec. 3(b)(ii) the developer acknowledges; each name is also
 * the variable that carries the acknowledgment.
 */
public enum AccessRequirement {
  confidentiality,
  cybersecurity,
  insiderRisk,
  intellectualProperty,
  use,
  nondisclosure
}
