package dev.frontierengage.documents;

import dev.frontierengage.process.VisibleText;
import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.process.EngineClock;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The documents on an engagement: each one's kind, name, detected type, size and SHA-256 in
 * {@code fe_document}, its bytes in the {@link DocumentStore}, written together. A document is
 * never changed or removed: a new version is a new document. Those the developer may see are on
 * its timeline; classified ones never are.
 */
@Service
public class Documents {

  /** Who attached a document. */
  public enum Side { DEVELOPER, AGENCY }

  /**
   * A document as recorded.
   *
   * @param office the agency group that attached it (null for the developer's)
   */
  public record Document(String id, String engagementId, DocumentKind kind, String filename, String mediaType,
      long size, String sha256, Side side, String uploadedBy, String office, Instant uploadedAt) {}

  /** A file to attach: its kind, the name it came with, its bytes, and who attaches it. */
  public record Upload(DocumentKind kind, String filename, byte[] content, Side side, String user, String office) {}

  private final JdbcTemplate jdbc;
  private final DocumentStore store;
  private final DocumentSettings settings;
  private final EngagementRecord record;
  private final AuditLog audit;

  Documents(DataSource dataSource, DocumentStore store, DocumentSettings settings, EngagementRecord record,
      AuditLog audit) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.store = store;
    this.settings = settings;
    this.record = record;
    this.audit = audit;
  }

  /** How many documents one side attached to an engagement, and when the last of either came (null: none yet). */
  private record Held(int count, Timestamp last) {}

  /**
   * Attaches a document to the engagement after checking it (not empty, not too large, an
   * allowed type by its content, room left on the engagement); a refusal writes nothing.
   */
  @Transactional
  public Document add(String engagementId, Upload upload) {
    byte[] content = upload.content();
    if (content.length == 0) {
      throw new DocumentRefused(400, "Empty document", "The file is empty; attach a file with content.");
    }
    if (content.length > settings.maxSize().toBytes()) {
      throw tooLarge(settings);
    }
    String type = ContentTypes.detect(content);
    if (!ContentTypes.allowed(type)) {
      throw new DocumentRefused(415, "Unsupported document type", "The file's content is " + type
          + " (whatever its name says); a document may be PDF, UTF-8 text, PNG or JPEG.");
    }
    // one at a time per engagement: the checks below and the insert after them cannot interleave
    List<String> stage = jdbc.queryForList("SELECT stage FROM fe_engagement WHERE engagement_id = ? FOR UPDATE",
        String.class, engagementId);
    if (stage.isEmpty()) {
      throw new IllegalStateException("engagement " + engagementId + " has no record");
    }
    if ("CLOSED".equals(stage.get(0))) { // (no stage yet: just opened)
      throw new DocumentRefused(409, "Engagement closed", "The engagement is closed; nothing more can be attached.");
    }
    // how many the uploader's side attached (each side has its own room: the developer cannot fill
    // the engagement and lock the agency's report, findings or terms out, nor learn from the count
    // how many it may not see), and when the last of either came (in one statement)
    Held held = jdbc.queryForObject("SELECT COUNT(CASE WHEN side = ? THEN 1 END), MAX(uploaded_at) FROM fe_document"
        + " WHERE engagement_id = ?", (rs, row) -> new Held(rs.getInt(1), rs.getTimestamp(2)),
        upload.side().name(), engagementId);
    int count = held.count();
    Timestamp last = held.last();
    // each document of an engagement later than the one before: "the latest" is never a tie
    Instant now = EngineClock.instant();
    if (last != null && !now.isAfter(last.toInstant())) {
      now = last.toInstant().plusMillis(1);
    }
    if (count >= settings.maxPerEngagement()) {
      throw new DocumentRefused(409, "Too many documents", upload.side() == Side.DEVELOPER
          ? "You have attached " + count + " documents to this engagement, the most you may; ask the agency if more"
              + " are needed."
          : "The agency has attached " + count + " documents to this engagement, the most it may.");
    }
    Document document = new Document("doc_" + UUID.randomUUID().toString().replace("-", ""), engagementId,
        upload.kind(), named(filename(upload.filename(), type), type, content), type, content.length, sha256(content), upload.side(),
        upload.user(), upload.office(), now);
    jdbc.update("INSERT INTO fe_document (id, engagement_id, kind, classified, filename, media_type, size_bytes,"
        + " sha256, side, uploaded_by, office, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        document.id(), engagementId, document.kind().name(), document.kind().classified(), document.filename(),
        document.mediaType(), document.size(), document.sha256(), document.side().name(), document.uploadedBy(),
        document.office(), Timestamp.from(document.uploadedAt()));
    store.put(document.id(), content);
    // a terms document reaches the developer's timeline when counsel completes the terms with it
    if (!document.kind().classified() && document.kind() != DocumentKind.TERMS) {
      record.event(engagementId, document.uploadedAt(), "DOCUMENT_ADDED", timelineDetail(document));
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("document", document.id());
    detail.put("kind", document.kind().name());
    detail.put("sha256", document.sha256());
    detail.put("size", document.size());
    if (document.office() != null) {
      detail.put("office", document.office());
    }
    audit.recordOnCommit("document.added", upload.user(), engagementId, detail);
    return document;
  }

  /** The engagement's documents, oldest first: the classified ones only when {@code classified} says so. */
  public List<Document> list(String engagementId, boolean classified) {
    return jdbc.query("SELECT * FROM fe_document WHERE engagement_id = ?" + (classified ? "" : " AND classified = ?")
        + " ORDER BY uploaded_at, id", Documents::document, classified ? new Object[] {engagementId}
        : new Object[] {engagementId, false});
  }

  /** One document of the engagement (empty when it has none by that id). */
  public Optional<Document> find(String engagementId, String documentId) {
    return jdbc.query("SELECT * FROM fe_document WHERE engagement_id = ? AND id = ?", Documents::document,
        engagementId, documentId).stream().findFirst();
  }

  /** The latest document of this kind on the engagement. */
  public Optional<Document> latest(String engagementId, DocumentKind kind) {
    return jdbc.query("SELECT * FROM fe_document WHERE engagement_id = ? AND kind = ? ORDER BY uploaded_at DESC,"
        + " id DESC", Documents::document, engagementId, kind.name()).stream().findFirst();
  }

  /** How the developer's timeline names a document. */
  public static String timelineDetail(Document document) {
    return document.kind().title() + ": " + document.filename() + " (SHA-256 " + document.sha256() + ")";
  }

  public byte[] content(Document document) {
    return store.get(document.id());
  }

  /** The refusal of a file over the configured size. */
  public static DocumentRefused tooLarge(DocumentSettings settings) {
    return new DocumentRefused(413, "Document too large", "A document may be at most "
        + settings.maxSize().toKilobytes() + " KiB.");
  }

  /**
   * The name a document is kept and served under: the last segment of what the client sent,
   * without control characters, quotes or separators (a path's, a line's or a paragraph's: the
   * name is shown in the timeline, one line per event), at most 200 UTF-16 units; if nothing
   * visible is left, one made from the type.
   */
  static String filename(String given, String type) {
    String name = given == null ? "" : given;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    StringBuilder kept = new StringBuilder();
    // at most 200 UTF-16 units (what the column counts on every database), never half a character
    name.codePoints().filter(c -> !Character.isISOControl(c) && c != '"' && c != ';' && Character.getType(c)
        != Character.FORMAT && Character.getType(c) != Character.SURROGATE && Character.getType(c)
        != Character.UNASSIGNED && Character.getType(c) != Character.LINE_SEPARATOR
        && Character.getType(c) != Character.PARAGRAPH_SEPARATOR).forEachOrdered(c -> {
          if (kept.length() + Character.charCount(c) <= 200) {
            kept.appendCodePoint(c);
          }
        });
    String clean = kept.toString().strip();
    if (!VisibleText.shows(clean) || clean.chars().allMatch(c -> c == '.')) {
      return "document." + EXTENSIONS.getOrDefault(type, List.of("txt")).get(0);
    }
    return ofType(clean, type);
  }

  /** The extensions a document's name may end with, by the type its content was found to be (the first is added to another). */
  static final Map<String, List<String>> EXTENSIONS = Map.of(
      "application/pdf", List.of("pdf"),
      "image/png", List.of("png"),
      "image/jpeg", List.of("jpg", "jpeg"),
      "text/plain", List.of("txt", "md", "markdown", "csv", "json", "text"));

  /**
   * {@code name} ending with an extension of {@code type}: as it was when it has one (in any case),
   * else with the type's own added ({@code run.bat} of text is {@code run.bat.txt}, {@code card.html}
   * of PDF {@code card.html.pdf}), within 200 UTF-16 units and never half a character. A browser
   * saves a download under the name served, and what opens the saved file goes by its extension:
   * text named {@code .bat} or {@code .hta}, or a PDF named {@code .html}, ran as what the name said
   * on the machine of whoever opened it. Names stored before are served the same way.
   */
  static String ofType(String name, String type) {
    List<String> extensions = EXTENSIONS.get(type);
    if (extensions == null) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    if (dot >= 0 && extensions.contains(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT))) {
      return name;
    }
    return appended(name, "." + extensions.get(0));
  }

  /** {@code name} with {@code extension} added, cut to stay within 200 UTF-16 units, never half a character. */
  private static String appended(String name, String extension) {
    int end = Math.min(name.length(), 200 - extension.length());
    if (end > 0 && end < name.length() && Character.isHighSurrogate(name.charAt(end - 1))) {
      end--;
    }
    return name.substring(0, end) + extension;
  }

  /**
   * The name a document is served under, given its content: a text named {@code .csv} that holds
   * a cell a spreadsheet would run as a formula ({@link SpreadsheetFormulas}) is named as text
   * ({@code data.csv.txt}), so that opening the saved file shows it rather than runs it; every
   * other name as it is. At upload the name is stored so; a name stored before is served so (its
   * listing, read without the content, keeps {@code .csv}).
   */
  public static String named(String name, String type, byte[] content) {
    if ("text/plain".equals(type) && name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
        && SpreadsheetFormulas.holdsFormula(content)) {
      return appended(name, ".txt");
    }
    return name;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Document document(ResultSet rs, int row) throws SQLException {
    return new Document(rs.getString("id"), rs.getString("engagement_id"), DocumentKind.valueOf(rs.getString("kind")),
        ofType(rs.getString("filename"), rs.getString("media_type")), rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
        Side.valueOf(rs.getString("side")), rs.getString("uploaded_by"), rs.getString("office"),
        rs.getTimestamp("uploaded_at").toInstant());
  }
}
