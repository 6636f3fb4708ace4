package dev.frontierengage.api;

import dev.frontierengage.documents.DocumentSettings;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;

/**
 * Multipart uploads (documents) as the servlet container parses them: a file up to the documents'
 * limit, a request up to that and an envelope, parts over 1 MiB kept in temporary files while the
 * request lasts. Over the limit is a 413 however the body arrives (the parser counts the bytes).
 */
@Configuration
class UploadConfiguration {

  @Bean
  MultipartConfigElement multipartConfigElement(DocumentSettings documents) {
    return new MultipartConfigElement(null, documents.maxSize().toBytes(), BodyLimitFilter.uploadLimit(documents),
        1024 * 1024);
  }

  /**
   * Only a POST is an upload. Spring's own resolver takes any request of a multipart type for one,
   * whatever its method: a GET of the documents sent with a multipart type and no body was refused
   * as a malformed upload (a 500 before {@code platform/AdmissionFilter} parsed the parts of a POST
   * only), a PUT of a multipart body a 400 rather than the 405 its method is.
   */
  @Bean(name = org.springframework.web.servlet.DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
  StandardServletMultipartResolver multipartResolver(MultipartProperties multipart) {
    StandardServletMultipartResolver resolver = new StandardServletMultipartResolver() {
      @Override
      public boolean isMultipart(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && super.isMultipart(request);
      }
    };
    resolver.setResolveLazily(multipart.isResolveLazily());
    resolver.setStrictServletCompliance(multipart.isStrictServletCompliance());
    return resolver;
  }
}
