package dev.frontierengage.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.platform.CachedBodyRequest;
import dev.frontierengage.platform.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tasklist's own engine API answers the engine's refusal of an assignment ({@link AssigneeCheck})
 * with Camunda's 500, its error mappers being the webapp's: the same check is made before it,
 * for a claim, a new assignee or a delegation, and a user of none of the task's groups is a 403
 * problem that reaches nothing. Anything else (no user named, a body that is not JSON, a task
 * that is not there) goes on to the engine, which answers for it as before.
 */
class TasklistAssignmentGuard extends OncePerRequestFilter {

  static final String PATHS = "/camunda/api/engine/*";
  private static final Pattern ASSIGNING =
      Pattern.compile("/camunda/api/engine/engine/[^/]+/task/([^/]+)/(claim|assignee|delegate)/*");
  /** The most of a body read to find the user: an assignment's is a few dozen bytes. */
  private static final int MAX_BODY = 16 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AssigneeCheck check;
  private final TaskService tasks;
  private final AuditLog audit;

  TasklistAssignmentGuard(AssigneeCheck check, TaskService tasks, AuditLog audit) {
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
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    HttpServletRequest again = body.length > MAX_BODY
        ? new CachedBodyRequest(request, body, request.getInputStream()) : new CachedBodyRequest(request, body);
    String user = body.length > MAX_BODY || !path.matches() ? null : userId(body);
    if (user != null && !check.mayBeAssigned(tasks, path.group(1), user)) {
      audit.record("access.denied", request.getRemoteUser(), null, Map.of("path", request.getRequestURI(),
          "reason", "task " + path.group(1) + " assigned to '" + user + "', of none of its groups"));
      Problems.write(response, 403, "Forbidden", "Task " + path.group(1) + " can be assigned only to a member of a"
          + " group it is offered to, not to '" + user + "'.");
      return;
    }
    chain.doFilter(again, response);
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
