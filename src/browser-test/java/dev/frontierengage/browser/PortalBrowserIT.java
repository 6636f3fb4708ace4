package dev.frontierengage.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import dev.frontierengage.TestClock;
import dev.frontierengage.TestDatabase;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.engagement.IntakeOutcome;
import dev.frontierengage.partners.PartnerRecord;
import dev.frontierengage.process.ConfiguredPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The developer's side of one engagement entirely through the portal page at {@code /}, in a real
 * browser: sign in, open the engagement, answer intake's question, be refused an offer over the
 * cap and then offer access, accept the terms, propose partners, revise after a rejection, end the
 * window early, report the release; and register and delete a webhook. The agency's steps are
 * taken through the engine (their forms have their own browser test). A screenshot of each page
 * is saved under {@code target/browser/portal-*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalBrowserIT {

  static final Path SCREENSHOTS = Path.of("target", "browser");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.properties("portal-it").forEach((key, value) -> registry.add(key, () -> value));
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
    registry.add("frontier-engage.notify.scheduling", () -> "false");
  }

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  PartnerRecord partners;

  @BeforeAll
  static void engineClock() {
    TestClock.start();
  }

  @AfterAll
  static void wallClock() {
    TestClock.reset();
  }

  @Test
  void aDeveloperTakesAnEngagementFromOpeningToReleaseOnThePage() throws Exception {
    EngagementDriver agency = new EngagementDriver(engine);
    Files.createDirectories(SCREENSHOTS);
    try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
      Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1300, 1100)).newPage();
      page.setDefaultTimeout(20_000);
      page.onConsoleMessage(message -> System.out.println("BROWSER " + message.type() + ": " + message.text()));
      page.onPageError(error -> System.out.println("BROWSER error: " + error));

      String base = "http://127.0.0.1:" + port;

      Response home = page.navigate(base + "/");
      assertThat(home.status()).isEqualTo(200);
      assertThat(home.headers().get("content-security-policy")).contains("default-src 'self'");
      assertThat(page.locator("footer a[href='/camunda/app/tasklist/']")).isVisible();
      // a wrong password (of a user nobody has: the engine delays a user's next check after a failed one)
      page.locator("#user").fill("mallory");
      page.locator("#password").fill("wrong");
      page.locator("#sign-in button[type=submit]").click();
      assertThat(page.locator("#sign-in .error")).containsText("Wrong user or password");
      page.locator("#user").fill("alice");
      page.locator("#password").fill("demo");
      page.locator("#sign-in button[type=submit]").click();
      assertThat(page.locator("h2")).containsText("Your organization's engagements");

      // open it
      page.locator("#nav-new").click();
      page.locator("#modelName").fill("Roadrunner");
      page.locator("#modelVersion").fill("4.1");
      page.locator("#description").fill("An agentic coding model");
      page.locator("#contactEmail").fill("security@acme.invalid");
      page.locator("#plannedPartnerReleaseDate").fill(TestClock.TODAY.plusDays(90).toString());
      shot(page, "portal-1-open");
      page.locator("#open button[type=submit]").click();
      assertThat(page.locator("#title")).hasText("Roadrunner 4.1");
      String id = page.url().replaceAll("^.*#/e/", "");
      assertThat(page.locator("#stage")).hasText("INTAKE");

      // the model card, attached on the page; a web page named .pdf is refused by its content
      Path files = Files.createDirectories(Path.of("target", "browser", "files"));
      Path card = Files.write(files.resolve("model-card.pdf"), dev.frontierengage.documents.MultipartBody.pdf("Roadrunner card"));
      Path fake = Files.write(files.resolve("fake.pdf"), "<!DOCTYPE html><html><script>alert(1)</script></html>"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      page.locator("#document-kind").selectOption("MODEL_CARD");
      page.locator("#document-file").setInputFiles(fake);
      page.locator("#attach").click();
      assertThat(page.locator("#documents .error")).containsText("text/html");
      page.locator("#document-file").setInputFiles(card);
      page.locator("#attach").click();
      assertThat(page.locator("#document-list")).containsText("model-card.pdf");
      assertThat(page.locator("#document-list")).containsText("Model card");
      assertThat(page.locator("#timeline")).containsText("DOCUMENT_ADDED");
      shot(page, "portal-1b-documents");

      // intake asks; the developer answers on the page
      agency.reviewIntake(id, IntakeOutcome.CLARIFICATION_NEEDED);
      page.reload();
      assertThat(page.locator("#question")).hasText("Which base model?");
      page.locator("#clarification-text").fill("A fine-tune of Roadrunner 4.0");
      shot(page, "portal-2-clarification");
      page.locator("#action-clarification button").click();
      assertThat(page.locator("#stage")).hasText("INTAKE");

      // designated: the offer shows the rule first, and an offer over the cap is refused, nothing changed
      agency.reviewIntake(id, IntakeOutcome.ACCEPTED);
      agency.recordBenchmark(id, 90);
      agency.consultAll(id, ConfiguredPolicy.load().active().consultationOffices());
      agency.decideDesignation(id, true);
      page.reload();
      assertThat(page.locator("#designation")).containsText("Designated a covered frontier model");
      assertThat(page.locator("#offer-rule")).containsText("at most 30 calendar days");
      page.locator("#offer-start").fill(TestClock.TODAY.plusDays(1).toString());
      page.locator("#offer-days").fill("45");
      page.locator("#action-access-offer button.primary").click();
      assertThat(page.locator("#action-access-offer .error")).containsText("30");
      assertThat(page.locator("#stage")).hasText("ACCESS_DECISION");
      page.locator("#offer-days").fill("20");
      shot(page, "portal-3-offer");
      page.locator("#action-access-offer button.primary").click();
      assertThat(page.locator("#stage")).hasText("ACCESS_TERMS");

      // the terms: the developer sees what it accepts
      agency.prepareTerms(id);
      page.reload();
      assertThat(page.locator("#terms-reference")).hasText("TERMS-2026-0042");
      assertThat(page.locator("#terms-sha256")).hasText(dev.frontierengage.documents.MultipartBody.sha256(
          EngagementDriver.TERMS_PDF));
      com.microsoft.playwright.Download download = page.waitForDownload(() -> page.locator("#terms-download").click());
      assertThat(download.suggestedFilename()).isEqualTo("terms.pdf");
      assertThat(Files.readAllBytes(download.path())).as("the terms the developer reads").isEqualTo(EngagementDriver.TERMS_PDF);
      for (String area : new String[] {"confidentiality", "cybersecurity", "insiderRisk", "intellectualProperty", "use",
          "nondisclosure"}) {
        page.locator("#ack-" + area).check();
      }
      shot(page, "portal-4-terms");
      page.locator("#action-access-terms button.primary").click();
      assertThat(page.locator("#stage")).hasText("ACCESS_WINDOW");
      assertThat(page.locator("#terms")).containsText(dev.frontierengage.documents.MultipartBody.sha256(
          EngagementDriver.TERMS_PDF));

      // partners, a rejection, a revision
      page.locator("#partner-name-1").fill("CISA Lab");
      page.locator("#partner-email-1").fill("lab@cisa.invalid");
      page.locator("#add-partner").click();
      page.locator("#partner-name-2").fill("Rural Hospital Network");
      page.locator("#partner-category-2").selectOption("CRITICAL_INFRASTRUCTURE");
      page.locator("#partner-sector-2").fill("healthcare");
      page.locator("#partner-email-2").fill("ciso@hospital.invalid");
      shot(page, "portal-5-partners");
      page.locator("#action-trusted-partners button.primary").click();
      assertThat(page.locator("#partners")).containsText("Rural Hospital Network");
      agency.vetPartners(id, "Rural Hospital Network");
      page.reload();
      assertThat(page.locator("#partners")).containsText("REJECTED");
      assertThat(page.locator("#partners")).containsText("No vetted contact");
      page.locator("#partner-name-1").fill("State Water Authority");
      page.locator("#partner-category-1").selectOption("STATE_LOCAL_AUTHORITY");
      page.locator("#partner-email-1").fill("security@water.invalid");
      page.locator("#action-trusted-partners button.primary").click();
      assertThat(page.locator("#partners")).containsText("State Water Authority");
      agency.vetPartners(id);
      assertThat(partners.withStatus(id, PartnerRecord.Status.APPROVED)).hasSize(2);

      // the window opens (its timer, executed here); the developer ends it early
      agency.fireTimer(id, EngagementProcess.Elements.ACCESS_WINDOW_OPENS);
      page.reload();
      shot(page, "portal-6-window");
      page.locator("#action-access-window-end button.primary").click();
      assertThat(page.locator("#action-release")).isVisible();

      // the release, reported
      // the engine's clock, to the next whole minute: not before the engagement was opened, nor ahead by more than five minutes
      java.time.Instant releasedAt = org.camunda.bpm.engine.impl.util.ClockUtil.now().toInstant()
          .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plus(java.time.Duration.ofMinutes(1));
      page.locator("#released-at").fill(java.time.LocalDateTime.ofInstant(releasedAt, java.time.ZoneOffset.UTC).toString());
      page.locator("#action-release button.primary").click();
      assertThat(page.locator("#status")).hasText("RELEASED_TO_PARTNERS");
      assertThat(page.locator("#timeline")).containsText("RELEASED");
      shot(page, "portal-7-released");
      assertThat(page.locator("body").innerText()).as("nothing classified on the developer's page")
          .doesNotContain("CLASSIFIED", "Reviewed by", "CONCUR");
      assertThat(page.locator("main").innerText()).doesNotContain("null", "undefined", "[object");

      // webhooks: registered (secret shown once), listed, deleted
      page.locator("#nav-webhooks").click();
      page.locator("#webhook-url").fill("http://127.0.0.1:9/hook");
      page.locator("#webhook-form button[type=submit]").click();
      assertThat(page.locator("#secret")).containsText("whsec_");
      assertThat(page.locator("#webhooks")).containsText("http://127.0.0.1:9/hook");
      shot(page, "portal-8-webhooks");
      page.locator("#webhooks button:has-text('Delete')").click();
      assertThat(page.locator("#webhooks")).hasCount(0);

      // API clients: made (the secret shown once, and it gets a token), listed, revoked (no more tokens)
      page.locator("#nav-clients").click();
      page.locator("#client-name").fill("CI pipeline");
      page.locator("#client-form button[type=submit]").click();
      assertThat(page.locator("#client-secret")).containsText("fes_");
      assertThat(page.locator("#api-clients")).containsText("CI pipeline");
      String clientId = page.locator("#api-clients tbody tr td").nth(1).innerText().strip();
      String secret = page.locator("#client-secret .secret").innerText().strip();
      assertThat(tokenStatus(clientId, secret)).isEqualTo(200);
      shot(page, "portal-9-api-clients");
      page.locator("#api-clients button:has-text('Revoke')").click();
      assertThat(page.locator("#api-clients")).containsText("revoked");
      assertThat(page.locator("#client-secret")).hasCount(0);
      assertThat(tokenStatus(clientId, secret)).isEqualTo(401);

      // the list shows it closed
      page.locator("#nav-engagements").click();
      Locator row = page.locator("#engagements tr[data-id='" + id + "']");
      assertThat(row).containsText("RELEASED_TO_PARTNERS");
    }
  }

  /**
   * An organization with more engagements than a page of the list holds (the API's largest page,
   * 100) reaches every one of them on the page, newest first, a page at a time; the list used to
   * show the newest 100 and no way to the others (to read them, or to withdraw one).
   */
  @Test
  void everyEngagementOfALongListIsReachedAPageAtATime() throws Exception {
    java.util.Set<String> opened = new java.util.TreeSet<>();
    for (int i = 0; i < 101; i++) {
      String model = "Paged " + i;
      engine.getRuntimeService().startProcessInstanceByKey(EngagementProcess.PROCESS_ID,
          java.util.UUID.randomUUID().toString(), EngagementProcess.inquiry("globex", model, "1",
              "One of many", "security@globex.invalid", TestClock.TODAY.plusDays(90).toString()));
      opened.add(model + " 1");
    }
    try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
      Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1300, 1100)).newPage();
      page.setDefaultTimeout(20_000);
      page.navigate("http://127.0.0.1:" + port + "/");
      page.locator("#user").fill("bob");
      page.locator("#password").fill("demo");
      page.locator("#sign-in button[type=submit]").click();
      assertThat(page.locator("h2")).containsText("(101)");
      assertThat(page.locator("#engagements tbody tr")).hasCount(100);
      assertThat(page.locator("#pages")).containsText("Page 1 of 2");
      assertThat(page.locator("#newer")).hasCount(0);
      java.util.Set<String> seen = new java.util.TreeSet<>(page.locator("#engagements tbody tr td:first-child a").allInnerTexts());

      page.locator("#older").click();
      assertThat(page.locator("#pages")).containsText("Page 2 of 2");
      assertThat(page.locator("#engagements tbody tr")).hasCount(1);
      assertThat(page.locator("#older")).hasCount(0);
      seen.addAll(page.locator("#engagements tbody tr td:first-child a").allInnerTexts());
      assertThat(seen).as("every engagement, once").isEqualTo(opened);
      shot(page, "portal-10-second-page");

      // the one on the second page opens, with withdrawal open to it
      page.locator("#engagements tbody tr td:first-child a").click();
      assertThat(page.locator("#title")).containsText("Paged");
      assertThat(page.locator("#action-withdrawal")).isVisible();
      page.goBack();
      page.locator("#newer").click();
      assertThat(page.locator("#engagements tbody tr")).hasCount(100);
    }
  }

  private int tokenStatus(String clientId, String secret) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
            (clientId + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=engagements"))
        .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static void shot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }
}
