package dev.frontierengage.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Debian's chromium, driven by Playwright without downloading a browser. */
final class Chromium {

  private Chromium() {}

  static Playwright playwright() {
    return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  static Browser launch(Playwright playwright) {
    return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(path())
        .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run")));
  }

  /** {@code -Dbrowser.chromium=...}, or Debian's. */
  static Path path() {
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
