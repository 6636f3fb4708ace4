package dev.frontierengage;

import dev.frontierengage.process.Clause;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.frontierengage.deadlines.Notifications;
import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.engagement.EngagementRecord;
import dev.frontierengage.engagement.IntakeOutcome;
import dev.frontierengage.identity.IdentityProperties;
import dev.frontierengage.partners.PartnerSelectionProcess;
import dev.frontierengage.process.ConfiguredPolicy;
import dev.frontierengage.process.ProcessWiring;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Boots the packaged application on an H2 file database, as {@code mvn spring-boot:run} does,
 * restarts it on the same database, and logs into the webapps over HTTP.
 */
class EngineApplicationIT {

  static final List<String> PROCESSES = List.of(EngagementProcess.PROCESS_ID,
      DesignationProcess.PROCESS_ID, PartnerSelectionProcess.PROCESS_ID);

  @TempDir
  Path dir;

  @Test
  void deploysTheModelsOnceAndKeepsTheirVersionsAcrossRestarts() {
    Map<String, Integer> firstVersions;
    long deployments;
    try (ConfigurableApplicationContext app = start(null)) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      firstVersions = versions(engine);
      assertThat(firstVersions).containsOnlyKeys(PROCESSES).allSatisfy((key, v) -> assertThat(v).isOne());
      assertThat(engine.getRepositoryService().createDecisionDefinitionQuery()
          .decisionDefinitionKey(DesignationProcess.THRESHOLD_DECISION_ID).latestVersion()
          .singleResult().getVersion()).isOne();
      deployments = engine.getRepositoryService().createDeploymentQuery().count();
      assertThat(engine.getIdentityService().createUserQuery().memberOfGroup("camunda-admin")
          .userId("admin").count()).isOne();
      assertThat(engine.getIdentityService().createUserQuery().memberOfGroup("org-acme")
          .userId("alice").count()).isOne();
    }
    try (ConfigurableApplicationContext app = start(null)) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      assertThat(versions(engine)).isEqualTo(firstVersions);
      assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
      assertThat(engine.getIdentityService().createUserQuery().count())
          .isEqualTo(app.getBean(IdentityProperties.class).users().size());
      // developers, developer-admins, org-acme
      assertThat(engine.getIdentityService().createGroupQuery().groupMember("alice").count()).isEqualTo(3);

