package dev.frontierengage.engagement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.frontierengage.policy.Policy;
import dev.frontierengage.process.EngineClock;
import dev.frontierengage.process.ReadOnce;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The engagement's own record ({@code fe_engagement}): the inquiry, the policy it is bound to
 * and every fact a later step trusts or the developer may see. Written only by the engine's
 * listeners and delegates, in the engine's transaction; never from what a task completion
 * sends, so no submission can change a fact. Gateways, timers and forms read it through this
 * bean ({@code ${engagementRecord...}}); the developer API reads it to answer.
 */
@Component("engagementRecord")
public class EngagementRecord {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EngagementRecord.class);

  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

  /** One engagement as recorded. */
  public record Engagement(String id, String processInstanceId, String organization, Instant openedAt,
      String modelName, String modelVersion, String description, String contactEmail,
      LocalDate plannedRelease, String policyId, Policy policy, String intakeOutcome,
      String intakeNote, String clarificationText, Boolean designated, String assessmentSummary,
      Instant assessmentSharedAt, Boolean offerAccess, LocalDate accessStart, Integer accessDays,
      String termsReference, Boolean termsAccepted, String termsDocumentId, String termsSha256,
      String termsAcceptedSha256, Instant windowStart, Instant windowEnd,
      Instant windowClosedAt, String windowClosedBy, Instant selectionDeadline,
      Instant releaseReportDeadline, Instant releasedAt, String withdrawnBy, String withdrawalReason) {}

  /** What the developer submitted to open it, once checked. */
  public record Inquiry(String organization, String modelName, String modelVersion,
      String description, String contactEmail, LocalDate plannedRelease) {}

  private final JdbcTemplate jdbc;
  /** How an insert or update returns the row it wrote, on this database (read at the first write). */
  private volatile Returning returning;

  public EngagementRecord(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** An update that returns the row as it wrote it, in the database's own syntax. */
  private enum Returning {
    H2 {
      @Override
      String of(String update) {
        return "SELECT * FROM FINAL TABLE (" + update + ")";
      }
    },
    POSTGRESQL {
      @Override
      String of(String update) {
        return update + " RETURNING *";
      }
    },
    /** Another database: the update returns nothing, and the row is read again when asked for. */
    NONE {
      @Override
      String of(String update) {
        return null;
      }
    };

    abstract String of(String update);
  }

  private Returning returning() {
    Returning known = returning;
    if (known == null) {
      String product = jdbc.execute((Connection connection) -> connection.getMetaData().getDatabaseProductName());
      known = "H2".equals(product) ? Returning.H2 : "PostgreSQL".equals(product) ? Returning.POSTGRESQL : Returning.NONE;
      returning = known;
    }
    return known;
  }

  /** Records a new engagement (started by any client) with its checked inquiry, bound to no policy yet. */
  public void open(String id, String processInstanceId, Inquiry inquiry, Instant openedAt) {
    open(id, processInstanceId, inquiry, null, openedAt);
  }

  /**
   * Records a new engagement with its checked inquiry, bound to {@code policy} (null: to none
   * yet) in the same statement, and keeps the row as written for the rest of the transaction, as
   * an update does ({@link #written}): the transaction that inserted the row holds it until it
   * ends, so the policy's listener after it ({@link #bindPolicy}) and the developer view's lock
   * before commit read nothing more.
   */
  public void open(String id, String processInstanceId, Inquiry inquiry, Policy policy, Instant openedAt) {
    forget(id);
    String insert = "INSERT INTO fe_engagement (process_instance_id, organization, opened_at, engagement_id,"
        + " model_name, model_version, description, contact_email, planned_release, policy_id, policy)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    Object[] arguments = {processInstanceId, inquiry.organization(), Timestamp.from(openedAt), id,
        inquiry.modelName(), inquiry.modelVersion(), inquiry.description(), inquiry.contactEmail(),
        inquiry.plannedRelease(), policy == null ? null : policy.id(), policy == null ? null : json(policy)};
    String returningRow = returning().of(insert);
    if (returningRow == null) {
      jdbc.update(insert, arguments);
      return;
    }
    keep(id, jdbc.query(returningRow, EngagementRecord::writtenRow, arguments));
  }

  /**
   * Binds the engagement to {@code policy}: nothing is written when the row this transaction
   * knows is bound to it already (the engagement was opened bound to it, {@link #open}, on H2 and
   * PostgreSQL: on another database the insert returns no row to know).
   */
  public void bindPolicy(String id, Policy policy) {
    if (known(id).filter(engagement -> policy.equals(engagement.policy())).isPresent()) {
      return;
    }
    update(id, "policy_id = ?, policy = ?", policy.id(), json(policy));
  }

  private static String json(Policy policy) {
    try {
      return JSON.writeValueAsString(policy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("policy " + policy.id() + " cannot be recorded", e);
    }
  }

  public void intakeReviewed(String id, String outcome, String note) {
    update(id, "intake_outcome = ?, intake_note = ?", outcome, note);
  }

  public void clarified(String id, String text) {
    update(id, "clarification_text = ?", text);
  }

  /** Sec. 3(a) sharing: the designation and the releasable summary, and when they were shared. */
  public void assessmentShared(String id, boolean designated, String summary, Instant at) {
    update(id, "designated = ?, assessment_summary = ?, assessment_shared_at = ?", designated, summary,
        Timestamp.from(at));
  }

  public void accessDeclined(String id) {
    update(id, "offer_access = ?", false);
  }

  public void accessOffered(String id, LocalDate plannedRelease, LocalDate start, int days) {
    update(id, "offer_access = ?, planned_release = ?, access_start = ?, access_days = ?", true,
        plannedRelease, start, days);
  }

  /** Access counsel's terms: the reference it gives and the document (with its SHA-256) it attached. */
  public void termsPrepared(String id, String reference, String documentId, String sha256) {
    update(id, "terms_reference = ?, terms_document_id = ?, terms_sha256 = ?", reference, documentId, sha256);
  }

  /** The developer's answer; when accepted, the SHA-256 of the terms document accepted. */
  public void termsAnswered(String id, boolean accepted, String acceptedSha256) {
    update(id, "terms_accepted = ?, terms_accepted_sha256 = ?", accepted, accepted ? acceptedSha256 : null);
  }

  public void windowScheduled(String id, Instant start, Instant end, Instant selectionDeadline,
      Instant releaseReportDeadline) {
    update(id, "window_start = ?, window_end = ?, selection_deadline = ?, release_report_deadline = ?",
        Timestamp.from(start), Timestamp.from(end), Timestamp.from(selectionDeadline),
        Timestamp.from(releaseReportDeadline));
  }

  /**
   * When government access ended, unless this transaction wrote it already: the flow that closed
   * the window wrote it with how it closed ({@link #windowClosedBy}), which every flow to the
   * window's closing does in the current models. A time written by an earlier transaction does
   * not count (the window's closing run again by hand writes its own).
   */
  public void windowClosed(String id, Instant at) {
    if (written(id).map(row -> row.engagement().windowClosedAt()).isPresent()) {
      return;
    }
    update(id, "window_closed_at = ?", Timestamp.from(at));
  }

  /** At the release end event: the moment the developer's report names. */
  public void released(DelegateExecution execution) {
    Object at = execution.getVariable(EngagementProcess.Vars.RELEASED_AT);
    update(execution.getProcessBusinessKey(), "released_at = ?",
        at instanceof Date date ? new Timestamp(date.getTime()) : null);
  }

  /**
   * At the withdrawal end event: who withdrew and why, as the developer's message said; and a
   * scheduled access window that had not closed closes with it (withdrawing ends government
   * access: {@code WITHDRAWN}), now, or at its start if it had not begun (it never opened). A
   * window whose end had passed (its timer not yet run) expired then: {@code EXPIRED} at its end.
   */
  public void withdrawn(DelegateExecution execution) {
    Timestamp now = Timestamp.from(EngineClock.instant());
    update(execution.getProcessBusinessKey(), "withdrawn_by = ?, withdrawal_reason = ?,"
        + " window_closed_by = CASE WHEN window_start IS NULL OR window_closed_at IS NOT NULL THEN window_closed_by"
        + " WHEN window_end <= ? THEN '" + WINDOW_EXPIRED + "' ELSE '" + WINDOW_WITHDRAWN + "' END,"
        + " window_closed_at = CASE WHEN window_start IS NULL OR window_closed_at IS NOT NULL THEN window_closed_at"
        + " WHEN window_start > ? THEN window_start WHEN window_end <= ? THEN window_end ELSE ? END",
        execution.getVariable(EngagementProcess.Vars.WITHDRAWN_BY),
        execution.getVariable(EngagementProcess.Vars.WITHDRAWAL_REASON), now, now, now, now);
  }

  /** How a window closed that the engagement's withdrawal closed ({@link #withdrawn}). */
  public static final String WINDOW_WITHDRAWN = "WITHDRAWN";

  /** How a window closed whose end was reached, whatever closed it after that ({@link #windowClosedBy}). */
  public static final String WINDOW_EXPIRED = "EXPIRED";

  /** A milestone or outcome on the developer's timeline. */
  public record Event(Instant at, String event, String detail) {}

  /**
   * Adds a milestone or outcome to the engagement's timeline (what the developer API shows). In a
   * transaction, the events it adds are written together just before it commits, in the order
   * they were added, in as few statements as {@link #EVENTS_PER_STATEMENT} allows (a step that
   * completes a task and starts the next adds two or three); a rolled back transaction adds none.
   * Events are added while the transaction runs (the engine's listeners and delegates), not from
   * another synchronization's {@code beforeCommit}: one added there is written only if the
   * transaction had added one before (else it is logged as lost).
   */
  public void event(String id, Instant at, String event, String detail) {
    // clipped here, not refused at commit, where the failure would no longer name the step
    Event added = new Event(at, event, detail == null || detail.length() <= MAX_DETAIL ? detail
        : detail.substring(0, MAX_DETAIL - 1) + "…");
    PendingEvents pending = pendingEvents();
    if (pending == null || pending.written) {
      insertEvents(List.of(Map.entry(id, added))); // no transaction to wait for, or it is committing
    } else {
      pending.events.add(Map.entry(id, added));
    }
  }

  /** The longest detail of a timeline event ({@code fe_timeline.detail}). */
  static final int MAX_DETAIL = 2000;

  /** The timeline's events one statement writes at most (each count of rows is a statement text of its own). */
  static final int EVENTS_PER_STATEMENT = 8;

  /** The engagement's timeline, in the order it happened (with what this transaction added). */
  public List<Event> timeline(String id) {
    if (TransactionSynchronizationManager.getResource(PENDING_EVENTS) instanceof PendingEvents pending) {
      pending.write(this); // what this transaction added, before it is read back
    }
    return jdbc.query("SELECT happened_at, event, detail FROM fe_timeline WHERE engagement_id = ? ORDER BY id",
        (rs, row) -> new Event(rs.getTimestamp("happened_at").toInstant(), rs.getString("event"), rs.getString("detail")), id);
  }

  /** Writes {@code events} (engagement and event) in their order: the timeline's ids keep it. */
  private void insertEvents(List<Map.Entry<String, Event>> events) {
    for (int from = 0; from < events.size(); from += EVENTS_PER_STATEMENT) {
      List<Map.Entry<String, Event>> chunk = events.subList(from,
          Math.min(events.size(), from + EVENTS_PER_STATEMENT));
      List<Object> arguments = new ArrayList<>(chunk.size() * 4);
      jdbc.update(insertEvents(chunk, arguments), arguments.toArray());
    }
  }

  /** The insert of {@code events} (at most {@link #EVENTS_PER_STATEMENT}), its arguments added to {@code arguments}. */
  private static String insertEvents(List<Map.Entry<String, Event>> events, List<Object> arguments) {
    for (Map.Entry<String, Event> entry : events) {
      arguments.add(entry.getKey());
      arguments.add(Timestamp.from(entry.getValue().at()));
      arguments.add(entry.getValue().event());
      arguments.add(entry.getValue().detail());
    }
    return "INSERT INTO fe_timeline (engagement_id, happened_at, event, detail) VALUES "
        + String.join(", ", Collections.nCopies(events.size(), "(?, ?, ?, ?)"));
  }

  /**
   * The order of the synchronization that writes a transaction's timeline events as it commits:
   * the last. One that writes the developer view before commit runs before it (a lower order)
   * and so finds the engagement's events still to write ({@link #writeView}).
   */
  public static final int TIMELINE_WRITE_ORDER = Ordered.LOWEST_PRECEDENCE;

  /**
   * Writes the developer view's columns of the engagement's row ({@code view.DeveloperView}'s:
   * stage, status, open actions as JSON, when they changed). On PostgreSQL the timeline events
   * this transaction added for the engagement and has not written yet (up to
   * {@link #EVENTS_PER_STATEMENT}) are written in the same statement, in their order, instead of
   * in one of their own as the transaction commits: a data-modifying {@code WITH}, which
   * PostgreSQL runs once and to the end whatever the update does. H2 has no such statement: there
   * they are written as the transaction commits, as ever.
   */
  public void writeView(String id, String stage, String status, String openActions, Instant changedAt) {
    viewWritten(id);
    List<Object> arguments = new ArrayList<>();
    String update = "UPDATE fe_engagement SET stage = ?, status = ?, open_actions = ?, changed_at = ?"
        + " WHERE engagement_id = ?";
    List<Map.Entry<String, Event>> events = returning() == Returning.POSTGRESQL ? takeEvents(id) : List.of();
    if (!events.isEmpty()) {
      update = "WITH timeline AS (" + insertEvents(events, arguments) + ") " + update;
    }
    arguments.addAll(java.util.Arrays.asList(stage, status, openActions, Timestamp.from(changedAt), id));
    jdbc.update(update, arguments.toArray());
  }

  /**
   * The events this transaction added for the engagement and has not written yet, taken from
   * those it will write as it commits: none when they are more than one statement holds
   * ({@link #EVENTS_PER_STATEMENT}).
   */
  private static List<Map.Entry<String, Event>> takeEvents(String id) {
    if (!(TransactionSynchronizationManager.getResource(PENDING_EVENTS) instanceof PendingEvents pending)
        || pending.written) {
      return List.of();
    }
    List<Map.Entry<String, Event>> taken = pending.events.stream().filter(entry -> entry.getKey().equals(id))
        .toList();
    if (taken.size() > EVENTS_PER_STATEMENT) {
      return List.of();
    }
    pending.events.removeIf(entry -> entry.getKey().equals(id));
    return taken;
  }

  /** The events the current transaction added and has not written yet (its resource; held while it runs). */
  private static final class PendingEvents {
    final List<Map.Entry<String, Event>> events = new ArrayList<>();
    /** Whether the transaction wrote them as it committed: an event added after that is written at once. */
    boolean written;

    void write(EngagementRecord record) {
      if (!events.isEmpty()) {
        record.insertEvents(events);
        events.clear(); // once written: what failed to be stays for the transaction to fail with
      }
    }

    @Override
    public String toString() {
      return "timeline events not written yet";
    }
  }

  /** The key of the current transaction's {@link PendingEvents}. */
  private static final Object PENDING_EVENTS = new Object();

  /** The current transaction's events not written yet; null outside a transaction. */
  private PendingEvents pendingEvents() {
    if (!TransactionSynchronizationManager.isActualTransactionActive()
        || !TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    PendingEvents pending = (PendingEvents) TransactionSynchronizationManager.getResource(PENDING_EVENTS);
    if (pending == null) {
      PendingEvents bound = new PendingEvents();
      TransactionSynchronizationManager.bindResource(PENDING_EVENTS, bound);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void suspend() {
          TransactionSynchronizationManager.unbindResource(PENDING_EVENTS); // a transaction of its own runs inside
        }

        @Override
        public void resume() {
          TransactionSynchronizationManager.bindResource(PENDING_EVENTS, bound);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
          bound.write(EngagementRecord.this);
          bound.written = true;
        }

        @Override
        public int getOrder() {
          return TIMELINE_WRITE_ORDER;
        }

        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(PENDING_EVENTS);
          if (status == STATUS_COMMITTED && !bound.events.isEmpty()) {
            // added by another synchronization as the transaction committed, after this one had
            // been passed over: a mistake of that code, said rather than lost in silence
            LOG.error("{} timeline events were added while their transaction committed and were not written: {}",
                bound.events.size(), bound.events);
          }
        }
      });
      pending = bound;
    }
    return pending;
  }

  /** The records read in the current transaction. */
  private static final ReadOnce<Engagement> READ = new ReadOnce<>("engagement records");

  /**
   * The engagement as recorded, read once per transaction ({@link ReadOnce}): every write
   * through this bean and every lock of the row ({@link #forget}) drops the copy.
   */
  public Optional<Engagement> find(String id) {
    return READ.get(id, key -> jdbc.query("SELECT * FROM fe_engagement WHERE engagement_id = ?",
        EngagementRecord::engagement, key).stream().findFirst());
  }

  /**
   * Drops the copy of the engagement this transaction read, if any: to be called by whoever
   * writes its row other than through this bean, and when its row is locked (what another
   * transaction committed before the lock must be read).
   */
  public static void forget(String id) {
    READ.forget(id);
    WRITTEN.forget(id);
  }

  /** The engagement as this transaction read it, if it did (nothing is read here). */
  public static Optional<Engagement> known(String id) {
    return READ.get(id, key -> Optional.empty());
  }

  /** The engagement as whoever just read its row (under a lock, say) read it, for the rest of the transaction. */
  public static void remember(Engagement engagement) {
    READ.put(engagement.id(), engagement);
  }

  /** The engagement of a running process (or of the call activity's process it called). */
  public Engagement of(VariableScope scope) {
    String id = id(scope);
    return find(id).orElseThrow(() -> new IllegalStateException("engagement " + id + " has no record"));
  }

  // what the models read, by name: ${engagementRecord.organization(execution)} and so on

  public String organization(VariableScope scope) {
    return of(scope).organization();
  }

  public String intakeOutcome(VariableScope scope) {
    return of(scope).intakeOutcome();
  }

  public boolean designated(VariableScope scope) {
    return Boolean.TRUE.equals(of(scope).designated());
  }

  public boolean offerAccess(VariableScope scope) {
    return Boolean.TRUE.equals(of(scope).offerAccess());
  }

  public boolean termsAccepted(VariableScope scope) {
    return Boolean.TRUE.equals(of(scope).termsAccepted());
  }

  public Policy policy(VariableScope scope) {
    return of(scope).policy();
  }

  public String clarificationTimeout(VariableScope scope) {
    return Policy.iso(policy(scope).clarificationTimeout());
  }

  public String accessOfferTimeout(VariableScope scope) {
    return Policy.iso(policy(scope).accessOfferTimeout());
  }

  public String termsAcceptanceTimeout(VariableScope scope) {
    return Policy.iso(policy(scope).termsAcceptanceTimeout());
  }

  public String consultationPeriod(VariableScope scope) {
    return Policy.iso(policy(scope).consultationPeriod());
  }

  public List<String> consultationOffices(VariableScope scope) {
    return policy(scope).consultationOffices();
  }

  public Date accessWindowStart(VariableScope scope) {
    return Date.from(of(scope).windowStart());
  }

  public Date accessWindowEnd(VariableScope scope) {
    return Date.from(of(scope).windowEnd());
  }

  /** Whether the access window's end has passed (the window's opening then opens nothing). */
  public boolean accessWindowEnded(VariableScope scope) {
    return !EngineClock.instant().isBefore(of(scope).windowEnd());
  }

  public Date partnerSelectionDeadline(VariableScope scope) {
    return Date.from(of(scope).selectionDeadline());
  }

  public Date releaseReportDeadline(VariableScope scope) {
    return Date.from(of(scope).releaseReportDeadline());
  }

  /**
   * Set on the flow that closes the access window: how it closed, and when (now), in one update;
   * the window's closing after it then has nothing to write ({@link #windowClosed}). Once the
   * window's end has passed, access ended there, whatever flow runs first (the window's timer late,
   * or before it the findings or the developer ending access): {@code EXPIRED} at its end. A window
   * the developer ended before it began closes at its start (it never opened), as a withdrawal does.
   */
  public void windowClosedBy(DelegateExecution execution, String how) {
    Timestamp now = Timestamp.from(EngineClock.instant());
    update(execution.getProcessBusinessKey(), "window_closed_by = CASE WHEN window_end <= ? THEN '"
        + WINDOW_EXPIRED + "' ELSE ? END, window_closed_at = CASE WHEN window_end <= ? THEN window_end"
        + " WHEN window_start > ? THEN window_start ELSE ? END",
        now, how, now, now, now);
  }

  /** The engagement id of a task or execution of any of the three processes (their business key). */
  public static String id(VariableScope scope) {
    if (scope instanceof org.camunda.bpm.engine.delegate.DelegateTask task) {
      return task.getExecution().getProcessBusinessKey();
    }
    if (scope instanceof DelegateExecution execution) {
      return execution.getProcessBusinessKey();
    }
    throw new IllegalArgumentException("no engagement in " + scope.getClass().getSimpleName());
  }

  /**
   * Writes {@code assignments} to the engagement's row and keeps the row as written for the rest
   * of the transaction ({@link #written}): the update returns it, so neither a read of the record
   * after it nor the developer view's lock of the row before commit reads it again (the update
   * holds the row until the transaction ends; nobody else writes it meanwhile).
   */
  private void update(String id, String assignments, Object... values) {
    forget(id);
    Object[] arguments = new Object[values.length + 1];
    System.arraycopy(values, 0, arguments, 0, values.length);
    arguments[values.length] = id;
    String update = "UPDATE fe_engagement SET " + assignments + " WHERE engagement_id = ?";
    String returningRow = returning().of(update);
    if (returningRow == null) {
      if (jdbc.update(update, arguments) != 1) {
        throw new IllegalStateException("engagement " + id + " has no record");
      }
      return;
    }
    keep(id, jdbc.query(returningRow, EngagementRecord::writtenRow, arguments));
  }

  /** Keeps the one row a write returned as the record, and as written, for the rest of the transaction. */
  private static void keep(String id, List<Written> rows) {
    if (rows.size() != 1) {
      throw new IllegalStateException("engagement " + id + " has no record");
    }
    READ.put(id, rows.get(0).engagement());
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      WRITTEN.put(id, rows.get(0)); // held until commit only in a real transaction (not in one that merely synchronizes)
    }
  }

  private static Written writtenRow(ResultSet rs, int row) throws SQLException {
    return new Written(engagement(rs, row), rs.getString("stage"), rs.getString("status"), rs.getString("open_actions"));
  }

  /**
   * A row as this transaction wrote it through this bean: the record, and the developer view's
   * columns as they stood (raw; {@code view.DeveloperView} reads them).
   */
  public record Written(Engagement engagement, String stage, String status, String openActions) {}

  /** The rows this transaction wrote through this bean, and so holds. */
  private static final ReadOnce<Written> WRITTEN = new ReadOnce<>("engagement rows written");

  /**
   * The engagement's row as this transaction last wrote it through this bean, if it did and
   * nobody wrote the row otherwise since ({@link #forget}, {@link #viewWritten}): the transaction
   * holds the row from that update until it ends.
   */
  public static Optional<Written> written(String id) {
    return WRITTEN.get(id, key -> Optional.empty());
  }

  /** The developer view's columns of the row were written other than through this bean: what {@link #written} kept of them is stale. */
  public static void viewWritten(String id) {
    WRITTEN.forget(id);
  }

  /** A row of {@code fe_engagement} as the engagement it records. */
  public static Engagement engagement(ResultSet rs, int row) throws SQLException {
    Policy policy;
    try {
      String json = rs.getString("policy");
      policy = json == null ? null : policy(json);
    } catch (JsonProcessingException e) {
      throw new SQLException("unreadable policy of engagement " + rs.getString("engagement_id"), e);
    }
    return new Engagement(rs.getString("engagement_id"), rs.getString("process_instance_id"),
        rs.getString("organization"), instant(rs, "opened_at"), rs.getString("model_name"),
        rs.getString("model_version"), rs.getString("description"), rs.getString("contact_email"),
        rs.getObject("planned_release", LocalDate.class), rs.getString("policy_id"), policy,
        rs.getString("intake_outcome"), rs.getString("intake_note"), rs.getString("clarification_text"),
        (Boolean) rs.getObject("designated"), rs.getString("assessment_summary"),
        instant(rs, "assessment_shared_at"), (Boolean) rs.getObject("offer_access"),
        rs.getObject("access_start", LocalDate.class), (Integer) rs.getObject("access_days"),
        rs.getString("terms_reference"), (Boolean) rs.getObject("terms_accepted"),
        rs.getString("terms_document_id"), rs.getString("terms_sha256"), rs.getString("terms_accepted_sha256"),
        instant(rs, "window_start"), instant(rs, "window_end"), instant(rs, "window_closed_at"),
        rs.getString("window_closed_by"), instant(rs, "selection_deadline"),
        instant(rs, "release_report_deadline"), instant(rs, "released_at"), rs.getString("withdrawn_by"),
        rs.getString("withdrawal_reason"));
  }

  /**
   * The policy an engagement was bound to, from its JSON: read once per distinct JSON (a node
   * sees a handful of policy versions) instead of at every read of a record.
   */
  private static Policy policy(String json) throws JsonProcessingException {
    Policy known = POLICIES.get(json);
    if (known != null) {
      return known;
    }
    Policy read = JSON.readValue(json, Policy.class);
    if (POLICIES.size() >= 64) { // not expected: a bound all the same
      POLICIES.clear();
    }
    POLICIES.put(json, read);
    return read;
  }

  private static final Map<String, Policy> POLICIES = new java.util.concurrent.ConcurrentHashMap<>();

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp at = rs.getTimestamp(column);
    return at == null ? null : at.toInstant();
  }
}
