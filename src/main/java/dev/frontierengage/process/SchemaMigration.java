package dev.frontierengage.process;

import javax.sql.DataSource;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Applies the schema ({@code db/changelog.xml}: Camunda's changelog, then ours) with Liquibase
 * before the engine starts, once the node has its {@link StartupTurn}: Liquibase's own lock is a
 * table it first has to create, and two nodes creating it (or the changelog table) at once fail.
 */
@Configuration(proxyBeanMethods = false)
class SchemaMigration {

  @Bean
  SpringLiquibase liquibase(DataSource dataSource, StartupTurn turn,
      @Value("${spring.liquibase.change-log}") String changeLog) {
    SpringLiquibase liquibase = new SpringLiquibase() {
      @Override
      public void afterPropertiesSet() throws LiquibaseException {
        turn.take(dataSource);
        super.afterPropertiesSet();
      }
    };
    liquibase.setDataSource(dataSource);
    liquibase.setChangeLog(changeLog);
    return liquibase;
  }
}
