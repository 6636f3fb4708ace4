package dev.frontierengage.api;

import dev.frontierengage.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The OpenAPI document describes every endpoint of the developer API and its errors. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiIT {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.properties("openapi-it").forEach((key, value) -> registry.add(key, () -> value));
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
    registry.add("server.address", () -> "127.0.0.1");
  }

  @LocalServerPort
  int port;
  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mvc;

  @Test
  void theDocumentListsEveryDeveloperEndpoint() {
    ApiClient.Reply reply = new ApiClient(port, "alice", "demo").get("/v3/api-docs");
    assertThat(reply.status()).isEqualTo(200);
    JsonNode paths = reply.json().get("paths");

    Set<String> documented = new TreeSet<>();
    paths.fieldNames().forEachRemaining(path -> paths.get(path).fieldNames()
        .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path)));
    Set<String> implemented = new TreeSet<>();
    mvc.getHandlerMethods().forEach((info, handler) -> {
      if (handler.getBeanType().equals(EngagementController.class)
          || handler.getBeanType().equals(WebhookController.class)) {
        info.getPatternValues().forEach(path -> info.getMethodsCondition().getMethods()
            .forEach(method -> implemented.add(method.name() + " " + path)));
      }
    });
    assertThat(implemented).hasSize(15);
    assertThat(documented).containsAll(implemented);
    // the agency page's document API (a reviewer's Tasklist session) is not the developers' to call
    assertThat(documented).noneMatch(operation -> operation.contains(" /agency/"));

    JsonNode schemas = reply.json().get("components").get("schemas");
    assertThat(schemas.get("Inquiry").get("required")).extracting(JsonNode::asText)
        .contains("modelName", "modelVersion", "description", "contactEmail");
    assertThat(schemas.get("Detail").get("properties").fieldNames()).toIterable()
        .contains("stage", "status", "openActions", "assessment", "accessWindow", "trustedPartners", "timeline");
    JsonNode offer = paths.get("/api/engagements/{id}/access-offer").get("post").get("responses");
    assertThat(offer.fieldNames()).toIterable().contains("200", "400", "404", "409", "422");
    JsonNode register = paths.get("/api/webhooks").get("post").get("responses");
    assertThat(register.fieldNames()).toIterable().contains("201", "400", "401", "403", "409");
  }

  /**
   * A partner proposed (the request: name, category, sector, contact) and a partner shown (with
   * its id, status and CISA's reason) are two schemas: both records are named Partner, and the
   * document described the proposal's items as the shown partner, whose id, status and reason
   * the API refuses as unknown fields, and whose name and contact it did not mark as required.
   */
  @Test
  void aProposedPartnerIsDescribedAsTheRequestTakesIt() {
    JsonNode api = new ApiClient(port, "alice", "demo").get("/v3/api-docs").json();
    JsonNode schemas = api.get("components").get("schemas");
    JsonNode proposed = resolve(schemas, schemas.get("TrustedPartners").get("properties").get("partners").get("items"));
    assertThat(proposed.get("properties").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("name", "category", "sector", "contactEmail");
    assertThat(proposed.get("required")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("name", "category", "contactEmail");
    JsonNode shown = resolve(schemas, schemas.get("Detail").get("properties").get("trustedPartners").get("items"));
    assertThat(shown.get("properties").fieldNames()).toIterable().contains("id", "status", "reason");
  }

  /**
   * Every operation may be answered 503 with Retry-After, nothing done (the node too busy to take
   * the request in line, or logins of the user being checked), and opening an engagement also while
   * the agency takes none: the document listed every other answer but this one.
   */
  @Test
  void everyOperationDocumentsTheBusyAnswer() {
    JsonNode paths = new ApiClient(port, "alice", "demo").get("/v3/api-docs").json().get("paths");
    paths.fieldNames().forEachRemaining(path -> paths.get(path).fields().forEachRemaining(operation ->
        assertThat(operation.getValue().get("responses").has("503")).as(operation.getKey() + " " + path).isTrue()));
    assertThat(paths.get("/api/engagements").get("post").get("responses").get("503").get("description").asText())
        .contains("not accepting");
  }

  /**
   * springdoc names a schema by the type's simple name (or its {@code @Schema} name) and keeps one schema per name: two types the
   * API reads or writes under one name (two records named Partner, two named Rotation) would be
   * described as one of them. No two of the types the developer API's operations take or answer,
   * down to their components, share a simple name; and both rotations are described as they are.
   */
  @Test
  void noTwoTypesOfTheApiShareASchemaName() {
    Map<String, Set<Class<?>>> byName = new TreeMap<>();
    mvc.getHandlerMethods().forEach((info, handler) -> {
      if (!handler.getBeanType().getPackageName().equals(EngagementController.class.getPackageName())) {
        return;
      }
      List<Type> types = new ArrayList<>(List.of(handler.getMethod().getGenericReturnType()));
      for (var parameter : handler.getMethodParameters()) {
        if (parameter.hasParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class)) {
          types.add(parameter.getGenericParameterType());
        }
      }
      types.forEach(type -> collect(type, byName, new java.util.HashSet<>()));
    });
    assertThat(byName).as("types of the developer API").containsKeys("Detail", "Inquiry", "WebhookRotation");
    byName.forEach((name, classes) -> assertThat(classes).as(name).hasSize(1));

    JsonNode api = new ApiClient(port, "alice", "demo").get("/v3/api-docs").json();
    JsonNode schemas = api.get("components").get("schemas");
    JsonNode clientRotation = resolve(schemas, api.get("paths").get("/api/clients/{id}/rotate").get("post")
        .get("requestBody").get("content").get("application/json").get("schema"));
    assertThat(clientRotation.get("properties").has("publicKey")).isTrue();
    JsonNode webhookRotation = resolve(schemas, api.get("paths").get("/api/webhooks/{id}/rotate").get("post")
        .get("requestBody").get("content").get("application/json").get("schema"));
    assertThat(webhookRotation.has("properties")).as("takes no values").isFalse();
  }

  /** The type and, for a record, its components' types, through generic arguments (lists, maps, answers). */
  private static void collect(Type type, Map<String, Set<Class<?>>> byName, Set<Type> seen) {
    if (!seen.add(type)) {
      return;
    }
    if (type instanceof ParameterizedType parameterized) {
      collect(parameterized.getRawType(), byName, seen);
      for (Type argument : parameterized.getActualTypeArguments()) {
        collect(argument, byName, seen);
      }
    } else if (type instanceof Class<?> raw && raw.getName().startsWith("dev.frontierengage.")) {
      var named = raw.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
      String name = named != null && !named.name().isEmpty() ? named.name() : raw.getSimpleName();
      byName.computeIfAbsent(name, key -> new java.util.HashSet<>()).add(raw);
      if (raw.isRecord()) {
        for (var component : raw.getRecordComponents()) {
          collect(component.getGenericType(), byName, seen);
        }
      }
    }
  }

  private static JsonNode resolve(JsonNode schemas, JsonNode schema) {
    return schema.has("$ref") ? schemas.get(schema.get("$ref").asText().replace("#/components/schemas/", "")) : schema;
  }

  /** Opening answers 201 with the new engagement, or 200 with the one the same Idempotency-Key opened: the document says both. */
  @Test
  void openingAnEngagementIsDocumentedAsItAnswers() {
    JsonNode open = new ApiClient(port, "alice", "demo").get("/v3/api-docs").json()
        .get("paths").get("/api/engagements").get("post").get("responses");
    assertThat(open.fieldNames()).toIterable().contains("201", "200");
    assertThat(open.get("201").get("content").get("application/json").get("schema").get("$ref").asText())
        .endsWith("/Detail");
    assertThat(open.get("200").get("description").asText()).contains("Idempotency-Key");
  }
}
