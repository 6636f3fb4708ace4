package dev.frontierengage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The database an application test runs on: H2 in memory by default; with
 * {@code -Dtest.db=postgres} (Maven profile {@code postgres}) a fresh PostgreSQL database on
 * 127.0.0.1:5432 (another server: {@code -Dtest.pgServer=jdbc:postgresql://host:port/}), created
 * for the test and dropped when the JVM ends, with the application's {@code postgres} profile
 * active.
 */
public final class TestDatabase {

  /**
   * The PostgreSQL server the tests and the benchmark create their databases on: the local one,
   * unless {@code test.pgServer} names another (such as a server of one's own with
   * {@code pg_stat_statements} loaded, to see where the benchmark's statements spend the
   * database's time).
   */
  public static final String SERVER = System.getProperty("test.pgServer", "jdbc:postgresql://127.0.0.1:5432/");

  private TestDatabase() {}

  public static boolean postgres() {
    return "postgres".equals(System.getProperty("test.db"));
  }

  /** Spring properties for a database of its own named after {@code name}. */
  public static Map<String, String> properties(String name) {
    Map<String, String> properties = new LinkedHashMap<>();
    if (!postgres()) {
      properties.put("spring.datasource.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
      return properties;
    }
    String database = ("fe_" + name + "_" + UUID.randomUUID().toString().substring(0, 8))
        .toLowerCase().replaceAll("[^a-z0-9_]", "_");
    admin("CREATE DATABASE " + database);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)")));
    properties.put("spring.profiles.active", "postgres");
    properties.put("spring.datasource.url", SERVER + database);
    properties.put("spring.datasource.username", "postgres");
    properties.put("spring.datasource.password", "");
    return properties;
  }

  /** The same, as command-line arguments for {@code SpringApplication.run}. */
  public static String[] arguments(String name, String... more) {
    var arguments = new java.util.ArrayList<String>();
    properties(name).forEach((key, value) -> arguments.add("--" + key + "=" + value));
    arguments.addAll(java.util.List.of(more));
    return arguments.toArray(String[]::new);
  }

  /** Runs {@code sql} (CREATE or DROP DATABASE) on the server's maintenance database. */
  public static void admin(String sql) {
    try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + SERVER + ": " + sql + ": " + e.getMessage(), e);
    }
  }

  /**
   * A fresh database {@code name} of the tests' kind with the application's schema, whose every
   * statement (as it ran, once it ran) goes to {@code ran}: to count what a piece of code runs.
   */
  public static javax.sql.DataSource counted(String name, java.util.function.Consumer<String> ran) throws Exception {
    Map<String, String> properties = properties(name);
    org.springframework.jdbc.datasource.DriverManagerDataSource plain = new org.springframework.jdbc.datasource
        .DriverManagerDataSource(properties.get("spring.datasource.url"),
        properties.getOrDefault("spring.datasource.username", "sa"), properties.getOrDefault("spring.datasource.password", ""));
    schema(plain);
    return net.ttddyy.dsproxy.support.ProxyDataSourceBuilder.create(plain)
        .afterQuery((execution, queries) -> queries.forEach(query -> ran.accept(query.getQuery()))).build();
  }

  /** Applies the application's schema (its Liquibase changelog, Camunda's tables included) to {@code database}. */
  public static void schema(javax.sql.DataSource database) throws Exception {
    liquibase.integration.spring.SpringLiquibase liquibase = new liquibase.integration.spring.SpringLiquibase();
    liquibase.setDataSource(database);
    liquibase.setChangeLog("classpath:db/changelog.xml");
    liquibase.setResourceLoader(new org.springframework.core.io.DefaultResourceLoader());
    liquibase.afterPropertiesSet();
  }
}
