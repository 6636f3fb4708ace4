package dev.frontierengage.api;

import dev.frontierengage.platform.Problems;
import dev.frontierengage.documents.AgencyAccess;
import dev.frontierengage.documents.AgencyAccess.Grant;
import dev.frontierengage.documents.DocumentKind;
import dev.frontierengage.documents.DocumentRefused;
import dev.frontierengage.documents.Documents;
import dev.frontierengage.documents.Documents.Document;
import dev.frontierengage.documents.Documents.Side;
import dev.frontierengage.documents.Documents.Upload;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.engagement.EngagementRecord.Engagement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Documents for agency staff, linked from their task forms in Tasklist: an office reads an
 * engagement's documents while it has an open task on it (classified ones only beside the
 * results its form shows) and attaches the kind its task is for. An engagement without such a
 * task is "not found", whether it exists or not.
 */
@RestController
@Tag(name = "Agency documents", description = "Documents of the engagements an office has an open task on")
@RequestMapping(path = "/agency/api/engagements/{id}/documents", produces = MediaType.APPLICATION_JSON_VALUE)
class AgencyDocumentController {

  /** A document as agency staff see it. */
  record AgencyDocument(String id, DocumentKind kind, boolean classified, String filename, String mediaType,
      long size, String sha256, Side from, String uploadedBy, String office, Instant uploadedAt) {

    static AgencyDocument of(Document d) {
      return new AgencyDocument(d.id(), d.kind(), d.kind().classified(), d.filename(), d.mediaType(), d.size(),
          d.sha256(), d.side(), d.uploadedBy(), d.office(), d.uploadedAt());
    }
  }

  /** The engagement's documents the office may read, and the kinds it may attach now. */
  record Listing(String engagementId, String organization, String modelName, String modelVersion, String office,
      List<AgencyDocument> documents, List<DocumentKind> uploadableKinds) {}

  private final Documents documents;
  private final AgencyAccess access;
  private final EngagementRecord engagements;

  AgencyDocumentController(Documents documents, AgencyAccess access, EngagementRecord engagements) {
    this.documents = documents;
    this.access = access;
    this.engagements = engagements;
  }

  @Operation(summary = "The engagement's documents this office may read, and the kinds it may attach now")
  @ApiResponse(responseCode = "404", description = "No open task of yours on this engagement",
      content = @Content(mediaType = "application/problem+json"))
  @GetMapping
  Listing list(@PathVariable String id, Authentication user) {
    Grant grant = grant(id, user);
    Engagement e = engagements.find(id).orElseThrow(() -> notFound(id));
    return new Listing(id, e.organization(), e.modelName(), e.modelVersion(), grant.office(),
        documents.list(id, !grant.classified().isEmpty()).stream().filter(d -> grant.reads(d.kind()))
            .map(AgencyDocument::of).toList(),
        grant.uploads().keySet().stream().sorted().toList());
  }

  @Operation(summary = "Attach the document the office's open task is for (multipart/form-data: 'file' and 'kind';"
      + " header X-Requested-With: XMLHttpRequest)",
      description = "TERMS by access counsel while it prepares the terms (the developer then accepts that document,"
          + " by its SHA-256), BENCHMARK_REPORT by the benchmark office, FINDINGS by the evaluation office. The same"
          + " checks as the developer's uploads (400, 413, 415, 409).")
  @ApiResponse(responseCode = "201", description = "Attached")
  @ApiResponse(responseCode = "403", description = "Not a kind the office's open task attaches",
      content = @Content(mediaType = "application/problem+json"))
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<AgencyDocument> upload(@PathVariable String id, @RequestPart("kind") String kind,
      @RequestPart("file") MultipartFile file, MultipartHttpServletRequest request, Authentication user)
      throws IOException {
    Grant grant = grant(id, user);
    DocumentUploads.onlyFileAndKind(request);
    if (grant.uploads().isEmpty()) {
      throw new DocumentRefused(403, "Nothing to attach", "Your office's open task on this engagement attaches no"
          + " document; it may read them.");
    }
    DocumentKind parsed = DocumentUploads.kind(kind, grant.uploads().keySet(), "your office's open task attaches "
        + grant.uploads().keySet().stream().sorted().toList());
    Document added = documents.add(id, new Upload(parsed, file.getOriginalFilename(), file.getBytes(),
        Side.AGENCY, user.getName(), grant.uploads().get(parsed)));
    return ResponseEntity.created(URI.create("/agency/api/engagements/" + id + "/documents/" + added.id()))
        .body(AgencyDocument.of(added));
  }

  @Operation(summary = "One document's content, as an attachment (the office must still have an open task)")
  @ApiResponse(responseCode = "200", description = "The bytes", content = @Content(mediaType = "application/octet-stream",
      schema = @Schema(type = "string", format = "binary")))
  @GetMapping(path = "/{documentId}/content", produces = MediaType.ALL_VALUE)
  ResponseEntity<byte[]> content(@PathVariable String id, @PathVariable String documentId, Authentication user) {
    Grant grant = grant(id, user);
    Document document = documents.find(id, documentId).filter(d -> grant.reads(d.kind()))
        .orElseThrow(() -> DocumentUploads.notFound(documentId));
    return DocumentUploads.download(document, documents.content(document));
  }

  private Grant grant(String id, Authentication user) {
    Set<String> groups = new java.util.HashSet<>(user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .toList());
    Grant grant = access.grant(id, groups);
    if (!grant.read()) {
      throw notFound(id);
    }
    return grant;
  }

  private static DocumentRefused notFound(String id) {
    return new DocumentRefused(404, "No such engagement", "Your office has no open task on an engagement " + Problems.id(id) + ".");
  }
}
