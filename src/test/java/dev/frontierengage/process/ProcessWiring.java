package dev.frontierengage.process;

import dev.frontierengage.access.AccessOfferListener;
import dev.frontierengage.access.AccessTermsListener;
import dev.frontierengage.access.AccessTermsPreparedListener;
import dev.frontierengage.access.CloseAccessWindowDelegate;
import dev.frontierengage.access.EvaluationListener;
import dev.frontierengage.access.ScheduleAccessWindowDelegate;
import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.deadlines.AgencyDeadlines;
import dev.frontierengage.deadlines.EscalateOverdueTask;
import dev.frontierengage.deadlines.Notifications;
import dev.frontierengage.designation.BenchmarkResultsListener;
import dev.frontierengage.designation.CloseConsultationRoundDelegate;
import dev.frontierengage.designation.ConsultationListener;
import dev.frontierengage.designation.DesignationDecisionListener;
import dev.frontierengage.designation.SealRecommendationListener;
import dev.frontierengage.engagement.ClarificationListener;
import dev.frontierengage.engagement.EngagementIndex;
import dev.frontierengage.engagement.IndexEngagementListener;
import dev.frontierengage.engagement.InquiryCheckListener;
import dev.frontierengage.engagement.IntakeReviewListener;
import dev.frontierengage.engagement.ShareAssessmentDelegate;
import dev.frontierengage.partners.PartnerProposalListener;
import dev.frontierengage.partners.PartnerRevisionListener;
import dev.frontierengage.partners.PartnerVettingListener;
import dev.frontierengage.policy.BindPolicyListener;
import dev.frontierengage.policy.Policies;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.test.mock.Mocks;

/**
 * The beans the models name in {@code ${...}} expressions, built as Spring would build them,
 * for process tests that run the engine without Spring. The application test proves the
 * application context has a bean of every one of these names ({@code EngineApplicationIT}).
 */
public final class ProcessWiring {

  private ProcessWiring() {}

  public static Map<String, Object> beans(Policies policies) {
    Map<String, Object> beans = new LinkedHashMap<>();
    beans.put("checkInquiry", new InquiryCheckListener());
    beans.put("bindPolicy", new BindPolicyListener(policies));
    beans.put("indexEngagement", new IndexEngagementListener(INDEX));
    beans.put("intakeReviewListener", new IntakeReviewListener());
    beans.put("clarificationListener", new ClarificationListener());
    beans.put("shareAssessment", new ShareAssessmentDelegate());
    beans.put("benchmarkResultsListener", new BenchmarkResultsListener());
    beans.put("consultationListener", new ConsultationListener());
    beans.put("sealRecommendation", new SealRecommendationListener());
    beans.put("closeConsultationRound", new CloseConsultationRoundDelegate());
    beans.put("designationDecisionListener", new DesignationDecisionListener());
    beans.put("accessOfferListener", new AccessOfferListener());
    beans.put("accessTermsPreparedListener", new AccessTermsPreparedListener());
    beans.put("accessTermsListener", new AccessTermsListener());
    beans.put("scheduleAccessWindow", new ScheduleAccessWindowDelegate());
    beans.put("evaluationListener", new EvaluationListener());
    beans.put("closeAccessWindow", new CloseAccessWindowDelegate());
    beans.put("partnerProposalListener", new PartnerProposalListener());
    beans.put("partnerRevisionListener", new PartnerRevisionListener());
    beans.put("partnerVettingListener", new PartnerVettingListener());
    beans.put("agencyDeadlines", new AgencyDeadlines(policies));
    beans.put("escalateOverdueTask", new EscalateOverdueTask(new AuditLog(), NOTIFICATIONS));
    return beans;
  }

  /** What the process tests' escalations notified: group, engagement, subject. */
  public static final List<List<String>> NOTIFIED = new CopyOnWriteArrayList<>();
  private static final Notifications NOTIFICATIONS =
      (group, engagementId, taskId, subject) -> NOTIFIED.add(List.of(group, engagementId, subject));

  /** The engagements the process tests opened: process instance id, organization (no database here). */
  public static final Map<String, String> INDEXED = new ConcurrentHashMap<>();
  private static final EngagementIndex INDEX = new EngagementIndex() {
    @Override
    public void add(String processInstanceId, String organization, Instant openedAt) {
      INDEXED.put(processInstanceId, organization);
    }

    @Override
    public long count(String organization) {
      return INDEXED.values().stream().filter(organization::equals).count();
    }

    @Override
    public List<String> page(String organization, int first, int max) {
      throw new UnsupportedOperationException("the process tests do not list engagements");
    }
  };

  /** The seal key of the process tests. */
  public static final byte[] SEAL_KEY = "process-test-seal-key-0123456789".getBytes();

  public static void register(Policies policies) {
    Sealed.useKey(SEAL_KEY);
    Mocks.reset();
    NOTIFIED.clear();
    INDEXED.clear();
    beans(policies).forEach(Mocks::register);
  }
}
