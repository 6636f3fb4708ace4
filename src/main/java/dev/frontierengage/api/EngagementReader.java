package dev.frontierengage.api;

import dev.frontierengage.api.EngagementViews.AccessWindow;
import dev.frontierengage.api.EngagementViews.Assessment;
import dev.frontierengage.api.EngagementViews.Detail;
import dev.frontierengage.api.EngagementViews.Page;
import dev.frontierengage.api.EngagementViews.Summary;
import dev.frontierengage.api.EngagementViews.TimelineEvent;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.engagement.EngagementRecord.Engagement;
import dev.frontierengage.view.DeveloperAction;
import dev.frontierengage.view.DeveloperView;
import dev.frontierengage.view.DeveloperView.OpenAction;
import dev.frontierengage.view.DeveloperView.View;
import dev.frontierengage.view.Stage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads engagements for the developer API from their record and the developer's view of them,
 * both kept on write: only the organization's own, and of each only what is releasable (the
 * record's classified tables are never read here). One query for a page of a list.
 */
@Component
class EngagementReader {

  /** An engagement as the API sees it: its record and where it stands. */
  record Current(View view) {

    Engagement engagement() {
      return view.engagement();
    }

    List<DeveloperAction> openActions() {
      return view.actions();
    }
  }

  private final DeveloperView views;
  private final EngagementRecord record;
  private final Partners partners;

  EngagementReader(DeveloperView views, EngagementRecord record, Partners partners) {
    this.views = views;
    this.record = record;
    this.partners = partners;
  }

  /** The engagement, or 404 when it does not exist or belongs to another organization. */
  Current find(String organization, String id) {
    return new Current(views.find(id).filter(view -> organization.equals(view.engagement().organization()))
        .orElseThrow(() -> ApiRefusal.notFound(id)));
  }

  /** A page of the organization's engagements, newest first, at {@code stage} if given. */
  Page list(String organization, Stage stage, int page, int size) {
    List<Summary> items = views.page(organization, stage, page * size, size).stream()
        .map(view -> new Summary(view.engagement().id(), view.engagement().modelName(),
            view.engagement().modelVersion(), view.stage(), view.status(), view.actions(), deadlines(view),
            view.engagement().openedAt()))
        .toList();
    return new Page(items, page, size, views.count(organization, stage));
  }

  Detail detail(Current current) {
    View view = current.view();
    Engagement e = view.engagement();
    Assessment assessment = e.assessmentSharedAt() == null ? null
        : new Assessment(Boolean.TRUE.equals(e.designated()), e.assessmentSummary(), e.assessmentSharedAt());
    AccessWindow window = e.windowStart() == null || e.windowEnd() == null ? null
        : new AccessWindow(e.windowStart(), e.windowEnd(), e.windowClosedAt(), e.windowClosedBy());
    List<TimelineEvent> timeline = record.timeline(e.id()).stream()
        .map(event -> new TimelineEvent(event.at(), event.event(), event.detail())).toList();
    return new Detail(e.id(), e.organization(), e.modelName(), e.modelVersion(), e.description(),
        e.contactEmail(), e.plannedRelease(), e.policyId(), e.policy() == null ? null : e.policy().accessCapDays(),
        view.stage(), view.status(), view.actions(),
        deadlines(view), e.intakeNote(), e.termsReference(), e.termsDocumentId(), e.termsSha256(),
        e.termsAcceptedSha256(), assessment, window, e.releasedAt(), partners.of(e.id()), timeline);
  }

  /** When each open action lapses, for the actions that do. */
  private static Map<DeveloperAction, Instant> deadlines(View view) {
    Map<DeveloperAction, Instant> deadlines = new LinkedHashMap<>();
    for (OpenAction open : view.openActions()) {
      if (open.lapsesAt() != null) {
        deadlines.put(open.action(), open.lapsesAt());
      }
    }
    return deadlines;
  }
}
