package dev.frontierengage;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser's session with the Camunda webapps over HTTP: cookies, and the CSRF token each
 * GET hands out, which every modifying request must echo with an {@code Origin} header.
 */
public final class WebappLogin {

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private String token = "";

  public WebappLogin(String base) {
    this.base = base;
  }

  /** Logs in to {@code app}, echoing the CSRF token when told to. */
  public HttpResponse<String> login(String user, String password, String app, boolean withToken) {
    get("/camunda/api/admin/auth/user/default");
    return post("/camunda/api/admin/auth/user/default/login/" + app,
        "application/x-www-form-urlencoded",
        "username=" + encode(user) + "&password=" + encode(password), withToken);
  }

  /**
   * A login request as given: {@code pathAndQuery} after {@code /camunda/api/admin/auth/user/default/},
   * the body's type and the body (with the CSRF token).
   */
  public HttpResponse<String> loginRequest(String pathAndQuery, String type, String body) {
    get("/camunda/api/admin/auth/user/default");
    return post("/camunda/api/admin/auth/user/default/" + pathAndQuery, type, body, true);
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public HttpResponse<String> postJson(String path, String json, boolean withToken) {
    get("/camunda/api/admin/auth/user/default");
    return post(path, "application/json", json, withToken);
  }

  public HttpResponse<String> putJson(String path, String json, boolean withToken) {
    get("/camunda/api/admin/auth/user/default");
    return write("PUT", path, "application/json", json, withToken);
  }

  /** An upload with the session's cookie (no CSRF token: the agency API asks for X-Requested-With instead). */
  public HttpResponse<String> upload(String path, dev.frontierengage.documents.MultipartBody body, boolean xhr) {
    HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", body.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    if (xhr) {
      post.header("X-Requested-With", "XMLHttpRequest");
    }
    return send(post);
  }

  private HttpResponse<String> post(String path, String type, String body, boolean withToken) {
    return write("POST", path, type, body, withToken);
  }

  /** A request with a body, from this origin, with the session's CSRF token if asked. */
  private HttpResponse<String> write(String method, String path, String type, String body, boolean withToken) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", type)
        .header("Origin", base)
        .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (withToken) {
      request.header("X-XSRF-TOKEN", token);
    }
    return send(request);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies.entrySet().stream()
          .map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      response.headers().firstValue("X-XSRF-TOKEN").ifPresent(t -> token = t);
      for (String cookie : response.headers().allValues("Set-Cookie")) {
        String pair = cookie.substring(0, cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';'));
        cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
      return response;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
