package dev.frontierengage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * HTTP Basic calls to a node, each timed and recorded under its endpoint: the method and the
 * path template ({@code POST /engine-rest/task/{id}/complete}).
 */
final class BenchHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  record Reply(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + body, e);
      }
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final Latencies latencies;

  BenchHttp(String base, Latencies latencies) {
    this.base = base;
    this.latencies = latencies;
  }

  Reply get(String endpoint, String path, String user) throws IOException, InterruptedException {
    return send(endpoint, user, HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  Reply post(String endpoint, String path, String user, String json) throws IOException, InterruptedException {
    return send(endpoint, user, HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A multipart upload (a document), with the header the agency API asks of a change. */
  Reply upload(String endpoint, String path, String user, dev.frontierengage.documents.MultipartBody body)
      throws IOException, InterruptedException {
    return send(endpoint, user, HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", body.contentType()).header("X-Requested-With", "XMLHttpRequest")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
  }

  private Reply send(String endpoint, String user, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    request.timeout(Duration.ofSeconds(60)).header("Authorization", basic(user));
    long start = System.nanoTime();
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    latencies.record(endpoint, System.nanoTime() - start);
    return new Reply(response.statusCode(), response.body());
  }

  /** The demo users' password is {@code demo}. */
  static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }
}
