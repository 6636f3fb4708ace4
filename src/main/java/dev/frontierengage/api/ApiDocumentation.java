package dev.frontierengage.api;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

/** The OpenAPI document of the developer API: every operation with every error it can answer. */
@Configuration
class ApiDocumentation {

  static final Map<String, String> ERRORS = new LinkedHashMap<>();

  static {
    ERRORS.put("400", "Malformed JSON, an unknown field, a wrong type, a missing or invalid value;"
        + " the offending fields are listed");
    ERRORS.put("401", "Not authenticated: no bearer token, or one expired, for another audience or issuer,"
        + " altered, or of a revoked or rotated client; or a wrong password (HTTP Basic)");
    ERRORS.put("403", "Not a developer of exactly one organization");
    ERRORS.put("404", "No such engagement (or webhook) in your organization");
    ERRORS.put("409", "The action is not open now (openActions lists what is), an Idempotency-Key"
        + " reused with another body, a concurrent change, or the organization's webhooks at their limit");
    ERRORS.put("413", "Body over 64 KiB");
    ERRORS.put("415", "Content-Type is not application/json");
    ERRORS.put("422", "An access offer breaks a rule of Sec. 3(b)(ii); violations lists each");
    ERRORS.put("429", "Too many failed logins; see Retry-After");
    ERRORS.put("503", "Busy: the request found no place in line in time, or the user's logins are being checked;"
        + " nothing was done, send it again after Retry-After (opening an engagement: also while the agency is"
        + " not accepting new engagements)");
  }

  @Bean
  OpenApiCustomizer developerApiErrors() {
    return api -> {
      Components components = api.getComponents() == null ? new Components() : api.getComponents();
      ModelConverters.getInstance().read(ProblemDetail.class).forEach(components::addSchemas);
      components.addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"));
      components.addSecuritySchemes("clientCredentials", new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
          .description("A token of one of the organization's API clients (POST /api/clients)")
          .flows(new io.swagger.v3.oas.models.security.OAuthFlows().clientCredentials(
              new io.swagger.v3.oas.models.security.OAuthFlow().tokenUrl("/oauth2/token")
                  .scopes(new io.swagger.v3.oas.models.security.Scopes().addString("engagements",
                      "the organization's engagements")))));
      api.components(components)
          .info(new Info().title("Frontier Engage developer API").version("1")
              .description("Voluntary engagement of AI developers under Sec. 3 of EO 14409."))
          .addSecurityItem(new SecurityRequirement().addList("clientCredentials", "engagements"))
          .addSecurityItem(new SecurityRequirement().addList("basic"));
      Content problem = new Content().addMediaType("application/problem+json",
          new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail")));
      api.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
          ERRORS.forEach((status, description) -> {
            if (!operation.getResponses().containsKey(status)) {
              operation.getResponses().addApiResponse(status,
                  new ApiResponse().description(description).content(problem));
            }
          })));
    };
  }
}
