package dev.frontierengage.api;

import dev.frontierengage.api.EngagementViews.Partner;
import dev.frontierengage.api.EngagementViews.PartnerStatus;
import dev.frontierengage.partners.PartnerRecord;
import java.util.List;
import org.springframework.stereotype.Component;

/** The trusted partners of an engagement as the developer sees them (Sec. 3(b)(iii)). */
@Component
class Partners {

  private final PartnerRecord record;

  Partners(PartnerRecord record) {
    this.record = record;
  }

  List<Partner> of(String engagementId) {
    return record.all(engagementId).stream().map(p -> new Partner(p.partner().id(), p.partner().name(),
        p.partner().category(), p.partner().sector(), p.partner().contactEmail(),
        PartnerStatus.valueOf(p.status().name()), p.reason())).toList();
  }
}
