package dev.frontierengage.api;

import dev.frontierengage.platform.CachedBodyRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Refuses developer API bodies over {@value #LIMIT} bytes with 413, before anything reads them. */
@Component
class BodyLimitFilter extends OncePerRequestFilter {

  static final int LIMIT = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    if (request.getContentLengthLong() > LIMIT) {
      tooLarge(response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(LIMIT + 1);
    if (body.length > LIMIT) {
      tooLarge(response);
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private static void tooLarge(HttpServletResponse response) throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", "Body too large");
    problem.put("status", 413);
    problem.put("detail", "Request bodies may be at most " + LIMIT / 1024 + " KiB.");
    response.setStatus(413);
    response.setContentType("application/problem+json");
    JSON.writeValue(response.getOutputStream(), problem);
  }
}
