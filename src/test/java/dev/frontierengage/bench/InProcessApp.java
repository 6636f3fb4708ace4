package dev.frontierengage.bench;

import dev.frontierengage.FrontierEngageApplication;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application in this JVM on a benchmark database: the same engine, configuration, beans,
 * listeners and history level as the node, used without HTTP. Its web server listens on a
 * random port on 127.0.0.1 and is not used.
 */
final class InProcessApp implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private InProcessApp(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * @param jobExecutor whether the job executor runs (the baseline needs it for the window's
   *     timer; a preload fires nothing)
   */
  static InProcessApp start(BenchDatabase database, boolean jobExecutor) {
    return start(database.arguments(), jobExecutor, false);
  }

  /** The baseline: with the job executor, its SQL statements counted ({@link SqlCounter#APPLICATION}). */
  static InProcessApp counted(BenchDatabase database) {
    return start(database.arguments(), true, true);
  }

  /** For a bulk load: no job executor, and the database set up for many small transactions. */
  static InProcessApp forBulkLoad(BenchDatabase database) {
    return start(database.bulkLoadArguments(), false, false);
  }

  private static InProcessApp start(List<String> databaseArguments, boolean jobExecutor, boolean counted) {
    List<String> arguments = new ArrayList<>(databaseArguments);
    arguments.addAll(List.of("--server.port=0", "--server.address=127.0.0.1",
        "--camunda.bpm.job-execution.enabled=" + jobExecutor,
        // the audit lines still get written, then dropped instead of kept in the tests' list appender
        "--logging.level.frontier-engage.audit=OFF"));
    Class<?>[] sources = counted ? new Class<?>[] {FrontierEngageApplication.class, SqlCounter.Wiring.class}
        : new Class<?>[] {FrontierEngageApplication.class};
    return new InProcessApp(new SpringApplication(sources).run(arguments.toArray(String[]::new)));
  }

  ProcessEngine engine() {
    return context.getBean(ProcessEngine.class);
  }

  /** The job executor's core and maximum threads, as configured ({@code camunda.bpm.job-execution}). */
  int[] jobThreads() {
    var jobs = context.getBean(org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties.class).getJobExecution();
    return new int[] {jobs.getCorePoolSize(), jobs.getMaxPoolSize()};
  }

  /** The application's bean of this type (with its transactions, as the application calls it). */
  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  DataSource dataSource() {
    return context.getBean(DataSource.class);
  }

  @Override
  public void close() {
    context.close();
  }
}
