package dev.frontierengage.engagement;

import dev.frontierengage.engagement.EngagementViews.Partner;
import dev.frontierengage.engagement.EngagementViews.PartnerStatus;
import dev.frontierengage.partners.PartnerSelectionProcess;
import dev.frontierengage.partners.PartnerSelectionProcess.Elements;
import dev.frontierengage.partners.PartnerSelectionProcess.Vars;
import dev.frontierengage.partners.RejectedPartner;
import dev.frontierengage.partners.TrustedPartner;
import dev.frontierengage.process.JsonVariables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/** The trusted partners of an engagement as the developer sees them (Sec. 3(b)(iii)). */
@Component
class Partners {

  /** The wait states of the partner selection. */
  static final Set<String> SELECTION = Set.of(Elements.PROPOSE_TRUSTED_PARTNERS,
      Elements.VET_TRUSTED_PARTNERS, Elements.REVISE_TRUSTED_PARTNERS);

  private final HistoryService history;

  Partners(HistoryService history) {
    this.history = history;
  }

  List<Partner> of(String engagementId, Set<String> active) {
    HistoricProcessInstance selection = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PartnerSelectionProcess.PROCESS_ID)
        .processInstanceBusinessKey(engagementId).orderByProcessInstanceStartTime().desc()
        .listPage(0, 1).stream().findFirst().orElse(null);
    if (selection == null) {
      return List.of();
    }
    Map<String, Object> v = new HashMap<>();
    history.createHistoricVariableInstanceQuery().processInstanceId(selection.getId())
        .variableNameIn(Vars.APPROVED_PARTNERS, Vars.PROPOSED_PARTNERS, Vars.REJECTED_PARTNERS)
        .list().forEach(variable -> v.put(variable.getName(), variable.getValue()));
    List<Partner> partners = new ArrayList<>();
    for (TrustedPartner p : JsonVariables.readList(v.get(Vars.APPROVED_PARTNERS), TrustedPartner.class)) {
      partners.add(view(p, PartnerStatus.APPROVED, null));
    }
    if (active.contains(Elements.VET_TRUSTED_PARTNERS)) {
      for (TrustedPartner p : JsonVariables.readList(v.get(Vars.PROPOSED_PARTNERS), TrustedPartner.class)) {
        partners.add(view(p, PartnerStatus.PROPOSED, null));
      }
    }
    for (RejectedPartner r : JsonVariables.readList(v.get(Vars.REJECTED_PARTNERS), RejectedPartner.class)) {
      partners.add(view(r.partner(), PartnerStatus.REJECTED, r.reason()));
    }
    return partners;
  }

  private static Partner view(TrustedPartner p, PartnerStatus status, String reason) {
    return new Partner(p.id(), p.name(), p.category(), p.sector(), p.contactEmail(), status, reason);
  }
}
