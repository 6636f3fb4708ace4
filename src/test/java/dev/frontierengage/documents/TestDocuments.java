package dev.frontierengage.documents;

import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.engagement.EngagementRecord;
import javax.sql.DataSource;

/** Documents on a data source, as the application wires them, for drivers that run without it. */
public final class TestDocuments {

  private TestDocuments() {}

  public static Documents on(DataSource dataSource) {
    return new Documents(dataSource, new DatabaseDocumentStore(dataSource), new DocumentSettings(null, null),
        new EngagementRecord(dataSource), new AuditLog());
  }
}
