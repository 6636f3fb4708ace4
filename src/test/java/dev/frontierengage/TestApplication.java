package dev.frontierengage;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application as a test starts it itself, rather than through Spring's test context (the
 * request-drawing tests, whose jqwik lifecycle Spring's does not know): on a database of its own
 * ({@link TestDatabase}), on a free port of 127.0.0.1, with no job executor (the tests run the
 * engine's jobs themselves) and warnings only in the log.
 */
public final class TestApplication {

  private TestApplication() {}

  /** Starts the application on database {@code name}, with {@code more} arguments after the defaults. */
  public static ConfigurableApplicationContext start(String name, String... more) {
    List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
        "--camunda.bpm.job-execution.enabled=false", "--logging.level.root=WARN"));
    arguments.addAll(List.of(more));
    return new SpringApplicationBuilder(FrontierEngageApplication.class).run(
        TestDatabase.arguments(name, arguments.toArray(String[]::new)));
  }

  /** The port the application's server took. */
  public static int port(ConfigurableApplicationContext app) {
    return ((WebServerApplicationContext) app).getWebServer().getPort();
  }
}
