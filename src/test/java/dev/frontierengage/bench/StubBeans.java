package dev.frontierengage.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Anchor (a): every bean our models name, as a stub that does nothing and answers what the
 * benchmark's lifecycle needs (accepted, designated, offered, accepted terms, one partner
 * approved; the access window open at once), so the engine walks the same path through the same
 * models without any of our code: no record, no checks, no projection, no notifications.
 */
final class StubBeans {

  private StubBeans() {}

  /** Listeners and delegates: nothing. */
  static final class NoOp implements TaskListener, ExecutionListener, JavaDelegate {
    @Override
    public void notify(DelegateTask task) {}

    @Override
    public void notify(DelegateExecution execution) {}

    @Override
    public void execute(DelegateExecution execution) {}
  }

  /** What the models ask the engagement record. */
  public static final class EngagementRecord {
    public String organization(Object scope) {
      return "acme";
    }

    public String intakeOutcome(Object scope) {
      return "ACCEPTED";
    }

    public boolean designated(Object scope) {
      return true;
    }

    public boolean offerAccess(Object scope) {
      return true;
    }

    public boolean termsAccepted(Object scope) {
      return true;
    }

    public String clarificationTimeout(Object scope) {
      return "P30D";
    }

    public String accessOfferTimeout(Object scope) {
      return "P30D";
    }

    public String termsAcceptanceTimeout(Object scope) {
      return "P30D";
    }

    public String consultationPeriod(Object scope) {
      return "P10D";
    }

    public List<String> consultationOffices(Object scope) {
      return EngineSteps.OFFICES;
    }

    public Date accessWindowStart(Object scope) {
      return new Date();
    }

    public Date accessWindowEnd(Object scope) {
      return in(Duration.ofDays(30));
    }

    /** The window opened at once and ends in 30 days (above): not ended when it opens. */
    public boolean accessWindowEnded(Object scope) {
      return false;
    }

    public Date partnerSelectionDeadline(Object scope) {
      return in(Duration.ofDays(60));
    }

    public Date releaseReportDeadline(Object scope) {
      return in(Duration.ofDays(90));
    }

    public void windowClosedBy(Object scope, String how) {}

    public void released(Object scope) {}

    public void withdrawn(Object scope) {}
  }

  /** What the models ask the assessment. */
  public static final class AssessmentRecord {
    public Integer score(Object scope, String name) {
      return 90;
    }

    /** The round ends when every office has answered, as the engine counts them. */
    public boolean everyOfficeAnswered(Object scope) {
      return false;
    }
  }

  /** What the models ask the partners: one partner, approved at the first vetting. */
  public static final class PartnerRecord {
    public boolean awaitingVetting(Object scope) {
      return false;
    }

    public boolean anyRejected(Object scope) {
      return false;
    }
  }

  /** Agency due dates: a week; the evaluation's reminder before the window's end. */
  public static final class AgencyDeadlines {
    public Date due(Object scope, String step) {
      return in(Duration.ofDays(7));
    }

    public Date vettingDue(Object scope) {
      return in(Duration.ofDays(7));
    }

    public Date consultationDue(Object scope) {
      return in(Duration.ofDays(7));
    }

    public Date evaluationReminder(Object scope) {
      return in(Duration.ofDays(27));
    }
  }

  static Map<Object, Object> ofOurModels() {
    Map<Object, Object> beans = new HashMap<>();
    NoOp noOp = new NoOp();
    for (String name : List.of("formContext", "escalateOverdueTask", "shareAssessment", "scheduleAccessWindow",
        "recordRecommendation", "partnerVettingListener", "partnerRevisionListener", "partnerProposalListener",
        "intakeReviewListener", "evaluationListener", "designationDecisionListener", "consultationListener",
        "closeConsultationRound", "closeAccessWindow", "clarificationListener", "checkInquiry", "bindPolicy",
        "benchmarkResultsListener", "accessTermsPreparedListener", "accessTermsListener", "accessOfferListener")) {
      beans.put(name, noOp);
    }
    beans.put("engagementRecord", new EngagementRecord());
    beans.put("assessmentRecord", new AssessmentRecord());
    beans.put("partnerRecord", new PartnerRecord());
    beans.put("agencyDeadlines", new AgencyDeadlines());
    return beans;
  }

  private static Date in(Duration duration) {
    return Date.from(Instant.now().plus(duration));
  }
}
