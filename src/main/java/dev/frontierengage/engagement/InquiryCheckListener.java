package dev.frontierengage.engagement;

import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.engagement.EngagementRecord.Inquiry;
import dev.frontierengage.policy.Policies;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.Submission;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Sec. 3(b)(i): an inquiry names the organization, the model and version, describes it and
 * gives a contact; a planned partner-release date is optional. Anything else refuses the start,
 * so no engagement exists with a half inquiry, whichever client started it. The checked inquiry
 * goes into the {@link EngagementRecord}, bound to the active policy in the same statement (on H2
 * and PostgreSQL the policy's listener after this one then has nothing to write:
 * {@link BindPolicyListener}); the submitted variables are removed from the process, so no task
 * of any group reads them there (the developer API submits them transient,
 * {@link EngagementProcess#inquiry}, so that the engine never writes them at all).
 */
@Component("checkInquiry")
class InquiryCheckListener implements ExecutionListener {

  static final Pattern ORGANIZATION = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
  static final List<String> SUBMITTED = List.of(Vars.ORGANIZATION, Vars.MODEL_NAME, Vars.MODEL_VERSION,
      Vars.DESCRIPTION, Vars.CONTACT_EMAIL, Vars.PLANNED_PARTNER_RELEASE_DATE);

  private final EngagementRecord record;
  private final Policies policies;

  InquiryCheckListener(EngagementRecord record, Policies policies) {
    this.record = record;
    this.policies = policies;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Submission inquiry = Submission.of(execution, "Inquiry");
    String organization = inquiry.text(Vars.ORGANIZATION, 64);
    if (organization != null && !ORGANIZATION.matcher(organization).matches()) {
      inquiry.violation("organization must be lower-case letters, digits and hyphens");
    }
    String modelName = inquiry.line(Vars.MODEL_NAME, 200);
    String modelVersion = inquiry.line(Vars.MODEL_VERSION, 100);
    String description = inquiry.text(Vars.DESCRIPTION, Submission.MAX_TEXT);
    String contact = inquiry.email(Vars.CONTACT_EMAIL);
    LocalDate planned = inquiry.optionalDate(Vars.PLANNED_PARTNER_RELEASE_DATE);
    // a release planned for a day gone by is none (Sec. 3(b)(ii): access comes before it); a day
    // of slack for a developer whose calendar is behind UTC
    if (planned != null && planned.isBefore(EngineClock.today().minusDays(1))) {
      inquiry.violation("plannedPartnerReleaseDate is in the past (" + planned + "): give the date the model is"
          + " planned to go to trusted partners, or none");
    }
    String id = execution.getProcessBusinessKey();
    if (id == null || id.isBlank() || id.length() > 64) {
      inquiry.violation("the engagement id (business key) is required, at most 64 characters");
    }
    inquiry.requireValid();
    record.open(id, execution.getProcessInstanceId(),
        new Inquiry(organization, modelName, modelVersion, description, contact, planned), policies.active(),
        EngineClock.instant());
    execution.removeVariables(SUBMITTED);
  }
}
