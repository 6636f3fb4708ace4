package dev.frontierengage.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontierengage.policy.PolicyCatalog.Version;
import dev.frontierengage.process.ConfiguredPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;

/** Policy versions: the configured ones are valid; each kind of invalid one stops start-up. */
class PoliciesTest {

  static final Version SIGNED = ConfiguredPolicy.catalog().versions().get(0);

  @Test
  void theConfiguredPoliciesAreTheSignedOrderActiveAndTheDraftInactive() {
    Policies policies = ConfiguredPolicy.load();
    assertThat(policies.active().id()).isEqualTo("eo-14409");
    assertThat(policies.active().accessCapDays()).isEqualTo(30);
    assertThat(policies.all().get(ConfiguredPolicy.DRAFT).accessCapDays()).isEqualTo(90);
    assertThat(policies.active().effectiveDate()).hasToString("2026-06-02");
    assertThat(policies.active().agencyDueDays()).containsEntry("benchmark", 20);
  }

  @Test
  void aPolicyOnceReadCannotBeChangedByWhoeverHoldsIt() throws Exception {
    // as an engagement's record keeps it (JSON), read back: one instance is shared by every read
    // of the same policy (EngagementRecord)
    var json = new com.fasterxml.jackson.databind.ObjectMapper()
        .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
    Policy active = json.readValue(json.writeValueAsString(ConfiguredPolicy.load().active()), Policy.class);
    assertThat(active).isEqualTo(ConfiguredPolicy.load().active());
    assertThatThrownBy(() -> active.consultationOffices().add("somebody"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> active.agencyDueDays().put("benchmark", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> active.partnerCategories().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(active.agencyDueDays()).containsEntry("benchmark", 20);
  }

  static List<Arguments> invalid() {
    return List.of(
        Arguments.of(change(v -> copy(v, null, v.effectiveDate(), v.accessCapDays(), v.consultationPeriod())),
            "policy (without id): id is required"),
        Arguments.of(change(v -> copy(v, v.id(), v.effectiveDate(), null, v.consultationPeriod())),
            "policy eo-14409: access-cap-days must be a positive number"),
        Arguments.of(change(v -> copy(v, v.id(), v.effectiveDate(), 0, v.consultationPeriod())),
            "policy eo-14409: access-cap-days must be a positive number of days, was 0"),
        Arguments.of(change(v -> copy(v, v.id(), v.effectiveDate(), -5, v.consultationPeriod())),
            "access-cap-days must be a positive number of days, was -5"),
        // Sec. 3(b)(ii) as signed: "up to 30 days"; a policy in force cannot lengthen the window
        Arguments.of(change(v -> copy(v, v.id(), v.effectiveDate(), 31, v.consultationPeriod())),
            "policy eo-14409: access-cap-days 31 is longer than the 30 days of Sec. 3(b)(ii)"),
        Arguments.of(change(v -> copy(v, v.id(), v.effectiveDate(), 30, "P0D")),
            "policy eo-14409: consultation-period must be longer than zero, was P0D"),
        Arguments.of(change(v -> copy(v, v.id(), v.effectiveDate(), 30, "P-3D")),
            "policy eo-14409: consultation-period must be longer than zero, was P-3D"),
        Arguments.of(change(v -> copy(v, v.id(), v.effectiveDate(), 30, "ten days")),
            "policy eo-14409: consultation-period 'ten days' is not an ISO-8601 duration"),
        Arguments.of(change(v -> copy(v, v.id(), v.effectiveDate(), 30, "P1M")),
            "policy eo-14409: consultation-period 'P1M' is not an ISO-8601 duration such as P30D"),
        Arguments.of(change(v -> copy(v, v.id(), "June 2nd", 30, v.consultationPeriod())),
            "policy eo-14409: effective-date 'June 2nd' cannot be parsed"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalid")
  void anInvalidPolicyStopsStartUpNamingThePolicyAndField(PolicyCatalog catalog, String message) {
    assertThatThrownBy(() -> new Policies(catalog))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(message);
  }

  @Test
  void waitsAreWholeDaysInTheOrdersPoliciesAndMayBeSecondsInATestConfiguration() {
    Policies configured = ConfiguredPolicy.load();
    assertThat(Policy.iso(configured.active().consultationPeriod())).isEqualTo("P10D");
    assertThat(Policy.iso(configured.active().clarificationTimeout())).isEqualTo("P30D");
    Policy shortened = new Policies(change(v -> copy(v, v.id(), v.effectiveDate(), 30, "PT3S"))).active();
    assertThat(shortened.consultationPeriod()).hasSeconds(3);
    assertThat(Policy.iso(shortened.consultationPeriod())).isEqualTo("PT3S");
  }

  @Test
  void aPolicyMustNameTheOfficesTheDirectorConsultsEachOnce() {
    assertThatThrownBy(() -> new Policies(change(v -> offices(v, List.of()))))
        .hasMessageContaining("policy eo-14409: consultation-offices must list the offices' groups (at least one");
    assertThatThrownBy(() -> new Policies(change(v -> offices(v, List.of("cisa", "apst", "cisa")))))
        .hasMessageContaining("policy eo-14409: consultation-offices names an office twice: [cisa, apst, cisa]");
    assertThat(new Policies(change(v -> offices(v, List.of("cisa")))).active().consultationOffices())
        .containsExactly("cisa");
  }

  @Test
  void theDraftIsMarkedAsOneAndTheSignedOrderIsNot() {
    assertThat(ConfiguredPolicy.catalog().versions())
        .filteredOn(PolicyCatalog.Version::isDraft).extracting(PolicyCatalog.Version::id)
        .containsExactly(ConfiguredPolicy.DRAFT);
    assertThat(ConfiguredPolicy.catalog().activeVersion()).get().extracting(PolicyCatalog.Version::isDraft)
        .isEqualTo(false);
  }

  private static Version offices(Version v, List<String> offices) {
    return new Version(v.id(), v.title(), v.effectiveDate(), v.accessCapDays(), offices, v.consultationPeriod(),
        v.clarificationTimeout(), v.accessOfferTimeout(), v.termsAcceptanceTimeout(),
        v.releaseReportGrace(), Map.copyOf(v.agencyDueDays()), v.partnerCategories(), v.draft());
  }

  @Test
  void twoPoliciesWithOneIdAreRefused() {
    assertThatThrownBy(() -> new Policies(new PolicyCatalog("eo-14409", List.of(SIGNED, SIGNED))))
        .hasMessageContaining("policy eo-14409: id is used by two policies");
  }

  @Test
  void anActivePolicyThatIsNotConfiguredIsRefused() {
    assertThatThrownBy(() -> new Policies(new PolicyCatalog("eo-99999", List.of(SIGNED))))
        .hasMessageContaining("frontier-engage.policies.active: 'eo-99999' is none of [eo-14409]");
  }

  @Test
  void anOfficeWithoutAGroupIsRefused() {
    Policies policies = ConfiguredPolicy.load();
    assertThat(PolicyGroupsCheck.problems(policies, group -> !group.equals("apst")))
        .contains("policy eo-14409: consultation-offices: office 'apst' has no group in the identity store");
    assertThat(PolicyGroupsCheck.problems(policies, group -> true)).isEmpty();
  }

  private static PolicyCatalog change(UnaryOperator<Version> edit) {
    List<Version> versions = new ArrayList<>(ConfiguredPolicy.catalog().versions());
    versions.set(0, edit.apply(versions.get(0)));
    return new PolicyCatalog("eo-14409", versions);
  }

  private static Version copy(Version v, String id, String effectiveDate, Integer cap, String consultationPeriod) {
    return new Version(id, v.title(), effectiveDate, cap, v.consultationOffices(), consultationPeriod,
        v.clarificationTimeout(), v.accessOfferTimeout(), v.termsAcceptanceTimeout(),
        v.releaseReportGrace(), Map.copyOf(v.agencyDueDays()), v.partnerCategories(), v.draft());
  }
}
