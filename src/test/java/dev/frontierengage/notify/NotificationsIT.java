package dev.frontierengage.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.frontierengage.TestClock;
import dev.frontierengage.TestDatabase;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.engagement.IntakeOutcome;
import dev.frontierengage.process.ConfiguredPolicy;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbox delivers to a real SMTP server (GreenMail, in this JVM, on 127.0.0.1): the developer
 * hears of each action that opens for it, of the reminders 7 and 2 days before a lapse and of the
 * close; an office hears of an escalation and a reviewer of a task someone else assigned to it;
 * nothing classified is in any message; a message is sent once, a failed delivery is tried again
 * after its backoff, and one that keeps failing becomes a dead letter administrators see and
 * put back in line. The schedules are off: the test runs the worker and the scan itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationsIT {

  static final int SMTP_PORT = freePort();
  static GreenMail smtp;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.properties("notifications-it").forEach((key, value) -> registry.add(key, () -> value));
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("frontier-engage.notify.scheduling", () -> "false");
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> String.valueOf(SMTP_PORT));
  }

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  OutboxWorker worker;
  @Autowired
  Outbox outbox;
  @Autowired
  ReminderScan reminders;
  @Autowired
  JdbcTemplate jdbc;

  EngagementDriver driver;

  @BeforeEach
  void start() {
    TestClock.start();
    // one mail server for the class, on its port: stopped only where a test needs it down, so that
    // the port is seldom free for another JVM's tests (two run at once) to take
    if (smtp == null || !smtp.isRunning()) {
      startSmtp();
    }
    driver = new EngagementDriver(engine);
    worker.deliverDue(); // what earlier tests left
    smtp.reset();
  }

  @AfterAll
  static void wallClock() {
    TestClock.reset();
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void theDeveloperHearsOfEachActionOnceAndOfTheCloseAndNothingClassified() throws Exception {
    String id = driver.submitInquiry(TestClock.TODAY.plusDays(60));
    driver.reviewIntake(id, IntakeOutcome.CLARIFICATION_NEEDED);
    assertThat(worker.deliverDue()).isOne();
    assertThat(worker.deliverDue()).as("sent once").isZero();
    MimeMessage question = single(smtp.getReceivedMessages());
    assertThat(question.getAllRecipients()[0].toString()).isEqualTo("security@acme.invalid");
    assertThat(question.getSubject()).startsWith("[Frontier Engage] Roadrunner 4.1: action needed by ");
    assertThat(body(question)).contains("asked a question", "POST /api/engagements/" + id + "/clarification",
        "Open until: ");
    String row = jdbc.queryForObject("SELECT id FROM fe_outbox WHERE engagement_id = ? AND event_type = 'action.opened'",
        String.class, id);
    assertThat(question.getMessageID()).as("the row's id, the same at every attempt").isEqualTo(
        "<" + row + "@frontierengage.invalid>");

    driver.provideClarification(id);
    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
    driver.recordBenchmark(id, 90);
    driver.consultAll(id, ConfiguredPolicy.load().active().consultationOffices());
    driver.decideDesignation(id, true);
    driver.offerAccess(id, TestClock.TODAY.plusDays(1), 30, TestClock.TODAY.plusDays(60));
    driver.prepareTerms(id);
    driver.acceptTerms(id, true);
    driver.proposePartners(id, "CISA Lab");
    driver.vetPartners(id);
    driver.fireTimer(id, EngagementProcess.Elements.ACCESS_WINDOW_OPENS);
    driver.evaluateModel(id);
    driver.reportRelease(id);
    worker.deliverDue();

    List<String> subjects = new ArrayList<>();
    StringBuilder everything = new StringBuilder();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      subjects.add(message.getSubject());
      everything.append(message.getSubject()).append('\n').append(body(message)).append('\n');
    }
    assertThat(everything.toString()).contains("offer the Federal Government access", "terms of the government's"
        + " access are ready", "propose the trusted partners", "access window is open", "report the model's release",
        "Your engagement is closed: the release to trusted partners was reported");
    assertThat(subjects).filteredOn(subject -> subject.endsWith("engagement closed")).hasSize(1);
    assertThat(everything.toString()).as("nothing classified, no reviewer, no score")
        .doesNotContain("CLASSIFIED", "Reviewed by", "nsa-", "score", "cyber-bench", "CISA Lab", "CONCUR", "Concur",
            "national-cyber-director", "access-counsel");
  }

  @Test
  void remindersComeSevenAndTwoDaysBeforeALapseOnceEach() throws Exception {
    String id = driver.submitInquiry(TestClock.TODAY.plusDays(60));
    driver.reviewIntake(id, IntakeOutcome.CLARIFICATION_NEEDED);
    Date lapses = driver.timer(id, EngagementProcess.Elements.CLARIFICATION_LAPSED).getDuedate();
    worker.deliverDue();
    smtp.reset();

    at(lapses.toInstant().minus(Duration.ofDays(8)));
    reminders.remind();
    assertThat(reminded(id)).as("eight days before: none").isEmpty();
    at(lapses.toInstant().minus(Duration.ofDays(6)));
    reminders.remind();
    reminders.remind();
    assertThat(reminded(id)).as("a scan repeated writes it once").hasSize(1);
    at(lapses.toInstant().minus(Duration.ofHours(30)));
    reminders.remind();
    assertThat(reminded(id)).hasSize(2);
    worker.deliverDue();
    assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getSubject).contains(
        "[Frontier Engage] Roadrunner 4.1: reminder, 7 days left to answer",
        "[Frontier Engage] Roadrunner 4.1: reminder, 2 days left to answer");
    assertThat(jdbc.queryForList("SELECT status FROM fe_outbox WHERE engagement_id = ? AND event_type = 'action.reminder'",
        String.class, id)).containsOnly("SENT");
  }

  private List<String> reminded(String id) {
    return jdbc.queryForList("SELECT subject FROM fe_outbox WHERE engagement_id = ? AND event_type = 'action.reminder'",
        String.class, id);
  }

  @Test
  void anOfficeHearsOfAnEscalationAndAReviewerOfATaskAssignedToItBySomeoneElse() throws Exception {
    String id = driver.submitInquiry(TestClock.TODAY.plusDays(60));
    Task intake = driver.task(id, EngagementProcess.Elements.REVIEW_INTAKE);
    Job overdue = driver.timer(id, "BoundaryEvent_IntakeOverdue");
    at(overdue.getDuedate().toInstant().plusSeconds(60));
    engine.getManagementService().executeJob(overdue.getId());
    worker.deliverDue();
    MimeMessage escalated = single(smtp.getReceivedMessages());
    assertThat(escalated.getAllRecipients()[0].toString()).isEqualTo("intake@nsa.invalid");
    assertThat(escalated.getSubject()).startsWith("[Frontier Engage] Overdue: Review intake: Roadrunner 4.1 (acme)");
    smtp.reset();

    as("nsa-intake", "nsa-intake", () -> engine.getTaskService().claim(intake.getId(), "nsa-intake"));
    assertThat(worker.deliverDue()).as("a reviewer is not told of its own claim").isZero();
    engine.getTaskService().setAssignee(intake.getId(), null);
    as("admin", "camunda-admin", () -> engine.getTaskService().setAssignee(intake.getId(), "nsa-intake"));
    assertThat(worker.deliverDue()).isOne();
    assertThat(single(smtp.getReceivedMessages()).getSubject())
        .isEqualTo("[Frontier Engage] Assigned to you: " + intake.getName());
  }

  @Test
  void aFailedDeliveryIsTriedAgainAfterItsBackoffAndOneThatKeepsFailingIsADeadLetterForAdministrators()
      throws Exception {
    at(now()); // the clock stands still: the backoff is measured from the moment the test reads
    smtp.stop();
    String id = driver.submitInquiry(TestClock.TODAY.plusDays(60));
    driver.reviewIntake(id, IntakeOutcome.CLARIFICATION_NEEDED);
    assertThat(worker.deliverDue()).isZero();
    Map<String, Object> row = jdbc.queryForMap("SELECT id, attempts, status, next_attempt_at FROM fe_outbox"
        + " WHERE engagement_id = ?", id);
    assertThat(row).containsEntry("ATTEMPTS", 1).containsEntry("STATUS", "PENDING");
    Instant next = ((java.sql.Timestamp) row.get("NEXT_ATTEMPT_AT")).toInstant();
    assertThat(next).as("30 s doubled per attempt, with jitter").isBetween(now().plusSeconds(20), now().plusSeconds(40));
    startSmtp();
    assertThat(worker.deliverDue()).as("not due yet").isZero();
    at(next.plusSeconds(1));
    assertThat(worker.deliverDue()).isOne();
    assertThat(smtp.getReceivedMessages()).hasSize(1);

    // kept failing: after eight attempts a dead letter, which administrators see and put back in line
    smtp.stop();
    String other = driver.submitInquiry(TestClock.TODAY.plusDays(60));
    driver.reviewIntake(other, IntakeOutcome.CLARIFICATION_NEEDED);
    for (int attempt = 1; attempt <= 8; attempt++) {
      at(now().plus(Duration.ofHours(2)));
      worker.deliverDue();
    }
    String dead = jdbc.queryForObject("SELECT id FROM fe_outbox WHERE engagement_id = ? AND status = 'DEAD'",
        String.class, other);
    HttpResponse<String> listed = http("GET", "/actuator/outbox", "admin:admin");
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).contains(dead, "security@acme.invalid");
    assertThat(http("GET", "/actuator/outbox", "nsa-intake:demo").statusCode()).isEqualTo(403);
    assertThat(http("GET", "/actuator/outbox", "alice:demo").statusCode()).isEqualTo(403);
    assertThat(http("POST", "/actuator/outbox/" + dead, "nsa-intake:demo").statusCode()).isEqualTo(403);
    assertThat(http("GET", "/actuator/outbox?status=NOPE", "admin:admin").statusCode()).isEqualTo(400);
    assertThat(http("POST", "/actuator/outbox/no-such-row", "admin:admin").statusCode()).isEqualTo(404);
    assertThat(http("POST", "/actuator/outbox/" + dead, "admin:admin").statusCode()).isEqualTo(200);
    startSmtp();
    assertThat(worker.deliverDue()).isOne();
    assertThat(jdbc.queryForObject("SELECT status FROM fe_outbox WHERE id = ?", String.class, dead)).isEqualTo("SENT");
  }

  @Test
  void aRoundSendsOnlyWhileItsClaimHoldsAndNoOtherNodeSendsWhatItHolds() throws Exception {
    List<String> engagements = twoQuestionsDue();
    List<String> sentBySlowNode = new ArrayList<>();
    List<Integer> sentMeanwhile = new ArrayList<>();
    // another node whose first delivery takes 70 s: its claim (2 minutes) then has less than a
    // minute left, too little to send another row under it
    OutboxWorker slowNode = otherNode((messageId, to, subject, body) -> {
      sentBySlowNode.add(messageId);
      sentMeanwhile.add(worker.deliverDue()); // this node, while the slow one holds both rows
      at(now().plusSeconds(70));
    });

    assertThat(slowNode.deliverDue()).isOne();
    assertThat(sentBySlowNode).hasSize(1);
    assertThat(sentMeanwhile).as("rows another node holds are not sent").containsExactly(0);
    assertThat(smtp.getReceivedMessages()).isEmpty();
    String ours = "engagement_id IN ('" + engagements.get(0) + "', '" + engagements.get(1) + "')";
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fe_outbox WHERE " + ours + " AND status = 'SENT'",
        Integer.class)).isOne();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fe_outbox WHERE " + ours + " AND status = 'PENDING'"
        + " AND attempts = 0 AND locked_by IS NULL AND locked_until IS NULL", Integer.class))
        .as("the row the round did not reach is given back, untried").isOne();

    assertThat(worker.deliverDue()).as("the next round takes it").isOne();
    MimeMessage other = single(smtp.getReceivedMessages());
    assertThat(other.getMessageID()).isNotEqualTo(sentBySlowNode.get(0));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fe_outbox WHERE " + ours + " AND status = 'SENT'",
        Integer.class)).isEqualTo(2);
  }

  @Test
  void aRowSentLateInARoundIsClaimedAgainForAFullClaimJustBeforeItIsSent() throws Exception {
    at(now()); // the clock stands still but for the deliveries' 20 s: a slow machine takes none of the claim
    twoQuestionsDue();
    List<Duration> claimLeftAtSend = new ArrayList<>();
    // a node whose deliveries take 20 s each: the second starts 20 s into the round
    OutboxWorker slowNode = otherNode((messageId, to, subject, body) -> {
      String id = messageId.substring(1, messageId.indexOf('@'));
      Instant heldUntil = jdbc.queryForObject("SELECT locked_until FROM fe_outbox WHERE id = ?",
          java.sql.Timestamp.class, id).toInstant();
      claimLeftAtSend.add(Duration.between(now(), heldUntil));
      at(now().plusSeconds(20));
    });

    assertThat(slowNode.deliverDue()).isEqualTo(2);
    assertThat(claimLeftAtSend).as("each delivery starts with the whole claim before it, the second too")
        .hasSize(2).allSatisfy(left -> assertThat(left).isGreaterThan(OutboxWorker.CLAIM.minusSeconds(1)));
  }

  @Test
  void aPollDeliversABacklogLargerThanARoundInRoundsOneAfterAnother() throws Exception {
    int backlog = OutboxWorker.ROUND + 3; // two rounds
    String engagement = backlog(backlog);
    worker.poll();
    assertThat(smtp.getReceivedMessages()).hasSize(backlog);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fe_outbox WHERE engagement_id = ? AND status = 'SENT'",
        Integer.class, engagement)).isEqualTo(backlog);
  }

  /**
   * A receiver that answers slowly (up to a webhook's 30 s each) holds back no e-mail: a round claims
   * the e-mails due before the webhooks, however long those have been due, and goes on for about a
   * minute (its claim's rule), giving the rest back untried for the next round, which again begins
   * with the e-mails due by then. The rows given back were first in line again, so one
   * organization's slow webhooks (ten an event) held every e-mail due after them (an agency's
   * escalation, another developer's question) back for as long as they kept coming.
   */
  @Test
  void aSlowWebhookReceiverHoldsNoEmailBackAndARoundSendsWebhooksForAMinuteAtMost() throws Exception {
    at(now());
    String batch = java.util.UUID.randomUUID().toString();
    for (int i = 0; i < 5; i++) {
      outbox.enqueue(new Message(batch + "/" + i, "action.opened", "slow-" + batch, Message.Channel.WEBHOOK,
          "a-slow-webhook-" + i, "action.opened", "{}"));
    }
    at(now().plusSeconds(1)); // the e-mail came after the webhooks' rows
    Instant emailDue = now();
    backlog(1);
    List<Instant> webhookAttempts = new ArrayList<>();
    WebhookSender slow = new WebhookSender(null, false, true) {
      @Override
      Result send(String deliveryId, String webhookId, String body) {
        webhookAttempts.add(now());
        at(now().plusSeconds(30)); // the receiver holds the exchange to its limit
        return new Result(Outcome.TRY_AGAIN, "timed out");
      }
    };
    List<Instant> mailedAt = new ArrayList<>();
    OutboxWorker node = new OutboxWorker(jdbc.getDataSource(), (messageId, to, subject, body) -> mailedAt.add(now()),
        slow, Duration.ofSeconds(30), Duration.ofHours(1), 8, "frontierengage.invalid");

    assertThat(node.deliverDue()).as("the e-mail").isOne();
    assertThat(mailedAt).as("sent before any webhook of the round").containsExactly(emailDue);
    assertThat(webhookAttempts).as("webhooks sent while the round was at most a minute old")
        .hasSize(3).allSatisfy(at -> assertThat(at).isBeforeOrEqualTo(emailDue.plusSeconds(60)));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fe_outbox WHERE engagement_id = ? AND status = 'PENDING'"
        + " AND attempts = 0 AND locked_by IS NULL", Integer.class, "slow-" + batch))
        .as("the webhooks the round did not reach, given back untried").isEqualTo(2);
  }

  /**
   * A round records the rows it sent together (one update, one commit) instead of one by one;
   * each row is sent once, with one attempt and the moment it was recorded.
   */
  @Test
  void aRoundRecordsTheRowsItSentInOneStatement() throws Exception {
    at(now()); // the clock stands still: the round stays within FRESH however slow the machine
    String engagement = backlog(5);
    List<String> updates = java.util.Collections.synchronizedList(new ArrayList<>());
    List<String> mailed = new ArrayList<>();
    OutboxWorker node = countingNode(updates, (messageId, to, subject, body) -> mailed.add(messageId));

    assertThat(node.deliverDue()).isEqualTo(5);
    assertThat(mailed).hasSize(5).doesNotHaveDuplicates();
    assertThat(updates).as("the claim, then the rows sent, each in one statement")
        .containsExactly("claim", "record");
    assertThat(jdbc.queryForList("SELECT status, attempts, sent_at, locked_by FROM fe_outbox WHERE engagement_id = ?",
        engagement)).hasSize(5).allSatisfy(row -> {
          assertThat(row.get("status")).isEqualTo("SENT");
          assertThat(((Number) row.get("attempts")).intValue()).isOne();
          assertThat(((java.sql.Timestamp) row.get("sent_at")).toInstant()).isEqualTo(now());
          assertThat(row.get("locked_by")).isNull();
        });
    assertThat(node.deliverDue()).as("nothing left to claim").isZero();
    assertThat(updates).as("no row claimed again").hasSize(2);
  }

  /** A round older than FRESH records what it sent before it claims the next row again: each row before the next is sent. */
  @Test
  void aSlowRoundRecordsEachRowAsItGoes() throws Exception {
    at(now());
    String engagement = backlog(3);
    List<String> updates = java.util.Collections.synchronizedList(new ArrayList<>());
    // each delivery takes 20 s: from the first one on, the round is older than FRESH
    OutboxWorker node = countingNode(updates, (messageId, to, subject, body) -> at(now().plusSeconds(20)));

    assertThat(node.deliverDue()).isEqualTo(3);
    assertThat(updates).containsExactly("claim", "record", "claim again", "record", "claim again", "record");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fe_outbox WHERE engagement_id = ? AND status = 'SENT'"
        + " AND attempts = 1 AND locked_by IS NULL", Integer.class, engagement)).isEqualTo(3);
  }

  /** A round that breaks off records what it sent before it gives the rest back: nothing sent is given back. */
  @Test
  void aRoundBrokenOffRecordsWhatItSentAndGivesBackTheRest() throws Exception {
    at(now());
    String engagement = backlog(4);
    List<String> updates = java.util.Collections.synchronizedList(new ArrayList<>());
    List<String> mailed = new ArrayList<>();
    OutboxWorker node = countingNode(updates, breaksDownAfter(2, mailed));

    org.assertj.core.api.Assertions.assertThatThrownBy(node::deliverDue).isInstanceOf(OutOfMemoryError.class);
    assertThat(updates).containsExactly("claim", "record", "give back");
    assertThat(jdbc.queryForList("SELECT id, status, attempts, locked_by FROM fe_outbox WHERE engagement_id = ?"
        + " ORDER BY status", engagement)).extracting(row -> row.get("status") + "/" + row.get("attempts") + "/"
            + row.get("locked_by")).containsExactly("PENDING/0/null", "PENDING/0/null", "SENT/1/null", "SENT/1/null");
    assertThat(worker.deliverDue()).as("the next round sends the two given back").isEqualTo(2);
  }

  /**
   * A round broken off whose rows cannot be given back throws its own failure, not the give
   * back's; the rows it did not reach stay claimed until the claim runs out, and are sent then.
   */
  @Test
  void aRoundThatCannotGiveBackItsRowsThrowsItsOwnFailureAndTheClaimsRunOut() throws Exception {
    at(now());
    String engagement = backlog(3);
    List<String> updates = java.util.Collections.synchronizedList(new ArrayList<>());
    List<String> mailed = new ArrayList<>();
    OutboxWorker node = countingNode(updates, "give back", breaksDownAfter(1, mailed));

    org.assertj.core.api.Assertions.assertThatThrownBy(node::deliverDue).isInstanceOf(OutOfMemoryError.class);
    assertThat(updates).containsExactly("claim", "record", "give back");
    assertThat(jdbc.queryForList("SELECT status, locked_by FROM fe_outbox WHERE engagement_id = ? ORDER BY status",
        engagement)).extracting(row -> row.get("status") + "/" + (row.get("locked_by") == null ? "free" : "held"))
        .containsExactly("PENDING/held", "PENDING/held", "SENT/free");
    assertThat(worker.deliverDue()).as("held until the claim runs out").isZero();
    at(now().plus(OutboxWorker.CLAIM).plusSeconds(1));
    assertThat(worker.deliverDue()).as("then sent").isEqualTo(2);
  }

  /**
   * A mailer that sends {@code sent} messages (their ids into {@code mailed}), then breaks down
   * with an Error: not a delivery's failure, so the round breaks off.
   */
  private static Mailer breaksDownAfter(int sent, List<String> mailed) {
    return (messageId, to, subject, body) -> {
      if (mailed.size() == sent) {
        throw new OutOfMemoryError("the node breaks down");
      }
      mailed.add(messageId);
    };
  }

  /** {@code rows} e-mails due now, of an engagement of their own; its id. */
  private String backlog(int rows) {
    String batch = java.util.UUID.randomUUID().toString();
    for (int i = 0; i < rows; i++) {
      outbox.enqueue(new Message(batch + "/" + i, "action.opened", "recorded-" + batch, Message.Channel.EMAIL,
          "security@acme.invalid", "[Frontier Engage] recorded " + i, "message " + i));
    }
    return "recorded-" + batch;
  }

  /** Another node's worker whose updates of the outbox are named in {@code updates} as they run. */
  private OutboxWorker countingNode(List<String> updates, Mailer mailer) {
    return countingNode(updates, null, mailer);
  }

  /** {@link #countingNode(List, Mailer)} whose update named {@code refused} fails (named in {@code updates} too). */
  private OutboxWorker countingNode(List<String> updates, String refused, Mailer mailer) {
    javax.sql.DataSource counted = net.ttddyy.dsproxy.support.ProxyDataSourceBuilder.create(jdbc.getDataSource())
        .beforeQuery((execution, queries) -> queries.stream().map(net.ttddyy.dsproxy.QueryInfo::getQuery)
            .filter(sql -> sql.startsWith("UPDATE fe_outbox")).map(NotificationsIT::update).forEach(update -> {
              updates.add(update);
              if (update.equals(refused)) {
                throw new org.springframework.dao.DataAccessResourceFailureException("the database is gone");
              }
            }))
        .build();
    return otherNode(counted, mailer);
  }

  /** What an update of the outbox is for. */
  private static String update(String sql) {
    return sql.startsWith("UPDATE fe_outbox SET locked_by = ?") ? "claim"
        : sql.startsWith("UPDATE fe_outbox SET locked_by = NULL") ? "give back"
        : sql.startsWith("UPDATE fe_outbox SET locked_until") ? "claim again"
        : sql.contains("status = ?, sent_at") ? "record" : sql;
  }

  // -----

  /** Two engagements whose intake asked a question: one e-mail each, due now; their ids. */
  private List<String> twoQuestionsDue() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String id = driver.submitInquiry(TestClock.TODAY.plusDays(60));
      driver.reviewIntake(id, IntakeOutcome.CLARIFICATION_NEEDED);
      ids.add(id);
    }
    return ids;
  }

  /** Another node's outbox worker on the same database, sending its e-mail through {@code mailer}. */
  private OutboxWorker otherNode(Mailer mailer) {
    return otherNode(jdbc.getDataSource(), mailer);
  }

  /** Another node's outbox worker on {@code dataSource} (the test's database), sending its e-mail through {@code mailer}. */
  private static OutboxWorker otherNode(javax.sql.DataSource dataSource, Mailer mailer) {
    return new OutboxWorker(dataSource, mailer, null, Duration.ofSeconds(30), Duration.ofHours(1), 8,
        "frontierengage.invalid");
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  private static void at(Instant moment) {
    ClockUtil.setCurrentTime(Date.from(moment));
  }

  private void as(String user, String group, Runnable action) {
    engine.getIdentityService().setAuthentication(user, List.of(group));
    try {
      action.run();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private HttpResponse<String> http(String method, String path, String credentials) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static MimeMessage single(MimeMessage[] messages) {
    assertThat(messages).hasSize(1);
    return messages[0];
  }

  private static String body(MimeMessage message) throws Exception {
    return String.valueOf(message.getContent());
  }

  private static void startSmtp() {
    if (smtp != null) {
      smtp.stop();
    }
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
