package dev.frontierengage.api;

import dev.frontierengage.platform.CachedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses developer API bodies over {@value #LIMIT} bytes with 413, before anything reads them.
 * A document upload (multipart to {@code .../documents}) may be as large as the documents' limit
 * and an envelope; it is streamed to the multipart parser (which enforces the limit itself,
 * whatever the Content-Length said), not held here.
 */
@Component
class BodyLimitFilter extends OncePerRequestFilter {

  static final int LIMIT = 64 * 1024;
  /** What a multipart upload may carry besides its file: boundaries, part headers, the kind. */
  static final int ENVELOPE = 64 * 1024;
  private static final java.util.regex.Pattern UPLOAD = java.util.regex.Pattern.compile("/api/engagements/[^/]+/documents");

  private final dev.frontierengage.documents.DocumentSettings documents;

  BodyLimitFilter(dev.frontierengage.documents.DocumentSettings documents) {
    this.documents = documents;
  }

  /** The largest request a document upload may be: the file limit and the envelope. */
  static long uploadLimit(dev.frontierengage.documents.DocumentSettings documents) {
    return documents.maxSize().toBytes() + ENVELOPE;
  }

  /** The path as the security rules and the controllers match it: decoded ({@code /%61pi/} is {@code /api/}). */
  private static String path(HttpServletRequest request) {
    return org.springframework.web.util.UrlPathHelper.defaultInstance.getPathWithinApplication(request);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !path(request).startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    if ("POST".equals(request.getMethod()) && UPLOAD.matcher(path(request)).matches()
        && request.getContentType() != null && request.getContentType().toLowerCase(java.util.Locale.ROOT)
            .startsWith("multipart/")) {
      if (request.getContentLengthLong() > uploadLimit(documents)) {
        tooLarge(response, "Documents may be at most " + documents.maxSize().toKilobytes() + " KiB.");
        return;
      }
      chain.doFilter(request, response);
      return;
    }
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
    tooLarge(response, "Request bodies may be at most " + LIMIT / 1024 + " KiB.");
  }

  private static void tooLarge(HttpServletResponse response, String detail) throws IOException {
    dev.frontierengage.platform.Problems.write(response, 413, "Body too large", detail);
  }
}
