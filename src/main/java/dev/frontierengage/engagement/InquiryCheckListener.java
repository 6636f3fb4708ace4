package dev.frontierengage.engagement;

import dev.frontierengage.process.Sealed;
import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.process.Submission;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Sec. 3(b)(i): an inquiry names the organization, the model and version, describes it and
 * gives a contact; a planned partner-release date is optional. Anything else refuses the start, so no engagement
 * exists with a half inquiry, whichever client started it.
 */
@Component("checkInquiry")
public class InquiryCheckListener implements ExecutionListener {

  static final Pattern ORGANIZATION = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

  @Override
  public void notify(DelegateExecution execution) {
    Submission inquiry = Submission.of(execution, "Inquiry");
    String organization = inquiry.text(Vars.ORGANIZATION, 64);
    if (organization != null && !ORGANIZATION.matcher(organization).matches()) {
      inquiry.violation("organization must be lower-case letters, digits and hyphens");
    }
    String modelName = inquiry.text(Vars.MODEL_NAME, 200);
    String modelVersion = inquiry.text(Vars.MODEL_VERSION, 100);
    String description = inquiry.text(Vars.DESCRIPTION, Submission.MAX_TEXT);
    String contact = inquiry.email(Vars.CONTACT_EMAIL);
    LocalDate planned = inquiry.optionalDate(Vars.PLANNED_PARTNER_RELEASE_DATE);
    inquiry.requireValid();
    Sealed.set(execution, Vars.ORGANIZATION, organization);
    Sealed.set(execution, Vars.MODEL_NAME, modelName);
    Sealed.set(execution, Vars.MODEL_VERSION, modelVersion);
    Sealed.set(execution, Vars.DESCRIPTION, description);
    Sealed.set(execution, Vars.CONTACT_EMAIL, contact);
    Sealed.set(execution, Vars.PLANNED_PARTNER_RELEASE_DATE,
        planned == null ? null : Submission.startOfDay(planned));
  }
}
