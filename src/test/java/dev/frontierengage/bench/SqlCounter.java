package dev.frontierengage.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Counts the SQL statements a data source executes (datasource-proxy): each statement of a batch
 * counts. One counter per engine the benchmark runs; {@link #count()} before and after a run.
 */
final class SqlCounter implements QueryExecutionListener {

  /** The in-process application's counter: its data source bean is wrapped by {@link Wiring}. */
  static final SqlCounter APPLICATION = new SqlCounter();

  private final AtomicLong statements = new AtomicLong();

  long count() {
    return statements.get();
  }

  DataSource wrap(DataSource dataSource) {
    return ProxyDataSourceBuilder.create(dataSource).listener(this).build();
  }

  @Override
  public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
    // counted after
  }

  @Override
  public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
    statements.addAndGet(Math.max(1, execution.getBatchSize() > 0 ? execution.getBatchSize() : queries.size()));
  }

  /** Added to the in-process application: its data source, counted. */
  @Configuration(proxyBeanMethods = false)
  static class Wiring {

    @Bean
    static BeanPostProcessor countingDataSource() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          return bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)
              ? APPLICATION.wrap(dataSource) : bean;
        }
      };
    }
  }
}
