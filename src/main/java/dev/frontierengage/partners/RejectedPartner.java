package dev.frontierengage.partners;

/** A partner CISA rejected, with the reason the developer sees when revising. */
public record RejectedPartner(TrustedPartner partner, String reason) {
}
