package dev.frontierengage.identity;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * An unclaim reaches what follows the guard as the claim for nobody of the same task, in each
 * spelling of the path that gets past the path checks before it ({@code NormalizedPaths} answers an
 * encoded letter or a path parameter with a 400); every other request reaches it as sent. ({@code SecurityIT} sends them to the
 * real engine-rest and Tasklist, {@code TasklistBrowserIT} clicks "Unclaim".)
 */
class TaskAssignmentGuardTest {

  private final TaskAssignmentGuard guard = new TaskAssignmentGuard();

  @Test
  void anUnclaimGoesOnAsTheClaimForNobodyOfTheSameTask() throws Exception {
    for (String unclaim : List.of("/task/t-1/unclaim", "/task/t-1/unclaim/", "/engine/default/task/t-1/unclaim")) {
      MockHttpServletRequest sent = request("/engine-rest", unclaim, "");
      sent.setCharacterEncoding("x-no-such-charset"); // what the client said: the body passed on is UTF-8 whatever it said
      sent.addHeader("Transfer-Encoding", "chunked");
      HttpServletRequest passed = passedOn(sent);
      String claim = unclaim.replace("/unclaim/", "/claim").replace("/unclaim", "/claim");
      assertThat(passed.getRequestURI()).as(unclaim).isEqualTo("/engine-rest" + claim);
      assertThat(passed.getRequestURL().toString()).as(unclaim).isEqualTo("http://localhost/engine-rest" + claim);
      assertThat(passed.getServletPath()).isEqualTo("/engine-rest");
      assertThat(passed.getPathInfo()).isEqualTo(claim);
      assertThat(new String(passed.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{}");
      assertThat(passed.getReader().readLine()).isEqualTo("{}");
      assertThat(passed.getContentType()).startsWith("application/json");
      assertThat(passed.getCharacterEncoding()).isEqualTo("UTF-8");
      assertThat(passed.getContentLength()).isEqualTo(2);
      assertThat(passed.getIntHeader("Content-Length")).isEqualTo(2);
      assertThat(passed.getHeader("Transfer-Encoding")).as("the body is whole").isNull();
      // each header once, whatever the client's spelling: a header twice is a 400 in engine-rest
      List<String> names = Collections.list(passed.getHeaderNames());
      assertThat(names.stream().filter("content-type"::equalsIgnoreCase)).hasSize(1);
      assertThat(names.stream().filter("content-length"::equalsIgnoreCase)).hasSize(1);
      assertThat(names.stream().filter("transfer-encoding"::equalsIgnoreCase)).isEmpty();
      assertThat(Collections.list(passed.getHeaders("content-length"))).containsExactly("2");
    }
    HttpServletRequest tasklist = passedOn(request("/camunda/api/engine", "/engine/default/task/t-1/unclaim", ""));
    assertThat(tasklist.getRequestURI()).isEqualTo("/camunda/api/engine/engine/default/task/t-1/claim");
  }

  @Test
  void aClaimAndOtherRequestsGoOnAsSent() throws Exception {
    for (String api : List.of("/engine-rest", "/camunda/api/engine")) {
      // whom a task may be given to is the engine's check, answered by the API
      MockHttpServletRequest claim = request(api, "/engine/default/task/t-1/claim", "{\"userId\":\"someone\"}");
      assertThat(passedOn(claim)).isSameAs(claim);
    }
    MockHttpServletRequest read = request("/engine-rest", "/task/t-1/unclaim", "");
    read.setMethod("GET");
    assertThat(passedOn(read)).isSameAs(read);
    MockHttpServletRequest other = request("/engine-rest", "/task/t-1/complete", "{}");
    assertThat(passedOn(other)).isSameAs(other);
  }

  private HttpServletRequest passedOn(MockHttpServletRequest request) throws Exception {
    AtomicReference<ServletRequest> passed = new AtomicReference<>();
    guard.doFilter(request, new MockHttpServletResponse(), (req, res) -> passed.set(req));
    assertThat(passed.get()).as("passed on").isNotNull();
    return (HttpServletRequest) passed.get();
  }

  private static MockHttpServletRequest request(String servletPath, String pathInfo, String body) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", servletPath + pathInfo);
    request.setServletPath(servletPath);
    request.setPathInfo(pathInfo);
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    request.addHeader("content-type", "application/json");
    request.addHeader("content-length", String.valueOf(body.length()));
    return request;
  }
}
