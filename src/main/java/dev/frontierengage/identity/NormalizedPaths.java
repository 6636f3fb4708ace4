package dev.frontierengage.identity;

import dev.frontierengage.platform.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any security chain, a request whose path is not normalized ({@code /../},
 * {@code /./}, {@code //}, an encoded dot or slash or backslash, an encoded character that needs
 * no encoding: RFC 3986's unreserved letters, digits, {@code -._~}; a {@code ;}: sessions go by
 * cookie only), and one whose query holds a malformed escape (the container would drop that
 * parameter and go on without it). The container resolves a path that is not normalized
 * for choosing the servlet while a chain, a filter or a servlet may read it as it came (seen:
 * {@code /portal/../engine-rest/task} reached engine-rest through the portal's public chain, which
 * answered 500; {@code /engine-r%65st/task} failed in Spring Security's own path parsing with a
 * 500). A 400 problem, and nothing reached.
 */
@Configuration(proxyBeanMethods = false)
class NormalizedPaths {

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> normalizedPathsOnly() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (!normalized(request.getRequestURI())) {
          Problems.write(response, 400, "Path not normalized",
              "The path holds '..', '.', '//', a ';', an encoded dot, slash or backslash, or an encoded letter, digit,"
              + " '-', '_' or '~'; ask for the resource by its own path.");
          return;
        }
        if (!wellEncoded(request.getQueryString())) {
          // the container drops a parameter it cannot decode, and the request went on without it
          // (?stage=%zz listed every stage)
          Problems.write(response, 400, "Query not readable",
              "The query holds a '%' that is not followed by two hexadecimal digits; encode a '%' as %25.");
          return;
        }
        chain.doFilter(request, response);
      }
    });
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.addUrlPatterns("/*");
    return registration;
  }

  static boolean normalized(String uri) {
    if (uri == null) {
      return true;
    }
    String lower = uri.toLowerCase(Locale.ROOT);
    return !(lower.contains("/../") || lower.endsWith("/..") || lower.contains("/./") || lower.endsWith("/.")
        || lower.contains("//") || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c")
        || lower.contains("\\") || lower.contains(";") || ENCODED_UNRESERVED.matcher(lower).find());
  }

  /** Whether every '%' of the (raw) query begins an escape of two hexadecimal digits. */
  static boolean wellEncoded(String query) {
    return query == null || !MALFORMED_ESCAPE.matcher(query).find();
  }

  private static final java.util.regex.Pattern MALFORMED_ESCAPE = java.util.regex.Pattern.compile("%(?![0-9a-fA-F]{2})");

  /** A percent-encoded letter, digit, '-', '.', '_' or '~' (lower case), which RFC 3986 normalizes to the character. */
  private static final java.util.regex.Pattern ENCODED_UNRESERVED =
      java.util.regex.Pattern.compile("%(3[0-9]|4[1-9a-f]|5[0-9a]|6[1-9a-f]|7[0-9a]|2d|2e|5f|7e)");
}