      // a node that deploys nothing still has every active model parsed before its first request
      var cache = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine
          .getProcessEngineConfiguration()).getDeploymentCache();
      cache.discardProcessDefinitionCache();
      try {
        app.getBean("modelDeployer", org.springframework.beans.factory.InitializingBean.class).afterPropertiesSet();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
      assertThat(engine.getRepositoryService().createProcessDefinitionQuery().active().list())
          .isNotEmpty().allSatisfy(definition -> assertThat(cache.getProcessDefinitionCache().get(definition.getId()))
              .as(definition.getKey() + " in the deployment cache").isNotNull());
    }
  }

  @Clause("3(a) benchmark")
  @Test
  void configuredThresholdDecisionReplacesTheDemoTableWithoutRebuilding() throws IOException {
    Path classified = dir.resolve("threshold.dmn");
    String demo = demoThreshold();
    Files.writeString(classified, demo.replace("&gt;= 50", "&gt;= 20"));
    Map<String, Object> scoresOf30 = DesignationProcess.Vars.SCORES.stream()
        .collect(Collectors.toMap(s -> s, s -> 30));

    try (ConfigurableApplicationContext app = start(null)) {
      assertThat(recommend(app, scoresOf30)).isEqualTo("NOT_COVERED");
    }
    try (ConfigurableApplicationContext app = start(classified)) {
      assertThat(recommend(app, scoresOf30)).isEqualTo("BORDERLINE");
      assertThat(latestThresholdVersion(app)).isEqualTo(2);
    }
    try (ConfigurableApplicationContext app = start(classified)) {
      assertThat(latestThresholdVersion(app)).as("unchanged file, no new version").isEqualTo(2);
    }
  }

  /**
   * A threshold file refused stops the start, and nothing of it is deployed: one the check before
   * deploying refuses (each way it refuses: {@code ThresholdCheckTest}), and one the engine refuses
   * as it deploys it, whose refusal names the file too.
   */
  @Clause("3(a) benchmark")
  @Test
  void aThresholdFileThatWouldRecommendWronglyIsRefusedAtStart() throws IOException {
    String demo = demoThreshold();
    // each kind of file: the file, and what its refusal says (the check's reason, or the engine's refusal)
    Map<String, String[]> wrong = new TreeMap<>(Map.of(
        // the scores compared as text: every model came out NOT_COVERED (the engine deploys it)
        "inputs typed as strings", new String[] {
            demo.replace("typeRef=\"integer\"", "typeRef=\"string\""), "a model at 100 in every capability"},
        // the engine refuses to deploy a decision without a history time to live: its refusal names the file
        "no history time to live", new String[] {
            demo.replace(" camunda:historyTimeToLive=\"P3650D\"", ""), "was refused by the engine"}));
    try (ConfigurableApplicationContext app = start(null)) {
      assertThat(latestThresholdVersion(app)).isOne();
    }
    for (Map.Entry<String, String[]> file : wrong.entrySet()) {
      String kind = file.getKey();
      assertThat(file.getValue()[0]).as(kind + ": the change applies").isNotEqualTo(demo);
      Path classified = dir.resolve("threshold.dmn");
      Files.writeString(classified, file.getValue()[0]);
      assertThatThrownBy(() -> start(classified).close()).as(kind)
          .hasStackTraceContaining("frontier-engage.threshold.decision-path " + classified.toAbsolutePath())
          .hasStackTraceContaining(file.getValue()[1]);
    }
    try (ConfigurableApplicationContext app = start(null)) {
      assertThat(latestThresholdVersion(app)).as("no refused file was deployed").isOne();
    }
  }

  @Clause("3(a) benchmark")
  @Test
  void aThresholdFileRefusedWhileTheModelsChangedLeavesTheClassifiedTableInEffect() throws Exception {
    Path classified = dir.resolve("threshold.dmn");
    String demo = demoThreshold();
    Files.writeString(classified, demo.replace("&gt;= 50", "&gt;= 20"));
    try (ConfigurableApplicationContext app = start(classified)) {
      assertThat(latestThresholdVersion(app)).isEqualTo(2);
      // the models of bpmn/ as an earlier build shipped them: the next start deploys them anew
      String form = new String(getClass().getResourceAsStream("/bpmn/review-intake.form").readAllBytes(),
          StandardCharsets.UTF_8);
      app.getBean(ProcessEngine.class).getRepositoryService().createDeployment().name("frontier-engage")
          .source("frontier-engage").addString("bpmn/review-intake.form", form + "\n").deploy();
    }
    Files.writeString(classified, "<definitions"); // the next build's file, cut short
    assertThatThrownBy(() -> start(classified).close())
        .hasStackTraceContaining("is not a readable DMN file");

    // what the other nodes of the cluster, still running, evaluate: the classified table, not the demo one
    try (Connection connection = java.sql.DriverManager.getConnection(argument("spring.datasource.url"),
        TestDatabase.postgres() ? "postgres" : "sa", "")) {
      assertThat(new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(connection, true))
          .queryForObject("SELECT d.NAME_ FROM ACT_RE_DECISION_DEF f JOIN ACT_RE_DEPLOYMENT d ON d.ID_ = f.DEPLOYMENT_ID_"
              + " WHERE f.KEY_ = ? ORDER BY f.VERSION_ DESC FETCH FIRST 1 ROWS ONLY", String.class,
              DesignationProcess.THRESHOLD_DECISION_ID)).isEqualTo("frontier-engage-threshold");
    }
  }

  @Test
  void adminAndReviewersLogIntoTheWebappsWithCsrfProtection() throws Exception {
    try (ConfigurableApplicationContext app = start(null)) {
      String base = "http://127.0.0.1:" + TestApplication.port(app);


      HttpResponse<String> admin = new WebappLogin(base).login("admin", "admin", "cockpit", true);
      assertThat(admin.statusCode()).isEqualTo(200);
      assertThat(admin.body()).contains("\"userId\":\"admin\"").contains("cockpit", "admin", "tasklist");
      HttpResponse<String> noToken = new WebappLogin(base).login("admin", "admin", "cockpit", false);
      assertThat(noToken.statusCode()).as("login without the CSRF token").isEqualTo(403);

      HttpResponse<String> reviewer = new WebappLogin(base).login("nsa-intake", "demo", "tasklist", true);
      assertThat(reviewer.statusCode()).isEqualTo(200);
      assertThat(reviewer.body()).contains("\"userId\":\"nsa-intake\"").doesNotContain("cockpit");
      assertThat(new WebappLogin(base).login("nsa-intake", "demo", "cockpit", true).statusCode())
          .as("reviewers work in Tasklist only").isEqualTo(403);
      for (String webapp : List.of("tasklist", "welcome", "cockpit", "admin")) {
        assertThat(new WebappLogin(base).login("alice", "demo", webapp, true).statusCode())
            .as("developers use the developer API only, not " + webapp).isEqualTo(403);
      }
      WebappLogin developer = new WebappLogin(base);
      developer.login("alice", "demo", "welcome", true);
      assertThat(developer.get("/camunda/api/engine/engine/default/task").statusCode())
          .as("no webapp session, no engine API").isIn(401, 403);
      // the webapps read the form their own way: a developer named so that a look at the form
      // misses it is refused by who the login signed in, and keeps no session
      String form = "application/x-www-form-urlencoded";
      Map<String, String[]> disguised = Map.of(
          "the field's name encoded", new String[] {"login/tasklist", form, "user%6Eame=alice&password=demo"},
          "a broken escape before it", new String[] {"login/welcome", form, "username=%zz&user%6Eame=alice&password=demo"},
          "the query string of a login without a body", new String[] {"login/welcome?username=alice&password=demo", form, ""});
      for (Map.Entry<String, String[]> login : disguised.entrySet()) {
        WebappLogin session = new WebappLogin(base);
        HttpResponse<String> answer = session.loginRequest(login.getValue()[0], login.getValue()[1], login.getValue()[2]);
        assertThat(answer.statusCode()).as(login.getKey()).isEqualTo(403);
        assertThat(answer.body()).as(login.getKey()).doesNotContain("userId");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(session.get("/camunda/api/engine/engine/default/task").statusCode())
            .as(login.getKey() + ": no engine API").isIn(401, 403);
        assertThat(session.get("/camunda/api/admin/auth/user/default").body())
            .as(login.getKey() + ": signed out").doesNotContain("alice");
      }
      assertThat(new WebappLogin(base).login("admin", "wrong", "cockpit", true).statusCode()).isEqualTo(401);

      WebappLogin browser = new WebappLogin(base);
      assertThat(browser.get("/actuator/health").statusCode()).isEqualTo(200);
      HttpResponse<String> elsewhere = browser.get("/anything");
      assertThat(elsewhere.statusCode()).as("deny by default").isEqualTo(403);

      // a CSRF-protected call in the reviewer's Tasklist session: claiming a task of the queue
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      String id = "csrf-" + System.nanoTime();
      engine.getRuntimeService().startProcessInstanceByKey(EngagementProcess.PROCESS_ID, id, inquiry());
      String taskId = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
          .singleResult().getId();
      String claim = "/camunda/api/engine/engine/default/task/" + taskId + "/claim";
      WebappLogin tasklist = new WebappLogin(base);
      assertThat(tasklist.login("nsa-intake", "demo", "tasklist", true).statusCode()).isEqualTo(200);
      assertThat(tasklist.postJson(claim, "{\"userId\":\"nsa-intake\"}", false).statusCode())
          .as("without the token").isEqualTo(403);
      WebappLogin again = new WebappLogin(base);
      assertThat(again.login("nsa-intake", "demo", "tasklist", true).statusCode()).isEqualTo(200);
      assertThat(again.postJson(claim, "{\"userId\":\"nsa-intake\"}", true).statusCode()).isEqualTo(204);
      assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).singleResult().getAssignee())
          .isEqualTo("nsa-intake");
    }
  }

  @Test
  void everyBeanTheModelsNameExistsAndAnEngagementRunsOnIt() {
    try (ConfigurableApplicationContext app = start(null)) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      // the process tests' beans (every name the models use, ModelConventionsTest) are the app's
      ProcessWiring.beans(engine, ConfiguredPolicy.load()).forEach((name, bean) -> {
        if (bean instanceof Notifications) {
          // the process tests' stand-in for the app's notifications (the fe_notification table)
          assertThat(app.getBeanNamesForType(Notifications.class)).as(name).isNotEmpty();
        } else {
          assertThat(app.containsBean(name)).as(name).isTrue();
          assertThat(app.getBean(name)).as(name).isInstanceOf(bean.getClass());
        }
      });

      String id = "it-" + System.nanoTime();
      engine.getRuntimeService().startProcessInstanceByKey(EngagementProcess.PROCESS_ID, id, inquiry());
      var task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id).singleResult();
      assertThat(task.getTaskDefinitionKey()).isEqualTo(EngagementProcess.Elements.REVIEW_INTAKE);

      // the overdue intake escalates: priority raised, the office's members told by e-mail (the outbox)
      var overdue = engine.getManagementService().createJobQuery().processInstanceId(task.getProcessInstanceId())
          .activityId("BoundaryEvent_IntakeOverdue").singleResult();
      assertThat(overdue.getDuedate()).isEqualTo(task.getDueDate());
      // at its due date (executed earlier, the escalation would say "Due soon")
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(
          task.getDueDate().toInstant().plusSeconds(60)));
      try {
        engine.getManagementService().executeJob(overdue.getId());
      } finally {
        org.camunda.bpm.engine.impl.util.ClockUtil.reset();
      }
      assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getPriority())
          .isEqualTo(80);
      assertThat(app.getBean(JdbcTemplate.class).queryForList("SELECT subject FROM fe_outbox"
          + " WHERE recipient = 'intake@nsa.invalid' AND event_type = 'task.escalated' AND engagement_id = ?",
          String.class, id))
          .singleElement().asString().startsWith("[Frontier Engage] Overdue: Review intake: Roadrunner")
          .contains("of engagement " + id);

      engine.getTaskService().complete(task.getId(),
          Map.of(EngagementProcess.Vars.INTAKE_OUTCOME, IntakeOutcome.ACCEPTED.name()));
      var benchmark = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id).singleResult();
      assertThat(benchmark.getTaskDefinitionKey())
          .isEqualTo(DesignationProcess.Elements.RECORD_BENCHMARK_RESULTS);
      // the called assessment reads the engagement's record (same business key), which holds the
      // configured policy the engagement was bound to, with its consultation offices
      assertThat(engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceId(benchmark.getProcessInstanceId()).singleResult().getBusinessKey()).isEqualTo(id);
      var engagement = new EngagementRecord(app.getBean(DataSource.class)).find(id).orElseThrow();
      assertThat(engagement.policyId()).isEqualTo(ConfiguredPolicy.signed().id());
      assertThat(engagement.policy().consultationOffices())
          .isEqualTo(ConfiguredPolicy.signed().consultationOffices());
    }
  }

  /**
   * PostgreSQL, every pooled connection (README, Performance): plans without Materialize, which
   * made the engine's task query (a group's queue) cost the square of the queue's length; plans a
   * statement the driver prepared once, instead of planning the engine's statements anew at every
   * run; and costs a page read at random as one from memory or an SSD, so that a plan made once
   * reads the engine's small, churning runtime tables by their indexes far more often than by
   * scans of their dead pages.
   */
  @Test
  void postgresConnectionsHaveThePlannerSettings() throws Exception {
    assumeTrue(TestDatabase.postgres(), "PostgreSQL planner settings");
    try (ConfigurableApplicationContext app = start(null)) {
      assertEveryPooledConnection(app, "SHOW enable_material", "off");
      assertEveryPooledConnection(app, "SHOW plan_cache_mode", "force_generic_plan");
      assertEveryPooledConnection(app, "SHOW random_page_cost", "1.1");
    }
  }

  /** Six connections of the pool held at once (so not one reused): each answers {@code query} with {@code expected}. */
  private static void assertEveryPooledConnection(ConfigurableApplicationContext app, String query, String expected)
      throws Exception {
    DataSource pool = app.getBean(DataSource.class);
    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        Connection connection = pool.getConnection();
        held.add(connection);
        try (var statement = connection.createStatement(); var result = statement.executeQuery(query)) {
          assertThat(result.next()).isTrue();
          assertThat(result.getString(1)).as("connection %d", i).isEqualTo(expected);
        }
      }
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
  }

  /**
   * H2, the shipped URL (only {@code DATA_DIR} given): the pooled connections keep 256 parsed
   * statements (a database-wide setting in H2), more than the some 130 distinct ones the
   * benchmark's lifecycles run; with H2's default of 8 nearly every statement was parsed again
   * (README, Performance).
   */
  @Test
  void embeddedDefaultKeepsTheStatementsItParsed() throws Exception {
    assumeTrue(!TestDatabase.postgres(), "an H2 setting");
    database = new String[] {"--DATA_DIR=" + dir.resolve("shipped-url").toAbsolutePath()};
    try (ConfigurableApplicationContext app = start(null)) {
      assertThat(app.getEnvironment().getProperty("spring.datasource.url"))
          .startsWith("jdbc:h2:file:" + dir.resolve("shipped-url").toAbsolutePath());
      assertEveryPooledConnection(app,
          "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'", "256");
    }
  }

  @Test
  void prodProfileRefusesToStartOnTheLaptopDefaults() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(FrontierEngageApplication.class).run(
        "--spring.profiles.active=prod", "--server.port=0"))
        .hasMessageContaining("The prod profile refuses to start")
        .hasMessageContaining("DB_URL").hasMessageContaining("SESSION_SECRET").hasMessageContaining("MAIL_HOST");
  }

  /**
   * A production node's session cookie says one SameSite, the one browsers apply: Lax, which
   * lets the agency's identity provider send staff back to their sign-in (a Strict cookie is not
   * sent on that cross-site redirect). It said "SameSite=Strict;SameSite=Lax" (Spring's and
   * Camunda's each), which browsers read as the last. Only on PostgreSQL: the profile refuses H2.
   */
  @Test
  void aProductionNodesSessionCookieSaysOneSameSite() throws Exception {
    assumeTrue(TestDatabase.postgres(), "the prod profile refuses H2");
    List<String> arguments = new java.util.ArrayList<>(List.of(database()));
    arguments.addAll(List.of("--spring.profiles.active=postgres,prod", "--server.port=0", "--server.address=127.0.0.1",
        "--camunda.bpm.job-execution.enabled=false", "--SESSION_SECRET=" + "s".repeat(40),
        "--ADMIN_PASSWORD=an-admin-password-1", "--DEMO_PASSWORD=a-reviewer-password-1", "--MAIL_HOST=127.0.0.1",
        "--OAUTH_ISSUER=https://engage.agency.invalid", "--STAFF_ISSUER_URI=https://login.agency.invalid",
        "--STAFF_CLIENT_SECRET=a-long-client-secret"));
    // a production node runs in a zone whose clocks no longer change (ProductionSafety), as this machine's may
    // (on a machine in such a zone only: the default is the whole JVM's, other tests' contexts included)
    java.util.TimeZone machines = java.util.TimeZone.getDefault();
    if (machines.toZoneId().getRules().nextTransition(java.time.Instant.now()) != null) {
      java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
    }
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FrontierEngageApplication.class)
        .run(arguments.toArray(String[]::new))) {
      java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + TestApplication.port(app)
              + "/camunda/app/tasklist/default/")).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      List<String> sessions = page.headers().allValues("Set-Cookie").stream()
          .filter(cookie -> cookie.startsWith("JSESSIONID=")).toList();
      assertThat(sessions).as(page.headers().map().toString()).isNotEmpty().allSatisfy(cookie -> {
        String lower = cookie.toLowerCase(java.util.Locale.ROOT);
        assertThat(lower.split("samesite=", -1)).as(cookie).hasSize(2);
        assertThat(lower).as(cookie).contains("samesite=lax", "secure", "httponly");
        assertThat(lower.split("secure", -1)).as(cookie).hasSize(2);
      });
    } finally {
      java.util.TimeZone.setDefault(machines);
    }
  }

  static Map<String, Object> inquiry() {
    return Map.of(EngagementProcess.Vars.ORGANIZATION, "acme",
        EngagementProcess.Vars.MODEL_NAME, "Roadrunner",
        EngagementProcess.Vars.MODEL_VERSION, "4.1",
        EngagementProcess.Vars.DESCRIPTION, "A frontier model",
        EngagementProcess.Vars.CONTACT_EMAIL, "security@acme.invalid");
  }

  /** One database per test, kept across the test's restarts: an H2 file, or PostgreSQL. */
  private String[] database() {
    if (database == null) {
      database = TestDatabase.postgres() ? TestDatabase.arguments("engine-it")
          : new String[] {"--spring.datasource.url=jdbc:h2:file:" + dir.resolve("engine").toAbsolutePath()};
    }
    return database;
  }

  private String[] database;

  /** The threshold table shipped under bpmn/ (demo values), as text to change. */
  private String demoThreshold() throws IOException {
    return new String(getClass().getResourceAsStream("/bpmn/covered-frontier-model-threshold.dmn").readAllBytes(),
        StandardCharsets.UTF_8);
  }

  private String argument(String name) {
    return java.util.Arrays.stream(database()).filter(a -> a.startsWith("--" + name + "="))
        .findFirst().orElseThrow().substring(name.length() + 3);
  }

  private ConfigurableApplicationContext start(Path thresholdDecision) {
    // command-line arguments: they outrank config/application.yaml
    List<String> arguments = new java.util.ArrayList<>(List.of(database()));
    arguments.addAll(List.of(
        "--server.port=0",
        "--server.address=127.0.0.1",
        "--camunda.bpm.job-execution.enabled=false",
        "--frontier-engage.threshold.decision-path="
            + (thresholdDecision == null ? "" : thresholdDecision.toAbsolutePath())));
    return new SpringApplicationBuilder(FrontierEngageApplication.class).run(arguments.toArray(String[]::new));
  }

  private static Map<String, Integer> versions(ProcessEngine engine) {
    Map<String, Integer> versions = new TreeMap<>();
    for (ProcessDefinition definition : engine.getRepositoryService().createProcessDefinitionQuery()
        .latestVersion().list()) {
      versions.put(definition.getKey(), definition.getVersion());
    }
    return versions;
  }

  private static String recommend(ConfigurableApplicationContext app, Map<String, Object> scores) {
    return app.getBean(ProcessEngine.class).getDecisionService()
        .evaluateDecisionByKey(DesignationProcess.THRESHOLD_DECISION_ID).variables(scores)
        .evaluate().getSingleEntry();
  }

  private static int latestThresholdVersion(ConfigurableApplicationContext app) {
    return app.getBean(ProcessEngine.class).getRepositoryService().createDecisionDefinitionQuery()
        .decisionDefinitionKey(DesignationProcess.THRESHOLD_DECISION_ID).latestVersion()
        .singleResult().getVersion();
  }

}
