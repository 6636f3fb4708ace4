package dev.frontierengage.api;

import dev.frontierengage.platform.Problems;
import dev.frontierengage.view.DeveloperAction;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A refusal of the developer API, with its status and the facts a person needs to act. */
public class ApiRefusal extends RuntimeException {

  private final HttpStatus status;
  private final String title;
  private final transient Map<String, Object> properties;

  ApiRefusal(HttpStatus status, String title, String detail, Map<String, Object> properties) {
    super(detail);
    this.status = status;
    this.title = title;
    this.properties = properties;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  public Map<String, Object> properties() {
    return properties;
  }

  static ApiRefusal notFound(String id) {
    return new ApiRefusal(HttpStatus.NOT_FOUND, "No such engagement",
        "Your organization has no engagement " + Problems.id(id) + ".", Map.of());
  }

  /** A header given {@code times} times that may be given once. */
  static ApiRefusal headerRepeated(String header, int times) {
    String message = "is given " + times + " times; send it once";
    return new ApiRefusal(HttpStatus.BAD_REQUEST, "Invalid request", header + " " + message + ".",
        Map.of("errors", List.of(Map.of("field", header, "message", message))));
  }

  static ApiRefusal notOpen(DeveloperAction action, List<DeveloperAction> open) {
    return new ApiRefusal(HttpStatus.CONFLICT, "Action not open",
        "'" + action.path() + "' is not open at this stage of the engagement; open now: "
            + (open.isEmpty() ? "nothing (the engagement is closed)"
                : String.join(", ", open.stream().map(DeveloperAction::path).toList())) + ".",
        Map.of("openActions", open));
  }

  static ApiRefusal idempotencyConflict() {
    return new ApiRefusal(HttpStatus.CONFLICT, "Idempotency-Key reused",
        "The Idempotency-Key was already used with another body; use a new key"
            + " for a new engagement.", Map.of());
  }

  static ApiRefusal rules(List<String> violations) {
    return new ApiRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "Access offer breaks the rules",
        String.join("; ", violations) + ".", Map.of("violations", violations));
  }

  static ApiRefusal invalid(List<String> violations) {
    return new ApiRefusal(HttpStatus.BAD_REQUEST, "Invalid request",
        String.join("; ", violations) + ".", Map.of("violations", violations));
  }

  static ApiRefusal notAccepting() {
    return new ApiRefusal(HttpStatus.SERVICE_UNAVAILABLE, "Not accepting engagements",
        "The agency is not accepting new engagements at the moment; nothing was opened. Try again later.",
        Map.of());
  }

  static ApiRefusal onHold(DeveloperAction action) {
    return new ApiRefusal(HttpStatus.CONFLICT, "On hold",
        "The agency has put this engagement on hold; '" + action.path() + "' can be taken when it resumes."
            + " You can withdraw at any time.", Map.of());
  }

  static ApiRefusal concurrent() {
    return new ApiRefusal(HttpStatus.CONFLICT, "Changed meanwhile",
        "The engagement changed while this request was handled; read it again and retry.",
        Map.of());
  }

  static ApiRefusal forbidden(String reason) {
    return new ApiRefusal(HttpStatus.FORBIDDEN, "Not allowed", reason, Map.of());
  }

  static ApiRefusal noOrganization() {
    return new ApiRefusal(HttpStatus.FORBIDDEN, "No organization",
        "Your user belongs to no single organization (group org-<name>); ask an administrator.",
        Map.of());
  }
}
