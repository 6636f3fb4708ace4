package dev.frontierengage.partners;

import dev.frontierengage.process.Sealed;
import dev.frontierengage.partners.PartnerSelectionProcess.Vars;
import dev.frontierengage.process.JsonVariables;
import dev.frontierengage.process.Submission;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Checks a proposal or revision of trusted partners and gives each new partner an id. A
 * partner already approved, or named twice, is refused.
 */
final class PartnerProposals {

  static final int MAX_PARTNERS = 50;
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

  private PartnerProposals() {}

  static void accept(DelegateTask task, boolean mayBeEmpty) {
    Submission submission = Submission.of(task, "Trusted partner proposal", Vars.SEALED,
        Vars.PROPOSED_PARTNERS);
    List<TrustedPartner> proposed = read(task, submission);
    if (proposed != null) {
      check(proposed, task, submission, mayBeEmpty);
    }
    submission.requireValid();

    int sequence = task.getVariable(Vars.PARTNER_SEQUENCE) instanceof Number n ? n.intValue() : 0;
    for (int i = 0; i < proposed.size(); i++) {
      proposed.set(i, proposed.get(i).withId("P" + (++sequence)));
    }
    Sealed.set(task, Vars.PARTNER_SEQUENCE, sequence);
    Sealed.set(task, Vars.PROPOSED_PARTNERS, JsonVariables.list(proposed));
    Sealed.set(task, Vars.PARTNERS_PROPOSED, !proposed.isEmpty());
    if (task.getVariable(Vars.APPROVED_PARTNERS) == null) {
      Sealed.set(task, Vars.APPROVED_PARTNERS, JsonVariables.list(List.of()));
    }
  }

  private static List<TrustedPartner> read(DelegateTask task, Submission submission) {
    try {
      return JsonVariables.readList(task.getVariable(Vars.PROPOSED_PARTNERS), TrustedPartner.class);
    } catch (IllegalArgumentException e) {
      submission.violation(Vars.PROPOSED_PARTNERS + " " + e.getMessage());
      return null;
    }
  }

  private static void check(List<TrustedPartner> proposed, DelegateTask task,
      Submission submission, boolean mayBeEmpty) {
    if (proposed.isEmpty() && !mayBeEmpty) {
      submission.violation("propose at least one trusted partner");
    }
    if (proposed.size() > MAX_PARTNERS) {
      submission.violation("at most " + MAX_PARTNERS + " partners at a time");
    }
    List<String> allowed = task.getVariable(Vars.PARTNER_CATEGORIES) == null ? null
        : JsonVariables.readList(task.getVariable(Vars.PARTNER_CATEGORIES), String.class);
    Set<String> names = new HashSet<>();
    JsonVariables.readList(task.getVariable(Vars.APPROVED_PARTNERS), TrustedPartner.class)
        .forEach(p -> names.add(key(p.name())));
    for (int i = 0; i < proposed.size(); i++) {
      TrustedPartner partner = proposed.get(i);
      String at = "partner " + (i + 1);
      if (partner == null) {
        submission.violation(at + " is empty");
        continue;
      }
      if (blank(partner.name()) || partner.name().length() > 200) {
        submission.violation(at + ": name is required (at most 200 characters)");
      } else if (!names.add(key(partner.name()))) {
        submission.violation(at + ": '" + partner.name() + "' is already proposed or approved");
      }
      if (partner.category() == null) {
        submission.violation(at + ": category is required");
      } else if (allowed != null && !allowed.contains(partner.category().name())) {
        submission.violation(at + ": category " + partner.category() + " is not one the policy allows "
            + allowed);
      }
      if (partner.category() == PartnerCategory.CRITICAL_INFRASTRUCTURE && blank(partner.sector())) {
        submission.violation(at + ": sector is required for critical infrastructure"
            + " (e.g. healthcare, banking, energy, water)");
      }
      if (partner.sector() != null && partner.sector().length() > 100) {
        submission.violation(at + ": sector is longer than 100 characters");
      }
      if (blank(partner.contactEmail()) || partner.contactEmail().length() > 254
          || !EMAIL.matcher(partner.contactEmail()).matches()) {
        submission.violation(at + ": contactEmail must be an e-mail address");
      }
    }
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }
}
