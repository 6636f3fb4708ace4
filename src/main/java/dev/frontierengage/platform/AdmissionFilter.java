package dev.frontierengage.platform;

import dev.frontierengage.platform.AdmissionQueue.Priority;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs at most {@link AdmissionSettings#concurrent()} API requests at once, once they are
 * authenticated (Spring Security answers the others before): the developer API's first, then
 * engine-rest's, the agency API's and the webapps' APIs ({@link AdmissionQueue}). On a node whose
 * processors are all busy, sixteen requests at once take as long together as four would in turn, and
 * each of them sixteen times its own time; in line, a developer's request waits for a place and
 * then takes its own time. A request that waits longer than
 * {@link AdmissionSettings#maxWait()} is answered 503 ({@code application/problem+json}, with
 * {@code Retry-After}) and changes nothing. The health endpoint, sign-in, the API documentation and
 * the webapps' pages are never held.
 *
 * <p>A request's body is read before it takes a place, so that a client that sends slowly holds
 * none: a body of at most {@value #READ_FIRST} bytes (every JSON body of the developer API, and
 * engine-rest's completions) into memory, a form as the container parses it, a document upload to
 * the developer or agency API as the container parses it (to disk beyond its threshold). A larger body, or one of unknown length,
 * is read while the request runs (engine-rest's deployments, say).
 */
public class AdmissionFilter extends OncePerRequestFilter {

  /** Held, with the developer API first. */
  static final List<String> LIMITED = List.of("/api/", "/agency/api/", "/engine-rest/", "/camunda/api/");
  /** The largest body read into memory before a request takes its place. */
  static final int READ_FIRST = 64 * 1024;

  private final Admission admission;
  private final long maxWaitNanos;

  public AdmissionFilter(Admission admission, AdmissionSettings settings) {
    this.admission = admission;
    this.maxWaitNanos = settings.maxWait().toNanos();
  }

  /** The priority of a request to {@code path}, or null if it is not held. */
  static Priority priority(String path) {
    if (path.startsWith("/api/")) {
      return Priority.FIRST;
    }
    return LIMITED.stream().anyMatch(path::startsWith) ? Priority.REST : null;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return priority(path(request)) == null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Priority priority = priority(path(request));
    HttpServletRequest read = readFirst(request);
    if (!admission.enter(priority, maxWaitNanos)) {
      busy(response);
      return;
    }
    try {
      chain.doFilter(read, response);
    } finally {
      admission.leave();
    }
  }

  /** The request with its body read, where that is done before it takes a place (above). */
  private static HttpServletRequest readFirst(HttpServletRequest request) throws IOException, ServletException {
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
    if (type.startsWith("application/x-www-form-urlencoded")) {
      request.getParameterMap(); // the container parses the form (the webapps' sign-in) and keeps it
      return request;
    }
    if (type.startsWith("multipart/form-data")) {
      if (!path(request).startsWith("/engine-rest/")) {
        try {
          request.getParts(); // the container keeps them (or why it could not) for the controller
        } catch (IllegalStateException | IOException | ServletException refused) {
          // too large, too many parts, malformed: answered by the filters and controller after this
        }
      }
      return request;
    }
    long length = request.getContentLengthLong();
    if (length <= 0 || length > READ_FIRST) {
      return request;
    }
    byte[] body = request.getInputStream().readNBytes((int) length + 1);
    return new CachedBodyRequest(request, body);
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  private static void busy(HttpServletResponse response) throws IOException {
    response.setHeader("Retry-After", "1");
    Problems.write(response, 503, "Service Unavailable", "The service is busy; nothing was done. Try again in a moment.");
  }
}
