package dev.frontierengage.partners;

/** CISA's decision on one proposed partner, always with a reason. */
public record PartnerDecision(String partnerId, Boolean approved, String reason) {
}
