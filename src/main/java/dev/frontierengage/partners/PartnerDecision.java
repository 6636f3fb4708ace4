package dev.frontierengage.partners;

/**
 * CISA's decision on one proposed partner, always with a reason.
 *
 * @param partner the partner as the vetting form shows it (name, category, contact); for
 *     reading only, optional in a completion through engine-rest
 */
public record PartnerDecision(String partnerId, String partner, Boolean approved, String reason) {

  /** The undecided line the vetting form starts from: not approved, no reason yet. */
  static PartnerDecision undecided(TrustedPartner proposed) {
    String shown = proposed.name() + " (" + proposed.category()
        + (proposed.sector() == null ? "" : ", " + proposed.sector()) + "), " + proposed.contactEmail();
    return new PartnerDecision(proposed.id(), shown, false, null);
  }
}
