package dev.frontierengage.identity;

import dev.frontierengage.platform.CachedBodyRequest;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An unclaim ({@code POST .../task/{id}/unclaim}, in engine-rest and in the webapps' engine API)
 * goes on as the engine's claim for nobody ({@code POST task/{id}/claim} with no user), through
 * everything after this filter as any claim does (the webapps' CSRF check and authentication, the
 * engine's checks, its answer): the engine's own unclaim needs the right to assign tasks to
 * anyone, which reviewers do not have, so Tasklist's "Unclaim" was refused to the reviewer who
 * held the task. Who may release a claim is the engine's check ({@link ClaimRelease}): the holder,
 * an administrator, the office once the holder left it; anyone else gets a 403. Spring Security
 * has decided on the path as sent ({@code .../unclaim}), before this filter; a rule of its own for
 * claims would have to name unclaims too. Every other request goes on as sent: whom a task may be
 * given to is the engine's check ({@link AssigneeCheck}), answered in both APIs as engine-rest
 * answers the engine's refusals ({@link EngineRestConfiguration}).
 */
class TaskAssignmentGuard extends OncePerRequestFilter {

  static final List<String> PATHS = List.of("/camunda/api/engine/*", "/engine-rest/*");
  private static final Pattern UNCLAIM = Pattern.compile(
      "(?:/engine-rest|/camunda/api/engine)(?:/engine/[^/]+)?/task/[^/]+/unclaim/*");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod())
        || !UNCLAIM.matcher(SecurityConfiguration.decodedPath(request)).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new ClaimForNobody(request), response);
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
}
