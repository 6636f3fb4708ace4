package dev.frontierengage.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Applies the schema ({@code db/changelog.xml}: Camunda's changelog, then ours) with Liquibase
 * before the engine starts, once the node has its {@link StartupTurn}: Liquibase's own lock is a
 * table it first has to create, and two nodes creating it (or the changelog table) at once fail.
 * Only {@code spring.liquibase.change-log} is read; the other {@code spring.liquibase.*} settings
 * of Spring Boot's own Liquibase set-up do not apply.
 */
@Configuration(proxyBeanMethods = false)
class SchemaMigration {

  @Bean
  SpringLiquibase liquibase(DataSource dataSource, StartupTurn turn,
      @Value("${spring.liquibase.change-log}") String changeLog) {
    SpringLiquibase liquibase = new SpringLiquibase() {
      @Override
      public void afterPropertiesSet() throws LiquibaseException {
        if (turn.take(dataSource)) {
          releaseStaleLock(dataSource);
        }
        super.afterPropertiesSet();
      }
    };
    liquibase.setDataSource(dataSource);
    liquibase.setChangeLog(changeLog);
    return liquibase;
  }

  /**
   * Holding the start-up turn, this node is the only one migrating: a Liquibase lock left set
   * is stale (a node killed in the middle of a migration) and is released instead of waited on.
   */
  static void releaseStaleLock(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      if (connection.getMetaData().getTables(null, null, "databasechangeloglock", null).next()) {
        int released = statement.executeUpdate("UPDATE databasechangeloglock SET locked = FALSE, lockgranted = NULL,"
            + " lockedby = NULL WHERE locked");
        if (released > 0) {
          LoggerFactory.getLogger(SchemaMigration.class).warn("Released a stale Liquibase lock");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not check Liquibase's lock: " + e.getMessage(), e);
    }
  }
}
