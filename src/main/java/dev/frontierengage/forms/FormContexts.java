package dev.frontierengage.forms;

import dev.frontierengage.designation.AssessmentRecord;
import dev.frontierengage.designation.AssessmentRecord.Assessment;
import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.engagement.EngagementRecord.Engagement;
import dev.frontierengage.designation.Recommendation;
import dev.frontierengage.partners.PartnerRecord;
import dev.frontierengage.partners.PartnerSelectionProcess;
import dev.frontierengage.partners.TrustedPartner;
import dev.frontierengage.process.JsonVariables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * What an agency task's form shows besides what the reviewer enters, from the record: exactly
 * the read-only fields of its form ({@link #SHOWN}; {@code FormsTest} holds the two together).
 * {@link FormContextReads} serves them whenever the task's form variables are asked for.
 */
@Component
public class FormContexts {

  /** The engagement's id: every form shows it and links the engagement's documents by it. */
  public static final String ENGAGEMENT_ID = "engagementId";

  /** The engagement and its model as every form names them. */
  static final List<String> MODEL = List.of(ENGAGEMENT_ID, EngagementProcess.Vars.ORGANIZATION,
      EngagementProcess.Vars.MODEL_NAME, EngagementProcess.Vars.MODEL_VERSION);

  /** Task → the record's values its form shows (besides the model, which every form shows). */
  static final Map<String, List<String>> SHOWN = Map.of(
      EngagementProcess.Elements.REVIEW_INTAKE, List.of(EngagementProcess.Vars.DESCRIPTION,
          EngagementProcess.Vars.CONTACT_EMAIL, EngagementProcess.Vars.PLANNED_PARTNER_RELEASE_DATE,
          EngagementProcess.Vars.PREVIOUS_QUESTION, EngagementProcess.Vars.CLARIFICATION_ANSWER),
      DesignationProcess.Elements.RECORD_BENCHMARK_RESULTS, List.of(),
      DesignationProcess.Elements.PROVIDE_CONSULTATION, List.of(DesignationProcess.Vars.OFFICE_NAME,
          EngagementProcess.Vars.DESCRIPTION, DesignationProcess.Vars.RECOMMENDATION,
          DesignationProcess.Vars.CONSULTATION_CLOSES),
      DesignationProcess.Elements.DECIDE_DESIGNATION, List.of(DesignationProcess.Vars.RECOMMENDATION,
          DesignationProcess.Vars.BENCHMARK_SUITE_VERSION, DesignationProcess.Vars.SCORE_VULNERABILITY_DISCOVERY,
          DesignationProcess.Vars.SCORE_EXPLOIT_DEVELOPMENT, DesignationProcess.Vars.SCORE_NETWORK_OPERATIONS,
          DesignationProcess.Vars.SCORE_CRITICAL_INFRASTRUCTURE, DesignationProcess.Vars.SCORE_AUTONOMOUS_OPERATIONS,
          DesignationProcess.Vars.CONSULTATIONS),
      EngagementProcess.Elements.PREPARE_ACCESS_TERMS, List.of(EngagementProcess.Vars.ACCESS_START,
          EngagementProcess.Vars.ACCESS_DAYS, EngagementProcess.Vars.ACCESS_CAP_DAYS,
          EngagementProcess.Vars.PLANNED_PARTNER_RELEASE_DATE),
      EngagementProcess.Elements.EVALUATE_MODEL, List.of(EngagementProcess.Vars.ACCESS_WINDOW_START,
          EngagementProcess.Vars.ACCESS_WINDOW_END),
      PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS, List.of(PartnerSelectionProcess.Vars.PARTNER_NAME,
          PartnerSelectionProcess.Vars.PARTNER_CATEGORY, PartnerSelectionProcess.Vars.PARTNER_SECTOR,
          PartnerSelectionProcess.Vars.PARTNER_CONTACT, PartnerSelectionProcess.Vars.PARTNERS_AWAITING));

  /** The offices Sec. 3(a) names, as a consultation form names them; any other by its group id. */
  static final Map<String, String> OFFICE_TITLES = Map.of(
      "national-cyber-director", "National Cyber Director",
      "apst", "Assistant to the President for Science and Technology (APST)",
      "cisa", "Director of CISA",
      "dow", "Department of War");

  /** How the forms show a moment: "2026-12-11 10:00 UTC". */
  static final java.time.format.DateTimeFormatter MOMENT =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

  /**
   * The task a form is for, as far as its context depends on it: the office a consultation asks
   * (null for other tasks) and when the task was created (a consultation round closes the
   * policy's period after).
   */
  public record TaskFacts(String office, java.time.Instant created) {}

  /** A consultation as the decision form's table shows it. */
  record Row(String office, String position, String comment) {}

  private final EngagementRecord engagements;
  private final AssessmentRecord assessments;
  private final PartnerRecord partners;

  FormContexts(EngagementRecord engagements, AssessmentRecord assessments, PartnerRecord partners) {
    this.engagements = engagements;
    this.assessments = assessments;
    this.partners = partners;
  }

  /**
   * What the form of {@code taskKey} shows of engagement {@code id}, by field key; null for a
   * task without a form (the developer's tasks).
   */
  public Map<String, Object> values(String taskKey, String id, TaskFacts task) {
    List<String> shown = SHOWN.get(taskKey);
    if (shown == null) {
      return null;
    }
    boolean showsAssessment = shown.stream().anyMatch(DesignationProcess.Vars.SCORES::contains)
        || shown.contains(DesignationProcess.Vars.RECOMMENDATION);
    if (showsAssessment) {
      assessments.readWithEngagement(id); // both in one statement
    }
    Engagement engagement = engagements.find(id).orElseThrow(
        () -> new IllegalStateException("engagement " + id + " has no record"));
    Assessment assessment = showsAssessment ? assessments.find(id).orElseThrow(
            () -> new IllegalStateException("engagement " + id + " has no assessment")) : null;
    TrustedPartner partner = shown.contains(PartnerSelectionProcess.Vars.PARTNER_NAME)
        ? partners.nextAwaiting(id).orElseThrow(() -> new IllegalStateException("engagement " + id
            + " has no partner awaiting vetting")) : null;
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : MODEL) {
      values.put(name, value(name, engagement, assessment, partner, task));
    }
    for (String name : shown) {
      values.put(name, value(name, engagement, assessment, partner, task));
    }
    return values;
  }

  private Object value(String name, Engagement e, Assessment a, TrustedPartner p, TaskFacts task) {
    return switch (name) {
      case ENGAGEMENT_ID -> e.id();
      case EngagementProcess.Vars.ORGANIZATION -> e.organization();
      case EngagementProcess.Vars.MODEL_NAME -> e.modelName();
      case EngagementProcess.Vars.MODEL_VERSION -> e.modelVersion();
      case EngagementProcess.Vars.DESCRIPTION -> e.description();
      case EngagementProcess.Vars.CONTACT_EMAIL -> e.contactEmail();
      case EngagementProcess.Vars.PLANNED_PARTNER_RELEASE_DATE -> text(e.plannedRelease());
      // the record keeps the last round's question and answer; the first review has neither
      case EngagementProcess.Vars.PREVIOUS_QUESTION -> e.clarificationText() == null ? null : e.intakeNote();
      case EngagementProcess.Vars.CLARIFICATION_ANSWER -> e.clarificationText();
      case EngagementProcess.Vars.ACCESS_START -> text(e.accessStart());
      // read-only numbers as text: a number field would offer a spinner that changes nothing
      case EngagementProcess.Vars.ACCESS_DAYS -> text(e.accessDays());
      case EngagementProcess.Vars.ACCESS_CAP_DAYS -> text(e.policy().accessCapDays());
      case EngagementProcess.Vars.ACCESS_WINDOW_START -> text(e.windowStart());
      case EngagementProcess.Vars.ACCESS_WINDOW_END -> text(e.windowEnd());
      case DesignationProcess.Vars.RECOMMENDATION -> Recommendation.valueOf(a.recommendation()).title();
      case DesignationProcess.Vars.OFFICE_NAME -> OFFICE_TITLES.getOrDefault(task.office(), task.office());
      case DesignationProcess.Vars.CONSULTATION_CLOSES -> MOMENT.format(task.created().plus(
          e.policy().consultationPeriod()));
      case PartnerSelectionProcess.Vars.PARTNER_NAME -> p.name();
      case PartnerSelectionProcess.Vars.PARTNER_CATEGORY -> p.category().title();
      case PartnerSelectionProcess.Vars.PARTNER_SECTOR -> p.sector() == null ? "(none given)" : p.sector();
      case PartnerSelectionProcess.Vars.PARTNER_CONTACT -> p.contactEmail();
      case PartnerSelectionProcess.Vars.PARTNERS_AWAITING -> text(partners.withStatus(e.id(),
          PartnerRecord.Status.PROPOSED).size());
      case DesignationProcess.Vars.BENCHMARK_SUITE_VERSION -> a.suiteVersion();
      case DesignationProcess.Vars.CONSULTATIONS -> JsonVariables.list(assessments.consultations(e.id()).stream()
          .map(c -> new Row(OFFICE_TITLES.getOrDefault(c.office(), c.office()), c.position().title(),
              Objects.toString(c.comment(), ""))).toList());
      default -> {
        if (DesignationProcess.Vars.SCORES.contains(name)) {
          yield text(a.scores().get(name));
        }
        throw new IllegalStateException("the record holds no form value " + name);
      }
    };
  }

  private static String text(Object dateOrInstant) {
    return dateOrInstant == null ? null : dateOrInstant.toString();
  }

  /**
   * A task's name in the queue, after the engagement's model (and the partner, for a vetting
   * task): "Review intake: Roadrunner 4.1 (acme)", "Vet trusted partner CISA Lab: Roadrunner 4.1 (acme)";
   * null for a task without a form. {@code title}: the task's name in the model. Reads the record
   * and, for a vetting task, the partner only.
   */
  public String taskName(String taskKey, String title, String id) {
    if (!SHOWN.containsKey(taskKey)) {
      return null;
    }
    Engagement e = engagements.find(id).orElseThrow(
        () -> new IllegalStateException("engagement " + id + " has no record"));
    String partner = PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS.equals(taskKey)
        ? " " + partners.nextAwaiting(id).orElseThrow(() -> new IllegalStateException("engagement " + id
            + " has no partner awaiting vetting")).name() : "";
    return title + partner + ": " + e.modelName() + " " + e.modelVersion() + " (" + e.organization() + ")";
  }

  /** Every name the form of {@code taskKey} shows from the record (the model first). */
  public static List<String> shown(String taskKey) {
    List<String> all = new java.util.ArrayList<>(MODEL);
    all.addAll(SHOWN.getOrDefault(taskKey, List.of()));
    return all;
  }
}
