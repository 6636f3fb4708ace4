package dev.frontierengage.platform;

import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;

/**
 * The process engine starts after the schema is in place: Spring Boot orders the beans this
 * detector names after every database initializer (here Liquibase), as it does for a
 * {@code JdbcTemplate}. The engine itself only checks the schema ({@code schema-update: false}).
 */
public class EngineAfterSchema implements DependsOnDatabaseInitializationDetector {

  @Override
  public Set<String> detect(ConfigurableListableBeanFactory beanFactory) {
    return Set.of(beanFactory.getBeanNamesForType(ProcessEngine.class, true, false));
  }
}
