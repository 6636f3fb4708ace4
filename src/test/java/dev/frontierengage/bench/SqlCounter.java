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
  /** Statements by their text's start (what they do to which table), for the report of where SQL goes. */
  private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> byKind =
      new java.util.concurrent.ConcurrentHashMap<>();

  long count() {
    return statements.get();
  }

  /** How many statements of each kind so far. */
  java.util.Map<String, Long> byKind() {
    java.util.Map<String, Long> counts = new java.util.HashMap<>();
    byKind.forEach((kind, n) -> counts.put(kind, n.sum()));
    return counts;
  }

  private static final java.util.regex.Pattern TABLE = java.util.regex.Pattern.compile(
      "(?:into|update|from|delete from) ([a-z_.]+)");
  private static final java.util.regex.Pattern SPACE = java.util.regex.Pattern.compile("\\s+");
  /** Kinds by statement text: the engine's statements are few texts, so each is classified once. */
  private static final java.util.concurrent.ConcurrentHashMap<String, String> KINDS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The statement's verb and table: "insert act_hi_detail", "select act_ru_task" (the first table named). */
  static String kind(String sql) {
    return KINDS.computeIfAbsent(sql, text -> {
      String lower = SPACE.matcher(text.strip()).replaceAll(" ").toLowerCase(java.util.Locale.ROOT);
      java.util.regex.Matcher table = TABLE.matcher(lower);
      String verb = lower.isEmpty() ? "?" : lower.split(" ", 2)[0];
      return verb + (table.find() ? " " + table.group(1) : "");
    });
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
    long n = Math.max(1, execution.getBatchSize() > 0 ? execution.getBatchSize() : queries.size());
    statements.addAndGet(n);
    if (!queries.isEmpty()) {
      byKind.computeIfAbsent(kind(queries.get(0).getQuery()), k -> new java.util.concurrent.atomic.LongAdder()).add(n);
    }
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
