package dev.frontierengage.documents;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Documents' bytes in the database ({@code fe_document_content}: BLOB on H2, BYTEA on
 * PostgreSQL): one copy every node of a cluster reads, backed up and restored with the rest of
 * the engagement, written in the same transaction as its record.
 */
@Component
class DatabaseDocumentStore implements DocumentStore {

  private final JdbcTemplate jdbc;

  DatabaseDocumentStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  @Override
  public void put(String documentId, byte[] content) {
    jdbc.update("INSERT INTO fe_document_content (document_id, content) VALUES (?, ?)", ps -> {
      ps.setString(1, documentId);
      ps.setBytes(2, content);
    });
  }

  @Override
  public byte[] get(String documentId) {
    return jdbc.query("SELECT content FROM fe_document_content WHERE document_id = ?",
        (rs, n) -> rs.getBytes(1), documentId).stream().findFirst()
        .orElseThrow(() -> new IllegalStateException("document " + documentId + " has no content"));
  }
}
