package dev.frontierengage.partners;

import dev.frontierengage.policy.PartnerCategory;

/**
 * A proposed or approved trusted partner.
 *
 * @param id assigned by the engine when proposed ({@code P1}, {@code P2}, ...)
 * @param sector required for critical infrastructure, e.g. healthcare, banking, energy, water
 */
public record TrustedPartner(String id, String name, PartnerCategory category, String sector,
    String contactEmail) {

  TrustedPartner withId(String newId) {
    return new TrustedPartner(newId, name, category, sector, contactEmail);
  }
}
