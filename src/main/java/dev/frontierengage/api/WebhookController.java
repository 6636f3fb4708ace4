package dev.frontierengage.api;

import dev.frontierengage.platform.Problems;
import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.notify.WebhookSender;
import dev.frontierengage.notify.Webhooks;
import dev.frontierengage.notify.Webhooks.Webhook;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organization's webhooks: where its engagements' events are posted (Standard Webhooks
 * signatures). The secret is in the answer to a registration or a rotation only.
 */
@RestController
@Tag(name = "Webhooks", description = "Signed event deliveries to the organization's own endpoint")
@RequestMapping(path = "/api/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
class WebhookController {

  /** A webhook to register: where to post, and which events. */
  record Registration(@NotBlank @Size(max = 2_000) String url, @NotEmpty @Size(max = 10) List<@NotBlank String> events) {}

  /**
   * A rotation takes no values: an empty body or {@code {}}. Anything else (a new {@code url}, say)
   * is a 400 that rotates nothing, not a secret rotated and the rest ignored.
   */
  record WebhookRotation() {}

  private final Webhooks webhooks;
  private final WebhookSender sender;
  private final AuditLog audit;
  private final boolean httpsOnly;

  WebhookController(Webhooks webhooks, WebhookSender sender, AuditLog audit,
      @Value("${frontier-engage.webhooks.https-only:false}") boolean httpsOnly) {
    this.webhooks = webhooks;
    this.sender = sender;
    this.audit = audit;
    this.httpsOnly = httpsOnly;
  }

  @Operation(summary = "Register a webhook; the answer holds its signing secret, shown this once")
  @ApiResponse(responseCode = "201", description = "Registered: the webhook with its secret")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Webhook> register(@Valid @RequestBody Registration registration, Authentication user) {
    String organization = Developers.organization(user);
    List<String> violations = new ArrayList<>();
    URI url = null;
    if (!registration.url().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      // java.net.URI takes other letters and invisible ones as they are; the address is posted to as written
      violations.add("url must be written in visible ASCII (a name in its xn-- form, other characters"
          + " percent-encoded)");
    } else {
      try {
        url = new URI(registration.url());
      } catch (java.net.URISyntaxException e) {
        violations.add("url is not a URL");
      }
    }
    if (url != null && (!url.isAbsolute() || url.getHost() == null || !List.of("https", "http").contains(url.getScheme())
        || httpsOnly && !"https".equals(url.getScheme()) || url.getUserInfo() != null || url.getFragment() != null
        || url.getPort() > 65_535 || url.getPort() == 0 || url.getPort() < -1)) {
      violations.add("url must be an absolute " + (httpsOnly ? "https" : "http or https")
          + " URL with a host and a port from 1 to 65535 if any, without credentials or fragment");
    } else if (url != null) {
      String refused = sender.refusal(url); // an address this server never posts to (prod: internal ones)
      if (refused != null) {
        violations.add("url: " + refused);
      }
    }
    for (String event : registration.events()) {
      if (!Webhooks.EVENTS.contains(event)) {
        violations.add("events: '" + event + "' is none of " + Webhooks.EVENTS);
      }
    }
    if (!violations.isEmpty()) {
      throw ApiRefusal.invalid(violations);
    }
    Webhook made;
    try {
      made = webhooks.register(organization, registration.url(), registration.events());
    } catch (Webhooks.LimitReached e) {
      throw new ApiRefusal(HttpStatus.CONFLICT, "Too many webhooks", e.getMessage(), Map.of());
    }
    audit.record("developer.webhook.registered", user.getName(), null, Map.of("webhook", made.id(),
        "organization", organization, "url", made.url()));
    return ResponseEntity.created(URI.create("/api/webhooks/" + made.id())).body(made);
  }

  @Operation(summary = "The organization's webhooks (without their secrets)")
  @GetMapping
  List<Webhook> list(Authentication user) {
    return webhooks.list(Developers.organization(user));
  }

  @Operation(summary = "One webhook of the organization (without its secret)")
  @GetMapping("/{id}")
  Webhook find(@PathVariable String id, Authentication user) {
    return webhooks.find(Developers.organization(user), id).orElseThrow(() -> notFound(id));
  }

  @Operation(summary = "A new signing secret for the webhook, shown this once; the old one stops signing at once")
  @PostMapping("/{id}/rotate")
  Webhook rotate(@PathVariable String id, @RequestBody(required = false) WebhookRotation rotation, Authentication user) {
    Webhook rotated = webhooks.rotate(Developers.organization(user), id).orElseThrow(() -> notFound(id));
    audit.record("developer.webhook.rotated", user.getName(), null, Map.of("webhook", id));
    return rotated;
  }

  @Operation(summary = "Delete the webhook: nothing more is posted to it")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id, Authentication user) {
    if (!webhooks.delete(Developers.organization(user), id)) {
      throw notFound(id);
    }
    audit.record("developer.webhook.deleted", user.getName(), null, Map.of("webhook", id));
    return ResponseEntity.noContent().build();
  }

  private static ApiRefusal notFound(String id) {
    return new ApiRefusal(HttpStatus.NOT_FOUND, "No such webhook", "Your organization has no webhook " + Problems.id(id) + ".",
        Map.of());
  }
}
