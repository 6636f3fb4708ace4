package dev.frontierengage.notify;

import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/outbox} for administrators (the actuator chain admits {@code camunda-admin}
 * only): the dead letters, newest first ({@code ?status=PENDING} or {@code SENT} for the others),
 * and {@code POST /actuator/outbox/{id}} to put a dead letter back in line.
 */
@Component
@Endpoint(id = "outbox")
class OutboxEndpoint {

  private final Outbox outbox;

  OutboxEndpoint(Outbox outbox) {
    this.outbox = outbox;
  }

  @ReadOperation
  List<Outbox.Row> rows(@Nullable String status) {
    Outbox.Status wanted;
    try {
      wanted = status == null ? Outbox.Status.DEAD : Outbox.Status.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw new org.springframework.web.server.ResponseStatusException(
          org.springframework.http.HttpStatus.BAD_REQUEST, "status must be one of PENDING, SENT, DEAD");
    }
    return outbox.list(wanted, 200);
  }

  @WriteOperation
  Map<String, Object> retry(@Selector String id) {
    boolean retried = outbox.retry(id);
    if (!retried) {
      throw new org.springframework.web.server.ResponseStatusException(
          org.springframework.http.HttpStatus.NOT_FOUND, "no dead letter " + id);
    }
    return Map.of("id", id, "status", Outbox.Status.PENDING.name());
  }
}
