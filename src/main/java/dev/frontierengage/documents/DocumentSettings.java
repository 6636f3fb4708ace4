package dev.frontierengage.documents;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on documents (config {@code frontier-engage.documents}): the largest file one upload
 * may carry and how many documents one engagement may hold.
 */
@ConfigurationProperties("frontier-engage.documents")
public record DocumentSettings(DataSize maxSize, Integer maxPerEngagement) {

  public DocumentSettings {
    maxSize = maxSize == null ? DataSize.ofMegabytes(20) : maxSize;
    maxPerEngagement = maxPerEngagement == null ? 100 : maxPerEngagement;
    if (maxSize.toBytes() < 1 || maxSize.toBytes() > DataSize.ofMegabytes(512).toBytes()) {
      throw new IllegalArgumentException("frontier-engage.documents.max-size must be from 1 byte to 512MB");
    }
    if (maxPerEngagement < 1) {
      throw new IllegalArgumentException("frontier-engage.documents.max-per-engagement must be at least 1");
    }
  }
}
