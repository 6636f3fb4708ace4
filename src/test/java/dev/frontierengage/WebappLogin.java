package dev.frontierengage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** Logs into a Camunda webapp over HTTP the way a browser does. */
public final class WebappLogin {

  private WebappLogin() {}

  /** The webapps' login as a browser does it: a GET hands out the CSRF token, the POST echoes it. */
  public static HttpResponse<String> login(HttpClient http, String base, String user,
      String password, String app, boolean withToken) throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(
        URI.create(base + "/camunda/api/admin/auth/user/default")).build(),
        HttpResponse.BodyHandlers.ofString());
    String token = page.headers().firstValue("X-XSRF-TOKEN").orElse("");
    String cookies = page.headers().allValues("Set-Cookie").stream()
        .map(cookie -> cookie.substring(0, cookie.indexOf(';')))
        .collect(Collectors.joining("; "));
    HttpRequest.Builder post = HttpRequest.newBuilder(
            URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Origin", base)
        .header("Cookie", cookies)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password=" + encode(password)));
    if (withToken) {
      assertThat(token).as("CSRF token handed out").isNotBlank();
      post.header("X-XSRF-TOKEN", token);
    }
    return http.send(post.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
