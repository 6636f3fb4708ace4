package dev.frontierengage.api;

import dev.frontierengage.documents.DocumentKind;
import dev.frontierengage.documents.DocumentRefused;
import dev.frontierengage.documents.Documents;
import dev.frontierengage.documents.Documents.Document;
import dev.frontierengage.documents.Documents.Side;
import dev.frontierengage.documents.Documents.Upload;
import dev.frontierengage.view.Stage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Documents on the organization's engagements: the developer attaches model cards, system
 * cards, evaluation reports and others, and reads those the agency releases to it (the access
 * terms). Classified documents are never listed here.
 */
@RestController
@Tag(name = "Documents", description = "Files on an engagement: model and system cards, evaluation reports, terms")
@RequestMapping(path = "/api/engagements/{id}/documents", produces = MediaType.APPLICATION_JSON_VALUE)
class DocumentController {

  /**
   * A document as the developer sees it.
   *
   * @param from who attached it: the developer or the agency
   * @param uploadedBy the developer's user who attached it (agency staff are not named)
   */
  record DocumentView(String id, DocumentKind kind, String filename, String mediaType, long size, String sha256,
      Side from, String uploadedBy, Instant uploadedAt) {

    static DocumentView of(Document d) {
      return new DocumentView(d.id(), d.kind(), d.filename(), d.mediaType(), d.size(), d.sha256(), d.side(),
          d.side() == Side.DEVELOPER ? d.uploadedBy() : null, d.uploadedAt());
    }
  }

  private final Documents documents;
  private final EngagementReader reader;

  DocumentController(Documents documents, EngagementReader reader) {
    this.documents = documents;
    this.reader = reader;
  }

  @Operation(summary = "Attach a document to the engagement (multipart/form-data: one part 'file', one field 'kind')",
      description = "The type is told by the content, never by the name: PDF, UTF-8 text, PNG or JPEG. The SHA-256 is"
          + " recorded and shown; the document is on the timeline. Kinds: MODEL_CARD, SYSTEM_CARD, EVALUATION_REPORT,"
          + " OTHER. Refused with 400 (empty, malformed, unknown kind), 409 (closed engagement, too many documents),"
          + " 413 (too large) or 415 (type); a refusal attaches nothing.")
  @ApiResponse(responseCode = "201", description = "Attached")
  @ApiResponse(responseCode = "400", description = "Empty file, unknown or agency kind, missing or extra parts",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "The engagement is closed, or holds the most documents it may",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "413", description = "Larger than the configured limit",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "415", description = "Content that is not PDF, UTF-8 text, PNG or JPEG",
      content = @Content(mediaType = "application/problem+json"))
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<DocumentView> upload(@PathVariable String id,
      @Parameter(description = "MODEL_CARD, SYSTEM_CARD, EVALUATION_REPORT or OTHER") @RequestPart("kind") String kind,
      @RequestPart("file") MultipartFile file, MultipartHttpServletRequest request, Authentication user)
      throws IOException {
    String organization = Developers.organization(user);
    EngagementReader.Current current = reader.find(organization, id);
    DocumentUploads.onlyFileAndKind(request);
    DocumentKind parsed = DocumentUploads.kind(kind, DocumentKind.ofDevelopers(),
        "the access terms are attached by access counsel; attach a signed copy as OTHER");
    if (current.view().stage() == Stage.CLOSED) {
      throw new DocumentRefused(409, "Engagement closed", "The engagement is closed; nothing more can be attached.");
    }
    Document added = documents.add(id, new Upload(parsed, file.getOriginalFilename(), file.getBytes(),
        Side.DEVELOPER, user.getName(), null));
    return ResponseEntity.created(URI.create("/api/engagements/" + id + "/documents/" + added.id()))
        .body(DocumentView.of(added));
  }

  @Operation(summary = "The engagement's documents the developer may see, oldest first")
  @GetMapping
  List<DocumentView> list(@PathVariable String id, Authentication user) {
    String terms = reader.find(Developers.organization(user), id).engagement().termsDocumentId();
    return documents.list(id, false).stream().filter(d -> releasable(d, terms)).map(DocumentView::of).toList();
  }

  @Operation(summary = "One document's details")
  @GetMapping("/{documentId}")
  DocumentView find(@PathVariable String id, @PathVariable String documentId, Authentication user) {
    return DocumentView.of(visible(id, documentId, user));
  }

  @Operation(summary = "One document's content, as an attachment with its detected type and SHA-256 (Repr-Digest)")
  @ApiResponse(responseCode = "200", description = "The bytes", content = @Content(mediaType = "application/octet-stream",
      schema = @Schema(type = "string", format = "binary")))
  @GetMapping(path = "/{documentId}/content", produces = MediaType.ALL_VALUE)
  ResponseEntity<byte[]> content(@PathVariable String id, @PathVariable String documentId, Authentication user) {
    Document document = visible(id, documentId, user);
    return DocumentUploads.download(document, documents.content(document));
  }

  private Document visible(String id, String documentId, Authentication user) {
    String terms = reader.find(Developers.organization(user), id).engagement().termsDocumentId();
    return documents.find(id, documentId).filter(d -> releasable(d, terms))
        .orElseThrow(() -> DocumentUploads.notFound(documentId));
  }

  /**
   * What the developer sees: never a classified document; of the terms, only the document
   * counsel completed the terms with (a draft attached before it stays with the agency).
   */
  private static boolean releasable(Document document, String termsDocumentId) {
    return !document.kind().classified()
        && (document.kind() != DocumentKind.TERMS || document.id().equals(termsDocumentId));
  }
}
