package dev.frontierengage.identity;

import dev.frontierengage.platform.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page of the engine's lists (engine-rest, the webapps' APIs) begins at {@code firstResult} and
 * holds {@code maxResults}: a negative one reached the database as a negative OFFSET or LIMIT,
 * which H2 and PostgreSQL refuse, and every list, a reviewer's own tasks among them, answered 500
 * ({@code ?firstResult=-5}). A 400 problem naming the parameter, before anything is read. The
 * query string is read as sent, never the request's parameters (which would consume a form's body).
 */
@Configuration(proxyBeanMethods = false)
class PageBounds {

  static final Set<String> BOUNDS = Set.of("firstResult", "maxResults");
  private static final Pattern NEGATIVE = Pattern.compile("-0*[1-9][0-9]*");

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> pageBoundsNotNegative() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String negative = negative(request.getQueryString());
        if (negative != null) {
          Problems.write(response, 400, "Page out of bounds",
              negative + " must be 0 or more: it is where a page of the list begins, or how many it holds.");
          return;
        }
        chain.doFilter(request, response);
      }
    });
    registration.addUrlPatterns("/engine-rest/*", WebappApiGuard.APIS + "*");
    registration.setName("frontier-engage-page-bounds");
    return registration;
  }

  /** The first page bound of the (raw) query that is a negative number, or null. */
  static String negative(String query) {
    if (query == null) {
      return null;
    }
    for (String parameter : query.split("&")) {
      int equals = parameter.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String name = decode(parameter.substring(0, equals));
      if (BOUNDS.contains(name) && NEGATIVE.matcher(decode(parameter.substring(equals + 1))).matches()) {
        return name;
      }
    }
    return null;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text; // a malformed escape is refused before (NormalizedPaths)
    }
  }
}
