package dev.frontierengage.api;

import dev.frontierengage.platform.Problems;
import dev.frontierengage.documents.DocumentKind;
import dev.frontierengage.documents.DocumentRefused;
import dev.frontierengage.documents.Documents.Document;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/** What the developer's and the agency's document endpoints share: the upload's shape, and a download. */
final class DocumentUploads {

  private DocumentUploads() {}

  /** An upload is one file part {@code file} and one field {@code kind}: anything else is a 400. */
  static void onlyFileAndKind(MultipartHttpServletRequest request) {
    var files = request.getMultiFileMap();
    var fields = request.getParameterMap();
    boolean oneFile = files.size() == 1 && files.containsKey("file") && files.get("file").size() == 1;
    // a text part without a filename is a field; "kind" may also arrive as a query parameter: refuse that too
    boolean oneKind = fields.size() == 1 && fields.containsKey("kind") && fields.get("kind").length == 1
        && request.getQueryString() == null;
    if (!oneFile || !oneKind) {
      throw new DocumentRefused(400, "Malformed upload", "An upload is multipart/form-data with exactly one file"
          + " part 'file' and one field 'kind'; this one has files " + files.keySet() + " and fields "
          + fields.keySet() + ".");
    }
  }

  /** The kind named, if it is one of {@code allowed}; else a 400 saying which are. */
  static DocumentKind kind(String given, List<DocumentKind> allowed, String otherwise) {
    for (DocumentKind kind : allowed) {
      if (kind.name().equals(given)) {
        return kind;
      }
    }
    boolean known = java.util.Arrays.stream(DocumentKind.values()).anyMatch(k -> k.name().equals(given));
    throw new DocumentRefused(400, "Invalid document kind", "kind " + (given.length() > 40 ? "given" : "'" + given + "'")
        + " is " + (known ? "not one you attach here (" + otherwise + ")" : "unknown") + "; kinds here: "
        + allowed.stream().map(Enum::name).toList() + ".");
  }

  static DocumentKind kind(String given, Set<DocumentKind> allowed, String otherwise) {
    return kind(given, allowed.stream().sorted().toList(), otherwise);
  }

  /**
   * The document as an attachment: its detected type, its name (RFC 6266, UTF-8), never sniffed
   * or run by a browser, its SHA-256 as {@code Repr-Digest} and as the ETag.
   */
  static ResponseEntity<byte[]> download(Document document, byte[] content) {
    MediaType type = "text/plain".equals(document.mediaType())
        ? new MediaType("text", "plain", StandardCharsets.UTF_8) : MediaType.parseMediaType(document.mediaType());
    return ResponseEntity.ok()
        .contentType(type)
        .contentLength(content.length)
        .header("Content-Disposition", disposition(dev.frontierengage.documents.Documents.named(document.filename(),
            document.mediaType(), content)))
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(
            HexFormat.of().parseHex(document.sha256())) + ":")
        .eTag("\"" + document.sha256() + "\"")
        .cacheControl(CacheControl.noStore())
        .body(content);
  }

  /**
   * {@code attachment; filename="..."} in plain ASCII (what every client reads, curl's -J too;
   * other characters as "_"), and {@code filename*} in UTF-8 (RFC 6266, RFC 8187) when the name
   * has other characters. The stored name holds no quote, control character or backslash.
   */
  static String disposition(String filename) {
    StringBuilder ascii = new StringBuilder();
    filename.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
    String header = "attachment; filename=\"" + ascii + "\"";
    if (!ascii.toString().equals(filename)) {
      header += "; filename*=UTF-8''" + java.net.URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }
    return header;
  }

  static DocumentRefused notFound(String documentId) {
    return new DocumentRefused(404, "No such document", "This engagement has no document " + Problems.id(documentId)
        + " you may see.");
  }
}
