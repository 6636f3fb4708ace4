package dev.frontierengage.deadlines;

/**
 * Tells an office's group about something it must act on. Recorded, not mailed: an office's
 * mail or chat integration reads the records ({@code fe_notification}).
 */
public interface Notifications {

  void notifyGroup(String group, String engagementId, String taskId, String subject);
}
