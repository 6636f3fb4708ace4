package dev.frontierengage.policy;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The policy versions as configured ({@code frontier-engage.policies}), read as plain values so
 * that {@link Policies} can name the policy and field of anything wrong.
 *
 * @param active the id of the policy new engagements are bound to
 * @param versions every known policy version
 */
@ConfigurationProperties("frontier-engage.policies")
public record PolicyCatalog(String active, List<Version> versions) {

  public PolicyCatalog {
    versions = versions == null ? List.of() : List.copyOf(versions);
  }

  /**
   * One policy version as written in config; see {@link Policy} for the meaning of each field.
   * {@code draft}: a text that was never in force (the May 2026 draft), kept as an example of a
   * policy change; the {@code prod} profile refuses to start with one active
   * ({@code identity/ProductionSafety}). Absent: false.
   */
  public record Version(String id, String title, String effectiveDate, Integer accessCapDays,
      List<String> consultationOffices, String consultationPeriod, String clarificationTimeout,
      String accessOfferTimeout, String termsAcceptanceTimeout, String releaseReportGrace,
      Map<String, Integer> agencyDueDays, List<String> partnerCategories, Boolean draft) {

    /** Whether this version is marked as a draft, never in force. */
    public boolean isDraft() {
      return Boolean.TRUE.equals(draft);
    }
  }

  /** The version {@link #active} names, if one does. */
  public java.util.Optional<Version> activeVersion() {
    return versions.stream().filter(v -> v.id() != null && v.id().equals(active)).findFirst();
  }
}
