package dev.frontierengage.platform;

import dev.frontierengage.platform.AdmissionQueue.Priority;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.util.UrlPathHelper;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs at most {@link AdmissionSettings#concurrent()} API requests at once, once Spring Security
 * has authenticated them (it answers the others before): the developer API's first, then
 * engine-rest's and the agency API's ({@link AdmissionQueue}, {@link #LIMITED}). On a node whose
 * processors are all busy, sixteen requests at once share them, each taking some eight times its
 * own time on two; in line, a developer's request waits for a place and then takes its own time.
 * A request that waits longer than {@link AdmissionSettings#maxWait()}, or finds
 * {@link AdmissionSettings#maxWaiting()} waiting already, is answered 503
 * ({@code application/problem+json}, with {@code Retry-After}) and changes nothing. Everything
 * else (health, sign-in, the API documentation, the webapps) is never held. Paths are matched
 * decoded, as the security rules and the servlets match them.
 *
 * <p>A request's body is read before it takes a place, so that a client that sends slowly holds
 * none while it sends: up to {@value #READ_FIRST} bytes into memory, declared or chunked (every
 * JSON body of the developer API, engine-rest's completions); a form of at most that size as the
 * container parses it; a document upload (developer or agency API) as the container parses it, to
 * disk beyond its threshold and refused beyond its limit. Only what lies beyond the first
 * {@value #READ_FIRST} bytes of another body (an engine-rest deployment) is read in place.
 */
class AdmissionFilter extends OncePerRequestFilter {

  /**
   * Held, with the developer API first: what Spring Security has authenticated by then. Not the
   * webapps' APIs ({@code /camunda/api/}), which Camunda's own filters authenticate after this one:
   * a place must not go to a request nobody has checked yet (and people in Tasklist and Cockpit
   * ask little of the node next to the automated clients of the APIs).
   */
  static final List<String> LIMITED = List.of("/api/", "/agency/api/", "/engine-rest/");
  /** The largest body read into memory before a request takes its place. */
  static final int READ_FIRST = 64 * 1024;
  /** The document uploads, whose parts the container parses before the request takes its place. */
  static final Pattern UPLOAD = Pattern.compile("/(api|agency/api)/engagements/[^/]+/documents");

  private final Admission admission;
  private final long maxWaitNanos;

  AdmissionFilter(Admission admission, AdmissionSettings settings) {
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
    if (!admission.enter(priority, caller(request), maxWaitNanos)) {
      busy(response);
      return;
    }
    try {
      chain.doFilter(read, response);
    } finally {
      admission.leave();
    }
  }

  /**
   * Who takes turns for the request ({@link AdmissionQueue}): a developer's organization (its one
   * group {@code org-<name>}, as the developer API reads it), so that an organization's users and
   * API clients share one turn; else the authenticated user or client (a reviewer). Spring
   * Security has authenticated every request held here.
   */
  static String caller(HttpServletRequest request) {
    org.springframework.security.core.Authentication user =
        org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
    if (user == null) {
      return request.getUserPrincipal() == null ? "" : "user:" + request.getUserPrincipal().getName();
    }
    List<String> organizations = user.getAuthorities().stream()
        .map(org.springframework.security.core.GrantedAuthority::getAuthority)
        .filter(authority -> authority.startsWith("org-")).toList();
    return organizations.size() == 1 ? organizations.get(0) : "user:" + user.getName();
  }

  /** The request with its body read, as far as that is done before it takes a place (above). */
  private static HttpServletRequest readFirst(HttpServletRequest request) throws IOException, ServletException {
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
    long length = request.getContentLengthLong();
    if (type.startsWith("application/x-www-form-urlencoded") && length > 0 && length <= READ_FIRST) {
      request.getParameterMap(); // the container parses the form and keeps it
      return request;
    }
    // an upload is a POST: the parts of another method's request (a GET of the documents sent with a
    // multipart type) were parsed from no body, which closed its stream for every read after this
    // (a 500 until 2026-12-07)
    if (type.startsWith("multipart/form-data") && "POST".equals(request.getMethod())
        && UPLOAD.matcher(path(request)).matches()) {
      try {
        request.getParts(); // the container keeps them (or why it could not) for the controller
      } catch (IllegalStateException | IOException | ServletException refused) {
        // too large, too many parts, malformed: the container says so again to the controller
      } catch (RuntimeException refused) {
        // a part the container will not take (a NUL in a file name: Tomcat's
        // InvalidFileNameException), and does not keep: the controller's read is told so
        return new UnreadableParts(request, refused);
      }
      return request;
    }
    // any other body (a form of no declared length or a larger one, multipart to another path) is
    // read as bytes below: left unread, a slow sender held its place while the limits after this
    // filter, or the servlet, read it
    if (length == 0 || length < 0 && request.getHeader("Transfer-Encoding") == null) {
      return request; // no body
    }
    // at most READ_FIRST and one byte, whether the length is declared or not (chunked)
    jakarta.servlet.ServletInputStream in = request.getInputStream();
    byte[] read = in.readNBytes(READ_FIRST + 1);
    return read.length <= READ_FIRST ? new CachedBodyRequest(request, read) : new CachedBodyRequest(request, read, in);
  }

  /** A multipart request whose parts could not be read: each read of them fails, as the first did. */
  private static final class UnreadableParts extends jakarta.servlet.http.HttpServletRequestWrapper {

    private final RuntimeException refused;

    UnreadableParts(HttpServletRequest request, RuntimeException refused) {
      super(request);
      this.refused = refused;
    }

    @Override
    public java.util.Collection<jakarta.servlet.http.Part> getParts() throws ServletException {
      throw new ServletException("the upload's parts could not be read", refused);
    }

    @Override
    public jakarta.servlet.http.Part getPart(String name) throws ServletException {
      throw new ServletException("the upload's parts could not be read", refused);
    }
  }

  /**
   * The path as the security rules and the servlets match it: decoded ({@code /%61pi/} is
   * {@code /api/}), without the context path.
   */
  static String path(HttpServletRequest request) {
    return UrlPathHelper.defaultInstance.getPathWithinApplication(request);
  }

  private static void busy(HttpServletResponse response) throws IOException {
    response.setHeader("Retry-After", "1");
    Problems.write(response, 503, "Service Unavailable", "The service is busy; nothing was done. Try again in a moment.");
  }
}
