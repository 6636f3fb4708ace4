package dev.frontierengage.api;

import dev.frontierengage.platform.Problems;
import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.identity.ApiClients;
import dev.frontierengage.identity.ApiClients.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
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
 * An organization's API clients, managed by its administrators (group {@code developer-admins},
 * signed in as themselves: a client's token never reaches these endpoints). A client gets tokens
 * for the developer API from {@code /oauth2/token} (client credentials); the secret is in the
 * answer that made or rotated it, never again.
 */
@RestController
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "frontier-engage.oauth", name = "embedded",
    havingValue = "true")
@Tag(name = "API clients", description = "Service accounts of the organization: tokens for its jobs (OAuth2 client credentials)")
@RequestMapping(path = "/api/clients", produces = MediaType.APPLICATION_JSON_VALUE)
class ApiClientController {

  /**
   * A client to make: its name (showing at least one visible character: it is how administrators
   * tell the organization's clients apart), and the public JWK for {@code private_key_jwt} (none: a secret).
   */
  record NewClient(@NotBlank @Visible @Size(max = 200) String name, @Size(max = 20) Map<String, Object> publicKey) {}

  /** New credentials: for a {@code private_key_jwt} client, the new public JWK. */
  record Rotation(Map<String, Object> publicKey) {}

  private final ApiClients clients;
  private final AuditLog audit;
  private final com.fasterxml.jackson.databind.ObjectMapper json;

  ApiClientController(ApiClients clients, AuditLog audit, com.fasterxml.jackson.databind.ObjectMapper json) {
    this.clients = clients;
    this.audit = audit;
    this.json = json;
  }

  @Operation(summary = "Make an API client; the answer holds its secret (when it has one), shown this once")
  @ApiResponse(responseCode = "201", description = "Made: the client, with its secret unless it signs assertions")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ApiClient> create(@Valid @RequestBody NewClient request, Authentication user) {
    String organization = Developers.organization(user);
    if (request.name().chars().anyMatch(Character::isISOControl)) {
      throw ApiRefusal.invalid(List.of("name must not hold control characters"));
    }
    ApiClient made;
    try {
      made = clients.create(organization, request.name().strip(), jwk(request.publicKey()), user.getName());
    } catch (ApiClients.Unusable e) {
      throw ApiRefusal.invalid(List.of(e.getMessage()));
    } catch (ApiClients.LimitReached e) {
      throw new ApiRefusal(HttpStatus.CONFLICT, "Too many API clients", e.getMessage(), Map.of());
    }
    audit.record("developer.api-client.created", user.getName(), null, Map.of("client", made.clientId(),
        "organization", organization, "authentication", made.authentication()));
    return ResponseEntity.created(URI.create("/api/clients/" + made.clientId())).body(made);
  }

  @Operation(summary = "The organization's API clients, revoked ones too (without secrets)")
  @GetMapping
  List<ApiClient> list(Authentication user) {
    return clients.list(Developers.organization(user));
  }

  @Operation(summary = "One API client of the organization (without its secret)")
  @GetMapping("/{id}")
  ApiClient find(@PathVariable String id, Authentication user) {
    return clients.find(Developers.organization(user), id).orElseThrow(() -> notFound(id));
  }

  @Operation(summary = "New credentials (a new secret, shown this once, or the new public key given);"
      + " every token issued before is refused from now on")
  @PostMapping("/{id}/rotate")
  ApiClient rotate(@PathVariable String id, @RequestBody(required = false) Rotation rotation, Authentication user) {
    String organization = Developers.organization(user);
    ApiClient rotated;
    try {
      rotated = clients.rotate(organization, id, jwk(rotation == null ? null : rotation.publicKey()))
          .orElseThrow(() -> clients.find(organization, id).isPresent() ? revoked(id) : notFound(id));
    } catch (ApiClients.Unusable e) {
      throw ApiRefusal.invalid(List.of(e.getMessage()));
    } catch (ApiClients.LimitReached e) {
      throw new ApiRefusal(HttpStatus.CONFLICT, "Too many API clients", e.getMessage(), Map.of());
    }
    audit.record("developer.api-client.rotated", user.getName(), null, Map.of("client", id));
    return rotated;
  }

  @Operation(summary = "Revoke the API client: no more tokens, and the tokens it holds are refused at once")
  @ApiResponse(responseCode = "204", description = "Revoked")
  @DeleteMapping("/{id}")
  ResponseEntity<Void> revoke(@PathVariable String id, Authentication user) {
    String organization = Developers.organization(user);
    if (!clients.revoke(organization, id, user.getName())) {
      throw clients.find(organization, id).isPresent() ? revoked(id) : notFound(id);
    }
    audit.record("developer.api-client.revoked", user.getName(), null, Map.of("client", id));
    return ResponseEntity.noContent().build();
  }

  private String jwk(Map<String, Object> key) {
    if (key == null) {
      return null;
    }
    try {
      return json.writeValueAsString(key);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiRefusal.invalid(List.of("publicKey is not a JSON object"));
    }
  }

  private static ApiRefusal notFound(String id) {
    return new ApiRefusal(HttpStatus.NOT_FOUND, "No such API client", "Your organization has no API client " + Problems.id(id) + ".",
        Map.of());
  }

  private static ApiRefusal revoked(String id) {
    return new ApiRefusal(HttpStatus.CONFLICT, "API client revoked", "The API client " + id
        + " is revoked: make a new one.", Map.of());
  }
}
