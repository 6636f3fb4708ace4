package dev.frontierengage.partners;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How partners' names are told apart: as CISA reads them, not as their bytes differ. */
class PartnerNamesTest {

  @Test
  void namesThatLookTheSameAreOneName() {
    assertThat(PartnerProposals.key("Caf\u00e9 Lab")).isEqualTo(PartnerProposals.key("Cafe\u0301 Lab"));
    assertThat(PartnerProposals.key("Acme\u00a0Lab")).isEqualTo(PartnerProposals.key("Acme Lab"))
        .isEqualTo(PartnerProposals.key("  ACME   LAB ")).isEqualTo(PartnerProposals.key("Acme\u2003Lab"));
    assertThat(PartnerProposals.key("Acme\u200bLab")).isEqualTo(PartnerProposals.key("AcmeLab"))
        .isEqualTo(PartnerProposals.key("\ufeffAcme\u2060Lab"));
    assertThat(PartnerProposals.key("\uff21cme Lab")).as("full-width A").isEqualTo(PartnerProposals.key("Acme Lab"));
    // blanks as wide as a letter read as a space: a blank Braille pattern, the Hangul fillers
    assertThat(PartnerProposals.key("Acme\u2800Lab")).isEqualTo(PartnerProposals.key("Acme Lab"))
        .isEqualTo(PartnerProposals.key("Acme\u3164Lab")).isEqualTo(PartnerProposals.key("Acme\uffa0Lab"));
  }

  @Test
  void namesThatLookDifferentStayApart() {
    assertThat(PartnerProposals.key("Acme Lab")).isNotEqualTo(PartnerProposals.key("AcmeLab"));
    assertThat(PartnerProposals.key("Caf\u00e9 Lab")).isNotEqualTo(PartnerProposals.key("Cafe Lab"));
    assertThat(PartnerProposals.key("Lab 1")).isNotEqualTo(PartnerProposals.key("Lab 2"));
  }

  @Test
  void aNameOfNothingVisibleIsEmpty() {
    assertThat(PartnerProposals.key("\u200b")).isEmpty();
    assertThat(PartnerProposals.key("\u00a0\u2003\u200b\u2060\ufeff")).isEmpty();
    assertThat(PartnerProposals.key("\u3164")).as("a Hangul filler").isEmpty();
    assertThat(PartnerProposals.key("\u115f\u1160\uffa0 \u2800\ufe0f")).isEmpty();
    assertThat(PartnerProposals.key("Acme\u200bLab")).isEqualTo(PartnerProposals.key("AcmeLab"));
  }
}
