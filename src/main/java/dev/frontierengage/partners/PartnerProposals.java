package dev.frontierengage.partners;

import dev.frontierengage.policy.PartnerCategory;

import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.partners.PartnerRecord.Status;
import dev.frontierengage.partners.PartnerSelectionProcess.Vars;
import dev.frontierengage.policy.Policy;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.JsonVariables;
import dev.frontierengage.process.Submission;
import dev.frontierengage.process.VisibleText;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Checks a proposal or revision of trusted partners and records it as a round of its own, each
 * new partner with its id. A partner already approved or awaiting vetting, or named twice, is
 * refused; so is a category the engagement's policy does not allow.
 */
@Component
class PartnerProposals {

  static final int MAX_PARTNERS = 50;

  private final PartnerRecord partners;
  private final EngagementRecord engagements;

  PartnerProposals(PartnerRecord partners, EngagementRecord engagements) {
    this.partners = partners;
    this.engagements = engagements;
  }

  void accept(DelegateTask task, boolean mayBeEmpty) {
    Submission submission = Submission.of(task, "Trusted partner proposal");
    List<TrustedPartner> proposed = read(task, submission);
    String id = EngagementRecord.id(task);
    if (proposed != null) {
      check(proposed, id, engagements.policy(task), submission, mayBeEmpty);
    }
    submission.requireValid();
    partners.propose(id, proposed, EngineClock.instant());
  }

  private static List<TrustedPartner> read(DelegateTask task, Submission submission) {
    try {
      return JsonVariables.readList(task.getVariable(Vars.PROPOSED_PARTNERS), TrustedPartner.class);
    } catch (IllegalArgumentException e) {
      submission.violation(Vars.PROPOSED_PARTNERS + " " + e.getMessage());
      return null;
    }
  }

  private void check(List<TrustedPartner> proposed, String id, Policy policy, Submission submission,
      boolean mayBeEmpty) {
    if (proposed.isEmpty() && !mayBeEmpty) {
      submission.violation("propose at least one trusted partner");
    }
    if (proposed.size() > MAX_PARTNERS) {
      submission.violation("at most " + MAX_PARTNERS + " partners at a time");
    }
    List<PartnerCategory> allowed = policy.partnerCategories();
    Set<String> names = new HashSet<>();
    partners.all(id).stream().filter(p -> p.status() != Status.REJECTED)
        .forEach(p -> names.add(key(p.partner().name())));
    for (int i = 0; i < proposed.size(); i++) {
      TrustedPartner partner = proposed.get(i);
      String at = "partner " + (i + 1);
      if (partner == null) {
        submission.violation(at + " is empty");
        continue;
      }
      if (blank(partner.name()) || partner.name().length() > 200 || !VisibleText.shows(partner.name())
          || key(partner.name()).isEmpty()) {
        submission.violation(at + ": name is required (at most 200 characters, at least one of them visible:"
            + " not only spaces or invisible characters such as a zero-width space or a Hangul filler)");
      } else if (partner.name().codePoints().anyMatch(Submission::breaksALine)) {
        submission.violation(at + ": name must not hold control or invisible formatting characters"
            + " (a zero-width space, a direction override)");
      } else if (!names.add(key(partner.name()))) {
        submission.violation(at + ": '" + partner.name() + "' is already proposed or approved");
      }
      if (partner.category() == null) {
        submission.violation(at + ": category is required");
      } else if (allowed != null && !allowed.contains(partner.category())) {
        submission.violation(at + ": category " + partner.category() + " is not one the policy allows "
            + allowed);
      }
      if (partner.category() == PartnerCategory.CRITICAL_INFRASTRUCTURE && blank(partner.sector())) {
        submission.violation(at + ": sector is required for critical infrastructure"
            + " (e.g. healthcare, banking, energy, water)");
      }
      if (partner.sector() != null && partner.sector().length() > 100) {
        submission.violation(at + ": sector is longer than 100 characters");
      } else if (partner.sector() != null && partner.sector().codePoints().anyMatch(Submission::breaksALine)) {
        submission.violation(at + ": sector must be one line, without control or invisible formatting characters");
      } else if (!blank(partner.sector()) && !VisibleText.shows(partner.sector())) {
        // given but showing nothing: left out (blank) is another matter, and required only for critical infrastructure
        submission.violation(at + ": sector " + VisibleText.REQUIRED);
      }
      if (blank(partner.contactEmail()) || partner.contactEmail().length() > 254
          || !Submission.emailAddress(partner.contactEmail())) {
        submission.violation(at + ": contactEmail must be an e-mail address");
      }
    }
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  /**
   * A name as CISA tells partners apart: compatibility-normalised (NFKC: a decomposed accent, a
   * full-width letter, a ligature as their plain forms), without the characters that show nothing
   * but space ({@link VisibleText#invisible}: a zero-width space or joiner, a variation selector, a
   * Hangul filler), every run of spaces of any kind (a no-break space among them) as one, in lower
   * case. "Café Lab" composed and decomposed are one name, as are "Acme\u00a0Lab", "Acme  Lab" and
   * "ACME LAB", and "Acme\u200bLab" and "AcmeLab"; a name of nothing visible is empty.
   */
  static String key(String name) {
    // a blank as wide as a letter is a space, before NFKC makes the Hangul fillers a zero-width one
    String normal = java.text.Normalizer.normalize(name.codePoints()
        .map(c -> VisibleText.drawnAsSpace(c) ? ' ' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append), java.text.Normalizer.Form.NFKC);
    StringBuilder key = new StringBuilder();
    boolean space = false;
    for (int i = 0; i < normal.length(); ) {
      int c = normal.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = key.length() > 0;
        continue;
      }
      if (VisibleText.invisible(c)) {
        continue;
      }
      if (space) {
        key.append(' ');
        space = false;
      }
      key.appendCodePoint(c);
    }
    return key.toString().toLowerCase(Locale.ROOT);
  }
}
