package dev.frontierengage.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem bodies for refusals made before any controller runs. */
public final class Problems {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Problems() {}

  public static void write(HttpServletResponse response, int status, String title, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    try (var out = response.getOutputStream()) { // closed, as the answer is whole
      out.write(json(status, title, detail).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** What an id of ours can hold: what {@link #id} repeats of an id the client sent. */
  private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /**
   * An id the client sent, as a refusal's detail may repeat it: as sent when it could be an id of
   * ours, else not at all ("the id sent"), so that a detail never carries text the client chose
   * (a direction override that shows another id than the one asked for, a line of its own).
   */
  public static String id(String sent) {
    return sent != null && ID.matcher(sent).matches() ? sent : "(the id sent)";
  }

  /** The problem's body. */
  static String json(int status, String title, String detail) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    try {
      return JSON.writeValueAsString(problem);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e); // four plain values always serialize
    }
  }
}
