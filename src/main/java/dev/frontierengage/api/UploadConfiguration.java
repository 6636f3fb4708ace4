package dev.frontierengage.api;

import dev.frontierengage.documents.DocumentSettings;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
}
