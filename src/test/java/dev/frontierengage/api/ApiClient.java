package dev.frontierengage.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A developer's HTTP client for the developer API; remembers every response body it saw. */
final class ApiClient {

  static final ObjectMapper JSON = new ObjectMapper();

  record Reply(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String contentType() {
      return raw.headers().firstValue("Content-Type").orElse("");
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private final String authorization;
  final List<String> seen = new ArrayList<>();

  ApiClient(int port, String user, String password) {
    this.base = "http://127.0.0.1:" + port;
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  Reply post(String path, String body) {
    return post(path, body, "application/json", null);
  }

  Reply post(String path, String body, String contentType, String idempotencyKey) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return send(request);
  }

  /** A JSON body sent with one Idempotency-Key header for each key given (the same header more than once). */
  Reply postWithKeys(String path, String body, List<String> idempotencyKeys) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    idempotencyKeys.forEach(key -> request.header("Idempotency-Key", key));
    return send(request);
  }

  Reply postBytes(String path, byte[] body) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** Any request: its method, path, headers (each sent once) and body (null: none). */
  Reply send(String method, String path, java.util.Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request);
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.header("Authorization", authorization).build(),
          HttpResponse.BodyHandlers.ofString());
      seen.add(response.body());
      return new Reply(response.statusCode(), response.body(), response);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String inquiry(String model) {
    return "{\"modelName\":\"" + model + "\",\"modelVersion\":\"4.1\","
        + "\"description\":\"A frontier model with agentic coding abilities\","
        + "\"contactEmail\":\"security@acme.invalid\",\"plannedPartnerReleaseDate\":\"%s\"}";
  }
}
