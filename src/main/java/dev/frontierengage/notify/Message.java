package dev.frontierengage.notify;

/**
 * One message to one recipient, as the outbox keeps it until delivered.
 *
 * @param eventId what happened, once: the same event never yields two rows for one recipient
 * @param eventType the kind of event ({@code action.opened}, {@code action.reminder},
 *     {@code engagement.closed}, {@code task.escalated}, {@code task.assigned})
 * @param engagementId the engagement it is about
 * @param channel how it is delivered
 * @param recipient an e-mail address, or a webhook's id
 * @param subject the subject line
 * @param body plain text; never a classified value (see {@link DeveloperNotifier}, {@link AgencyNotifier})
 */
public record Message(String eventId, String eventType, String engagementId, Channel channel, String recipient,
    String subject, String body) {

  /** How a message is delivered. */
  public enum Channel { EMAIL, WEBHOOK }
}
