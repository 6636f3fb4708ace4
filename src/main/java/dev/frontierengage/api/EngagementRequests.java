package dev.frontierengage.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.frontierengage.policy.PartnerCategory;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The bodies the developer API accepts; unknown fields are refused. A text that is required
 * shows at least one visible character ({@link Visible}).
 */
public final class EngagementRequests {

  private EngagementRequests() {}

  /** Sec. 3(b)(i): the inquiry that opens an engagement. */
  public record Inquiry(
      @NotBlank @Visible @Size(max = 200) String modelName,
      @NotBlank @Visible @Size(max = 100) String modelVersion,
      @NotBlank @Visible @Size(max = 4_000) String description,
      @NotBlank @Email @Size(max = 254) String contactEmail,
      LocalDate plannedPartnerReleaseDate) {}

  /** The answer to intake's question. */
  public record Clarification(@NotBlank @Visible @Size(max = 4_000) String text) {}

  /** Sec. 3(b)(ii): whether, when and for how long the government may have access. */
  public record AccessOffer(
      @NotNull Boolean offerAccess,
      LocalDate plannedPartnerReleaseDate,
      LocalDate accessStart,
      @Min(-100_000) @Max(100_000) Integer accessDays) {}

  /**
   * Sec. 3(b)(ii): acceptance of the terms, acknowledging each requirement area and naming the
   * terms document accepted by its SHA-256 (required to accept; see the engagement's
   * {@code accessTermsSha256} and its TERMS document).
   */
  public record AccessTerms(@NotNull Boolean accept, @NotNull @Valid Acknowledgments acknowledgments,
      @jakarta.validation.constraints.Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lower-case hex digits")
      String termsSha256) {}

  /** The six requirement areas of Sec. 3(b)(ii). */
  public record Acknowledgments(
      @NotNull Boolean confidentiality,
      @NotNull Boolean cybersecurity,
      @NotNull Boolean insiderRisk,
      @NotNull Boolean intellectualProperty,
      @NotNull @JsonProperty("use") Boolean use,
      @NotNull Boolean nondisclosure) {}

  /** Sec. 3(b)(iii): a proposal or revision of trusted partners. */
  public record TrustedPartners(@NotNull @Size(max = 50) List<@NotNull @Valid Partner> partners) {}

  /**
   * One proposed partner. Named ProposedPartner in the OpenAPI document: the partner the API shows
   * ({@link EngagementViews.Partner}, with its id, status and reason) is the schema Partner.
   */
  @Schema(name = "ProposedPartner")
  public record Partner(
      @NotBlank @Visible @Size(max = 200) String name,
      @NotNull PartnerCategory category,
      @Visible @Size(max = 100) String sector,
      @NotBlank @Email @Size(max = 254) String contactEmail) {}

  /** The developer's report that the model went to trusted partners. */
  public record Release(@NotNull OffsetDateTime releasedAt) {}

  /** Ending access early takes no values: an empty body or {@code {}}. */
  public record EndAccessWindow() {}

  /** Why the developer withdraws. */
  public record Withdrawal(@NotBlank @Visible @Size(max = 2_000) String reason) {}
}
