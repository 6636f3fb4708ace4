package dev.frontierengage.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;

/**
 * A bare Camunda engine for the anchors, each in a JVM of its own ({@link VariantJvm}): no Spring, no Frontier Engage
 * code but what it is given as beans, on a database of the run's kind with the application's
 * engine settings (history {@code full}, authorization on, tasks' candidate groups granted
 * {@code TASK_WORK}, JSON serialization, the job executor on; on PostgreSQL the same pool size
 * and planner setting as the application, on H2 the settings of the application's URL). Its SQL
 * statements are counted.
 */
final class BareEngine implements AutoCloseable {

  private final HikariDataSource pool;
  private final ProcessEngine engine;
  private final SqlCounter sql = new SqlCounter();

  private BareEngine(BenchDatabase database, String name, Map<Object, Object> beans, EngineSettings ours) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl(name, ours.h2Settings()));
    config.setPoolName("bare-" + name);
    if (database.postgres()) {
      config.setUsername("postgres");
      config.setPassword("");
      config.setMaximumPoolSize(20);
      config.setMinimumIdle(4);
      config.setConnectionTimeout(10_000);
      // the application's planner settings on its connections (application-postgres.yaml, or what bench.args makes them)
      config.setConnectionInitSql(ours.connectionInitSql());
    } else {
      config.setUsername("sa");
      config.setPassword("");
      config.setMaximumPoolSize(10); // Spring Boot's default, as the application on H2
    }
    pool = new HikariDataSource(config);
    ProcessEngineConfigurationImpl engineConfig = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneProcessEngineConfiguration();
    engineConfig.setProcessEngineName("bare-" + name);
    engineConfig.setDataSource(sql.wrap(pool));
    engineConfig.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    engineConfig.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    engineConfig.setAuthorizationEnabled(true);
    engineConfig.setDefaultUserPermissionNameForTask("TASK_WORK");
    engineConfig.setDefaultSerializationFormat("application/json");
    engineConfig.setEnableExceptionsAfterUnhandledBpmnError(true);
    engineConfig.setDeserializationTypeValidationEnabled(true);
    engineConfig.setJobExecutorActivate(true);
    // as the Spring Boot starter (camunda.bpm.id-generator: strong); the standalone default takes
    // id blocks in a second transaction, a second connection per command, and with 16 clients
    // on a pool of 10 every connection waits for another
    engineConfig.setIdGenerator(new org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator());
    engineConfig.setBeans(beans);
    // what else the application's engine is set to that changes the work: history removal time,
    // the job executor's threads and batches
    engineConfig.setHistoryRemovalTimeStrategy(ours.historyRemovalTimeStrategy());
    var jobs = new org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor();
    jobs.setCorePoolSize(ours.jobThreadsCore());
    jobs.setMaxPoolSize(ours.jobThreadsMax());
    engineConfig.setJobExecutor(jobs);
    engineConfig.getJobExecutor().setMaxJobsPerAcquisition(ours.maxJobsPerAcquisition());
    engineConfig.getJobExecutor().setWaitTimeInMillis(ours.waitTimeInMillis());
    engineConfig.getJobExecutor().setLockTimeInMillis(ours.lockTimeInMillis());
    engineConfig.setProcessEnginePlugins(List.<ProcessEnginePlugin>of(new SpinProcessEnginePlugin()));
    engine = engineConfig.buildProcessEngine();
    try (java.sql.Connection connection = pool.getConnection();
         java.sql.Statement statement = connection.createStatement()) {
      for (String index : engineTableIndexes()) {
        statement.execute(index);
      }
    } catch (java.sql.SQLException | IOException | RuntimeException e) {
      engine.close();
      pool.close();
      throw new IllegalStateException("the engine's tables as ours: " + e.getMessage(), e);
    }
  }

  /**
   * The indexes our changelog adds to the engine's own tables, read from it (each written there as
   * {@code <sql>CREATE INDEX FE_IDX_... ON ACT_... (...)</sql>}, which the changelog's comment on
   * fe-15 asks of the next one): the anchors get them too, so that the ratio weighs our work, not
   * an index the bare engine lacks.
   */
  static List<String> engineTableIndexes() throws IOException {
    String changelog;
    try (InputStream in = BareEngine.class.getClassLoader().getResourceAsStream("db/changelog.xml")) {
      if (in == null) {
        throw new IOException("db/changelog.xml is not on the classpath");
      }
      changelog = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    java.util.regex.Matcher indexes = java.util.regex.Pattern
        .compile("<sql>\\s*(CREATE INDEX FE_IDX_\\w+ ON ACT_\\w+ \\([^)]*\\))\\s*</sql>").matcher(changelog);
    List<String> found = new java.util.ArrayList<>();
    while (indexes.find()) {
      found.add(indexes.group(1));
    }
    if (found.isEmpty()) {
      throw new IllegalStateException("no index on the engine's tables in the changelog: the anchors would lack fe-15's");
    }
    return found;
  }

  /**
   * The settings of the application's engine a bare engine copies, those of its H2 URL ({@code ""}
   * on PostgreSQL), and what its pool runs on each new connection (the planner settings of
   * {@code application-postgres.yaml}; none on H2).
   */
  record EngineSettings(String historyRemovalTimeStrategy, int maxJobsPerAcquisition, int waitTimeInMillis,
      int lockTimeInMillis, int jobThreadsCore, int jobThreadsMax, String h2Settings, String connectionInitSql) {

    static EngineSettings of(InProcessApp application) {
      ProcessEngineConfigurationImpl c = (ProcessEngineConfigurationImpl) application.engine()
          .getProcessEngineConfiguration();
      var jobs = c.getJobExecutor();
      int[] threads = application.jobThreads();
      var environment = application.bean(org.springframework.core.env.Environment.class);
      return new EngineSettings(c.getHistoryRemovalTimeStrategy(), jobs.getMaxJobsPerAcquisition(),
          jobs.getWaitTimeInMillis(), jobs.getLockTimeInMillis(), threads[0], threads[1],
          BenchDatabase.h2Settings(environment.getRequiredProperty("spring.datasource.url")),
          environment.getProperty("spring.datasource.hikari.connection-init-sql"));
    }
  }

  /** Our models (every .bpmn, .dmn and .form of {@code bpmn/}) with {@code beans} for what they name. */
  static BareEngine withOurModels(BenchDatabase database, Map<Object, Object> beans, EngineSettings ours)
      throws IOException {
    BareEngine bare = new BareEngine(database, "stub-beans", beans, ours);
    DeploymentBuilder deployment = bare.engine.getRepositoryService().createDeployment().name("our models, stub beans");
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      for (Path file : files.sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          deployment.addString(file.getFileName().toString(), new String(in.readAllBytes(),
              java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    deployment.deploy();
    return bare;
  }

  /** One model and nothing else. */
  static BareEngine with(BenchDatabase database, String name, String resource, BpmnModelInstance model,
      EngineSettings ours) {
    BareEngine bare = new BareEngine(database, name, Map.of(), ours);
    bare.engine.getRepositoryService().createDeployment().addModelInstance(resource, model).deploy();
    return bare;
  }

  ProcessEngine engine() {
    return engine;
  }

  /** The URL its database was opened with. */
  String jdbcUrl() {
    return pool.getJdbcUrl();
  }

  SqlCounter sql() {
    return sql;
  }

  @Override
  public void close() {
    engine.close();
    pool.close();
  }
}
