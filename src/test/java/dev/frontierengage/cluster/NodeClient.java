package dev.frontierengage.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** HTTP to one node as a demo user: the developer API and engine-rest, JSON in and out. */
final class NodeClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  HttpResponse<String> send(Node node, String method, String path, String user, String body,
      String idempotencyKey) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.base() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (user + ":" + (user.equals("admin") ? "admin" : "demo")).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(Node node, String method, String path, String user, String body)
      throws IOException, InterruptedException {
    return send(node, method, path, user, body, null);
  }

  /** A document upload through the agency API, as {@code user} (HTTP Basic). */
  HttpResponse<String> upload(Node node, String path, String user, dev.frontierengage.documents.MultipartBody body)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(node.base() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", body.contentType())
        .header("X-Requested-With", "XMLHttpRequest")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** GET that must answer 200, as JSON. */
  JsonNode get(Node node, String path, String user) throws IOException, InterruptedException {
    HttpResponse<String> response = send(node, "GET", path, user, null);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " as " + user + ": " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Ids of the open tasks {@code taskKey} of engagement {@code id}, as {@code user} sees them. */
  List<String> tasks(Node node, String user, String id, String taskKey) throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    get(node, "/engine-rest/task?processInstanceBusinessKey=" + id + "&taskDefinitionKey=" + taskKey, user)
        .forEach(task -> ids.add(task.get("id").asText()));
    return ids;
  }

  /**
   * The node's date (UTC) from the {@code Date} header of its answer: dates a test sends are
   * relative to the server's clock, never to the test's own.
   */
  LocalDate today(Node node) throws IOException, InterruptedException {
    HttpResponse<String> health = send(node, "GET", "/actuator/health", "admin", null);
    String date = health.headers().firstValue("Date")
        .orElseThrow(() -> new IllegalStateException("no Date header from " + node.base()));
    return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
        .withZoneSameInstant(ZoneOffset.UTC).toLocalDate();
  }

  /** A count from engine-rest's history, as the administrator. */
  long historyCount(Node node, String query) throws IOException, InterruptedException {
    return get(node, "/engine-rest/history/" + query, "admin").get("count").asLong();
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
