package dev.frontierengage.api;

import dev.frontierengage.platform.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The media type headers of a request to the developer and agency APIs, refused before the
 * request is handled when they cannot be read:
 * <ul>
 *   <li>an Accept header that cannot be read: a 406 problem. A request refused for another reason
 *       as well (no Content-Type, a body that is not JSON) was answered with its 4xx and no body at
 *       all: Spring negotiated the problem's type against the same header, could not read it, and
 *       wrote nothing. One that is read but names nothing this API answers in is left to the
 *       controllers ({@link ApiProblemHandler}: a 406 problem; a refusal's problem is written as
 *       {@code application/problem+json} all the same);</li>
 *   <li>a Content-Type that cannot be read, or that is a wildcard ({@code *}{@code /*},
 *       {@code application/*}), which names no type of body: a 415 problem. Sent to an action that
 *       takes an optional body (ending the access window), a wildcard failed in Spring's reading of
 *       the request's headers and answered 500.</li>
 * </ul>
 * The Content-Type is read only where a body is (a POST, a PUT or a PATCH; Spring reads no other
 * request's), and one sent blank is none, as Spring takes it. Right after the security filters (a
 * request that is not signed in is told so first), before a request takes its place in line
 * ({@code platform/AdmissionFilter}) or its body is read.
 */
@Configuration(proxyBeanMethods = false)
class MediaTypeHeaders {

  /** What this API answers in: the first half of every 406 problem's detail. */
  static final String ANSWERS_IN = "This API answers in application/json (errors in application/problem+json)";
  static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> mediaTypeHeadersRead() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (!acceptReadable(Collections.list(request.getHeaders("Accept")))) {
          Problems.write(response, 406, "Not acceptable", ANSWERS_IN + "; the Accept header cannot be read.");
          return;
        }
        if (WITH_BODY.contains(request.getMethod())
            && !contentTypeReadable(Collections.list(request.getHeaders("Content-Type")))) {
          Problems.write(response, 415, "Unsupported media type", "The Content-Type header cannot be read, or names"
              + " no type of body (a wildcard, or more than one): send application/json, or multipart/form-data"
              + " for a document.");
          return;
        }
        chain.doFilter(request, response);
      }
    });
    registration.addUrlPatterns("/api/*", "/agency/api/*");
    registration.setName("frontier-engage-media-type-headers");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }

  /** Whether every Accept header sent can be read as media types (none sent: yes). */
  static boolean acceptReadable(List<String> accept) {
    try {
      MediaType.parseMediaTypes(accept);
      return true;
    } catch (IllegalArgumentException unreadable) { // InvalidMediaTypeException among them
      return false;
    }
  }

  /** Whether the Content-Type sent, if any (a blank one is none), is one type that can be read and is not a wildcard. */
  static boolean contentTypeReadable(List<String> contentType) {
    List<String> sent = contentType.stream().filter(value -> !value.isBlank()).toList();
    if (sent.isEmpty()) {
      return true;
    }
    if (sent.size() > 1) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(sent.get(0));
      return !type.isWildcardType() && !type.isWildcardSubtype();
    } catch (IllegalArgumentException unreadable) {
      return false;
    }
  }
}
