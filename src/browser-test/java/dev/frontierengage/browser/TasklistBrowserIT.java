package dev.frontierengage.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.frontierengage.TestClock;
import dev.frontierengage.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * End to end in a real browser: a developer submits an inquiry over the API; the intake
 * reviewer logs into Tasklist, opens the intake task, sees the engagement's context on the
 * form, decides and completes it; the engagement moves on to the designation assessment.
 * Chromium is Debian's ({@code /usr/bin/chromium}, or {@code -Dbrowser.chromium=...}), driven
 * by Playwright without downloading a browser. A screenshot of the form is saved under
 * {@code target/browser/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TasklistBrowserIT {

  static final Path SCREENSHOTS = Path.of("target", "browser");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.properties("browser-it").forEach((key, value) -> registry.add(key, () -> value));
    registry.add("server.address", () -> "127.0.0.1");
  }

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;

  @BeforeAll
  static void engineClock() {
    TestClock.start();
  }

  @AfterAll
  static void wallClock() {
    TestClock.reset();
  }

  @Test
  void theIntakeReviewerDecidesAFreshInquiryOnItsFormInTasklist() throws Exception {
    String id = submitInquiry("Roadrunner");
    Task intake = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey("UserTask_ReviewIntake").singleResult();
    assertThat(intake).isNotNull();
    String tasklist = "http://127.0.0.1:" + port + "/camunda/app/tasklist/default/";

    try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
         Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
             .setExecutablePath(chromium()).setHeadless(true).setArgs(List.of("--no-sandbox")))) {
      Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1100)).newPage();
      page.setDefaultTimeout(30_000);

      page.navigate(tasklist + "#/login");
      page.locator("input[ng-model='username']").fill("nsa-intake");
      page.locator("input[ng-model='password']").fill("demo");
      page.locator("form[name='signinForm'] button[type='submit']").click();
      page.locator("[cam-tasks]").waitFor();

      page.navigate(tasklist + "#/?task=" + intake.getId());
      page.locator("li.assignee button.claim").click();
      Locator form = page.locator("form.fjs-form");
      form.waitFor();
      assertThat(form.locator("[id$='-Context_modelName']").inputValue()).isEqualTo("Roadrunner");
      assertThat(form.locator("[id$='-Context_organization']").inputValue()).isEqualTo("acme");
      assertThat(form.locator("[id$='-Context_modelName']").isDisabled()).as("context is read-only").isTrue();
      assertThat(form.locator("[id$='-Field_intakeNote']").count()).as("no note until an outcome needs one").isZero();

      form.getByLabel("Accept: go on to the designation assessment").check();
      Files.createDirectories(SCREENSHOTS);
      page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("intake-form.png")).setFullPage(true));

      page.locator("button[ng-click='complete()']").click();
      awaitMovedOn(id);
    }
    assertThat(engine.getTaskService().createTaskQuery().taskId(intake.getId()).count()).isZero();
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(intake.getId())
        .singleResult().getAssignee()).isEqualTo("nsa-intake");
    assertThat(Files.size(SCREENSHOTS.resolve("intake-form.png"))).isPositive();
  }

  /** Polls the engine, for at most 30 seconds, until the benchmark step of {@code id} is open. */
  private void awaitMovedOn(String id) {
    Instant deadline = Instant.now().plusSeconds(30);
    while (engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey("UserTask_RecordBenchmarkResults").count() == 0) {
      assertThat(Instant.now()).as("the engagement moved on to the benchmark").isBefore(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  private String submitInquiry(String model) throws Exception {
    HttpResponse<String> opened = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/engagements"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:demo".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"modelName\":\"" + model + "\",\"modelVersion\":\"4.1\","
            + "\"description\":\"A frontier model\",\"contactEmail\":\"security@acme.invalid\","
            + "\"plannedPartnerReleaseDate\":\"" + TestClock.TODAY.plusDays(90) + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    return new ObjectMapper().readTree(opened.body()).get("id").asText();
  }

  private static Path chromium() {
    String configured = System.getProperty("browser.chromium");
    for (String candidate : configured != null ? List.of(configured)
        : List.of("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    throw new IllegalStateException("no chromium found: install Debian's (apt-get install chromium),"
        + " as .ci/run does, or pass -Dbrowser.chromium=/path/to/chromium");
  }
}
