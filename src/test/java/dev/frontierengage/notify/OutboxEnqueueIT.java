package dev.frontierengage.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An event for a developer is written in one statement, on the application's schema and database
 * kind: the e-mail to the engagement's contact and one delivery to each of its organization's
 * enabled webhooks subscribed to the event's type (not another organization's, not a disabled
 * one, not one subscribed to other events), each once however often the event is raised.
 */
class OutboxEnqueueIT {

  static DataSource database;
  static final List<String> statements = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void schema() throws Exception {
    database = TestDatabase.counted("outbox-enqueue-it", statements::add);
  }

  @Test
  void anEventIsWrittenForTheContactAndEachSubscribedWebhookInOneStatementOnce() {
    Webhooks webhooks = new Webhooks(database, new dev.frontierengage.platform.OrganizationLimits(database,
        new org.springframework.jdbc.datasource.DataSourceTransactionManager(database)));
    Outbox outbox = new Outbox(database);
    JdbcTemplate jdbc = new JdbcTemplate(database);
    String organization = "org-" + UUID.randomUUID().toString().substring(0, 8);
    String subscribed = webhooks.register(organization, "https://hooks.example/a", List.of("action.opened", "engagement.closed")).id();
    webhooks.register(organization, "https://hooks.example/b", List.of("engagement.closed"));
    String disabled = webhooks.register(organization, "https://hooks.example/c", List.of("action.opened")).id();
    webhooks.disable(disabled, "410 Gone");
    webhooks.register("other-" + organization, "https://hooks.example/d", List.of("action.opened"));
    String event = "E-1:ACCESS_OFFER:opened:" + UUID.randomUUID();

    statements.clear();
    int written = outbox.enqueueForOrganization(new Message(event, "action.opened", "E-1", Message.Channel.EMAIL,
        "security@acme.invalid", "[Frontier Engage] action needed", "Your engagement waits for you."), organization,
        "{\"type\":\"action.opened\"}");
    assertThat(statements).as("one statement").hasSize(1);
    assertThat(written).isEqualTo(2);
    List<Map<String, Object>> rows = jdbc.queryForList("SELECT id, channel, recipient, subject, body, status, attempts"
        + " FROM fe_outbox WHERE event_id = ? ORDER BY channel", event);
    assertThat(rows).extracting(row -> row.get("CHANNEL") + " " + row.get("RECIPIENT"))
        .containsExactly("EMAIL security@acme.invalid", "WEBHOOK " + subscribed);
    assertThat(rows.get(0).get("BODY")).isEqualTo("Your engagement waits for you.");
    assertThat(rows.get(1).get("BODY")).isEqualTo("{\"type\":\"action.opened\"}");
    assertThat(rows.get(1).get("SUBJECT")).isEqualTo("action.opened");
    assertThat((String) rows.get(1).get("ID")).endsWith(subscribed).hasSizeLessThanOrEqualTo(64)
        .isNotEqualTo(rows.get(0).get("ID"));
    assertThat(rows).allSatisfy(row -> {
      assertThat(row.get("STATUS")).isEqualTo("PENDING");
      assertThat(((Number) row.get("ATTEMPTS")).intValue()).isZero();
    });

    assertThat(outbox.enqueueForOrganization(new Message(event, "action.opened", "E-1", Message.Channel.EMAIL,
        "security@acme.invalid", "again", "again"), organization, "{}")).as("the same event again").isZero();

    String closed = "E-2:closed:" + UUID.randomUUID();
    assertThat(outbox.enqueueForOrganization(new Message(closed, "engagement.closed", "E-2", Message.Channel.EMAIL,
        null, "closed", "closed"), organization, "{}")).as("no contact: the two webhooks subscribed only").isEqualTo(2);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fe_outbox WHERE event_id = ? AND channel = 'EMAIL'",
        Integer.class, closed)).isZero();
  }
}
