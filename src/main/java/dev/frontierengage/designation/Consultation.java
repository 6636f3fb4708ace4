package dev.frontierengage.designation;

/**
 * One office's contribution to the consultation round (internal: never shown to developers).
 *
 * @param respondedAt ISO-8601 instant, or null for NO_RESPONSE
 */
public record Consultation(
    String office, ConsultationPosition position, String comment, String respondedBy,
    String respondedAt) {
}
