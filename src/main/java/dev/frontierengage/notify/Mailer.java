package dev.frontierengage.notify;

/** Sends one e-mail; throws when it could not be handed over (the worker tries again later). */
public interface Mailer {

  /**
   * @param messageId the same for every attempt at one row, so a receiver that got an earlier
   *     attempt after all can tell the repeat
   */
  void send(String messageId, String to, String subject, String body) throws Exception;
}
