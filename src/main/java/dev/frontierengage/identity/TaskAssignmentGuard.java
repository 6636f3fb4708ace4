package dev.frontierengage.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.platform.CachedBodyRequest;
import dev.frontierengage.platform.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Assignments of a task over HTTP, in engine-rest and Tasklist's own engine API.
 * <ul>
 * <li>Tasklist's API answers the engine's refusal of an assignment ({@link AssigneeCheck}) with
 * Camunda's 500, its error mappers being the webapp's: the same check is made before it, for a
 * claim, a new assignee or a delegation, and a user of none of the task's groups is a 403 problem
 * that reaches nothing.</li>
 * <li>An unclaim goes on as the engine's claim for nobody ({@code POST task/{id}/claim} with no
 * user), through everything after this filter as any claim does (the webapps' CSRF check and
 * authentication, the engine's checks, its answer): the engine's own unclaim needs the right to
 * assign tasks to anyone, which reviewers do not have, so Tasklist's "Unclaim" was refused to the
 * reviewer who held the task. Who may release a claim is the engine's check ({@link ClaimRelease}):
 * the holder, an administrator, the office once the holder left it; anyone else gets a 403. Spring
 * Security has decided on the path as sent ({@code .../unclaim}), before this filter; a rule of its
 * own for claims would have to name unclaims too.</li>
 * </ul>
 * Anything else (no user named, a body that is not JSON, a task that is not there) goes on to the
 * engine, which answers for it as before.
 */
class TaskAssignmentGuard extends OncePerRequestFilter {

  static final List<String> PATHS = List.of("/camunda/api/engine/*", "/engine-rest/*");
  private static final Pattern ASSIGNING = Pattern.compile(
      "(/engine-rest|/camunda/api/engine)(?:/engine/[^/]+)?/task/([^/]+)/(claim|unclaim|assignee|delegate)/*");
  private static final String TASKLIST = "/camunda/api/engine";
  /** The most of a body read to find the user: an assignment's is a few dozen bytes. */
  private static final int MAX_BODY = 16 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AssigneeCheck check;
  private final TaskService tasks;
  private final AuditLog audit;

  TaskAssignmentGuard(AssigneeCheck check, TaskService tasks, AuditLog audit) {
    this.check = check;
    this.tasks = tasks;
    this.audit = audit;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod())
        || !ASSIGNING.matcher(SecurityConfiguration.decodedPath(request)).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher path = ASSIGNING.matcher(SecurityConfiguration.decodedPath(request));
    if (!path.matches()) {
      chain.doFilter(request, response);
      return;
    }
    if ("unclaim".equals(path.group(3))) {
      chain.doFilter(new ClaimForNobody(request), response);
      return;
    }
    if (!TASKLIST.equals(path.group(1))) {
      chain.doFilter(request, response); // engine-rest answers the engine's refusal with a 403 itself
      return;
    }
    String taskId = path.group(2);
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    HttpServletRequest again = body.length > MAX_BODY
        ? new CachedBodyRequest(request, body, request.getInputStream()) : new CachedBodyRequest(request, body);
    String user = body.length > MAX_BODY ? null : userId(body);
    if (user != null && !check.mayBeAssigned(tasks, taskId, user)) {
      audit.record("access.denied", request.getRemoteUser(), null, Map.of("path", request.getRequestURI(),
          "reason", "task " + taskId + " assigned to '" + user + "', of none of its groups"));
      Problems.write(response, 403, "Forbidden", "Task " + taskId + " can be assigned only to a member of a"
          + " group it is offered to, not to '" + user + "'.");
      return;
    }
    chain.doFilter(again, response);
  }

  /**
   * An unclaim ({@code POST .../task/{id}/unclaim}) as the claim for nobody of the same task: the
   * path's last segment {@code claim}, the body {@code {}} as JSON.
   */
  static final class ClaimForNobody extends HttpServletRequestWrapper {

    private static final byte[] NOBODY = "{}".getBytes(StandardCharsets.UTF_8);
    /** The headers of the body, which this request replaces. */
    private static final Set<String> BODY_HEADERS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
      BODY_HEADERS.addAll(List.of("Content-Type", "Content-Length", "Transfer-Encoding"));
    }

    ClaimForNobody(HttpServletRequest unclaim) {
      super(new CachedBodyRequest(unclaim, NOBODY));
    }

    /** {@code path} with its last segment (and any trailing slash or path parameter) {@code claim}. */
    static String claim(String path) {
      return path == null ? null : path.replaceFirst("/[^/]*/*$", "/claim");
    }

    @Override
    public String getRequestURI() {
      return claim(super.getRequestURI());
    }

    @Override
    public StringBuffer getRequestURL() {
      String url = super.getRequestURL().toString();
      String uri = super.getRequestURI();
      return new StringBuffer(url.endsWith(uri) ? url.substring(0, url.length() - uri.length()) + getRequestURI()
          : claim(url));
    }

    @Override
    public String getPathInfo() {
      return claim(super.getPathInfo());
    }

    @Override
    public String getServletPath() {
      return super.getPathInfo() == null ? claim(super.getServletPath()) : super.getServletPath();
    }

    @Override
    public String getContentType() {
      return "application/json;charset=UTF-8";
    }

    @Override
    public String getCharacterEncoding() {
      return StandardCharsets.UTF_8.name();
    }

    /** The body's headers as they are now (no {@code Transfer-Encoding}: the body is whole); any other as sent. */
    @Override
    public String getHeader(String name) {
      if (!BODY_HEADERS.contains(name)) {
        return super.getHeader(name);
      }
      return "Content-Type".equalsIgnoreCase(name) ? getContentType()
          : "Content-Length".equalsIgnoreCase(name) ? String.valueOf(NOBODY.length) : null;
    }

    @Override
    public int getIntHeader(String name) {
      return "Content-Length".equalsIgnoreCase(name) ? NOBODY.length : super.getIntHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      if (!BODY_HEADERS.contains(name)) {
        return super.getHeaders(name);
      }
      String value = getHeader(name);
      return Collections.enumeration(value == null ? List.of() : List.of(value));
    }

    /** The body's headers once each, however the client spelled them (a header twice is a 400 in engine-rest). */
    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names = new ArrayList<>(Collections.list(super.getHeaderNames()));
      names.removeIf(BODY_HEADERS::contains);
      names.addAll(List.of("Content-Type", "Content-Length"));
      return Collections.enumeration(names);
    }

    @Override
    public int getContentLength() {
      return NOBODY.length;
    }

    @Override
    public long getContentLengthLong() {
      return NOBODY.length;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }

  private static String userId(byte[] body) {
    try {
      JsonNode user = JSON.readTree(body).path("userId");
      return user.isTextual() ? user.asText() : null;
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }
}
