package dev.frontierengage.notify;

import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.engagement.EngagementRecord.Engagement;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.view.DeveloperAction;
import dev.frontierengage.view.DeveloperView;
import dev.frontierengage.view.DeveloperViewChanged;
import dev.frontierengage.view.Status;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the developer, at the engagement's contact address, when an action opens for it and when
 * the engagement closes, in the transaction that opened or closed it. A message says no more
 * than the developer API shows the developer: the model, the action, when it lapses, the status;
 * never a score, a position, a rationale, a finding or a reviewer's name.
 */
@Component
class DeveloperNotifier {

  static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  /** What each action asks of the developer. */
  static final Map<DeveloperAction, String> ASKS = Map.of(
      DeveloperAction.CLARIFICATION, "NSA intake asked a question about the inquiry: read it (intakeNote) and answer it",
      DeveloperAction.ACCESS_OFFER, "the model was designated a covered frontier model: you may offer the Federal"
          + " Government access before the model goes to trusted partners, or decline",
      DeveloperAction.ACCESS_TERMS, "the terms of the government's access are ready: read them and accept or decline",
      DeveloperAction.TRUSTED_PARTNERS, "propose the trusted partners to get early access (or revise them after a"
          + " rejection)",
      DeveloperAction.END_ACCESS_WINDOW, "the government's access window is open; you may end it early",
      DeveloperAction.RELEASE, "report the model's release to the trusted partners");

  /** What a closed engagement's status means to the developer. */
  static final Map<Status, String> CLOSED = Map.of(
      Status.OUT_OF_SCOPE, "intake found the inquiry out of scope",
      Status.LAPSED, "a step lapsed without an answer",
      Status.NOT_COVERED, "the model was not designated a covered frontier model",
      Status.ACCESS_NOT_OFFERED, "no access was offered",
      Status.RELEASED_TO_PARTNERS, "the release to trusted partners was reported",
      Status.CLOSED, "the engagement closed",
      Status.WITHDRAWN, "you withdrew the engagement");

  static final ObjectMapper JSON = new ObjectMapper();

  private final EngagementRecord record;
  private final Outbox outbox;
  DeveloperNotifier(EngagementRecord record, Outbox outbox) {
    this.record = record;
    this.outbox = outbox;
  }

  @EventListener
  public void onChange(DeveloperViewChanged change) {
    Engagement engagement = record.find(change.engagementId()).orElse(null);
    if (engagement == null) {
      return;
    }
    Instant now = EngineClock.instant();
    for (DeveloperView.OpenAction opened : change.opened()) {
      String asks = ASKS.get(opened.action());
      if (asks == null) {
        continue; // withdrawal is open all along
      }
      tell(outbox, engagement, engagement.id() + ":" + opened.action().name() + ":opened:" + now.toEpochMilli(),
          "action.opened", change.stage().name(), opened,
          subject(engagement, "action needed" + (opened.lapsesAt() == null ? "" : " by " + MOMENT.format(opened.lapsesAt()))),
          body(engagement, "Your engagement waits for you: " + asks + ".", opened, opened.action()), null);
    }
    if (change.closed()) {
      tell(outbox, engagement, engagement.id() + ":closed", "engagement.closed", change.stage().name(), null,
          subject(engagement, "engagement closed"),
          body(engagement, "Your engagement is closed: " + CLOSED.getOrDefault(change.status(), "it closed") + ".",
              null, null), change.status().name());
    }
  }

  /**
   * Writes an event for the developer: an e-mail to the engagement's contact, and a delivery to
   * each of its organization's webhooks subscribed to {@code type}, with a thin payload (the
   * event, the engagement, its stage, the action and its lapse, the status: the client reads the
   * rest through the API); in one statement ({@link Outbox#enqueueForOrganization}).
   */
  static void tell(Outbox outbox, Engagement engagement, String eventId, String type, String stage,
      DeveloperView.OpenAction action, String subject, String body, String status) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("engagementId", engagement.id());
    data.put("stage", stage);
    if (action != null) {
      data.put("action", action.action().path());
      data.put("lapsesAt", action.lapsesAt() == null ? null : action.lapsesAt().toString());
    }
    if (status != null) {
      data.put("status", status);
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", type);
    payload.put("timestamp", EngineClock.instant().toString());
    payload.put("data", data);
    String json;
    try {
      json = JSON.writeValueAsString(payload);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    outbox.enqueueForOrganization(new Message(eventId, type, engagement.id(), Message.Channel.EMAIL,
        engagement.contactEmail(), subject, body), engagement.organization(), json);
  }

  static String subject(Engagement engagement, String what) {
    return "[Frontier Engage] " + engagement.modelName() + " " + engagement.modelVersion() + ": " + what;
  }

  static String body(Engagement engagement, String first, DeveloperView.OpenAction action, DeveloperAction path) {
    StringBuilder body = new StringBuilder()
        .append(first).append("\n\n")
        .append("Engagement: ").append(engagement.id()).append("\n")
        .append("Model: ").append(engagement.modelName()).append(" ").append(engagement.modelVersion()).append("\n")
        .append("Organization: ").append(engagement.organization()).append("\n");
    if (action != null && action.lapsesAt() != null) {
      body.append("Open until: ").append(MOMENT.format(action.lapsesAt())).append(" (it lapses then)\n");
    }
    body.append("\nDetails: GET /api/engagements/").append(engagement.id()).append("\n");
    if (path != null) {
      body.append("Answer: POST /api/engagements/").append(engagement.id()).append("/").append(path.path()).append("\n");
    }
    body.append("\nThis message says no more than the developer API shows you. Sec. 3(c) of EO 14409: nothing in"
        + " this engagement licenses, pre-clears or blocks a release.\n");
    return body.toString();
  }
}
