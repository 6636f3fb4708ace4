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

  /**
   * Transactions that wrote, so far: each {@code Connection.commit()} after a statement other than
   * a SELECT on that connection, and each such statement run in auto-commit (its own transaction).
   * On H2 each one writes the store; on PostgreSQL each one flushes the log. (A transaction that
   * only read commits too, under Spring's transaction manager, but writes nothing.)
   */
  long commits() {
    return commits.get();
  }

  private final AtomicLong commits = new AtomicLong();
  /** Connections (datasource-proxy's ids) whose open transaction has written. */
  private final java.util.Set<String> wrote = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * The statement texts executed since {@link #newWindow}: how many a measured round used is what
   * each session's cache of parsed statements on H2 ({@code QUERY_CACHE_SIZE}) would hold to
   * parse none of them twice. Swapped by the measuring thread only.
   */
  private volatile java.util.Set<String> texts = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Starts counting statement texts afresh ({@link #texts}). */
  void newWindow() {
    texts = java.util.concurrent.ConcurrentHashMap.newKeySet();
  }

  /** How many distinct statement texts were executed since {@link #newWindow}. */
  int distinctTexts() {
    return texts.size();
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
      if (lower.startsWith("select * from final table (")) {
        lower = lower.substring("select * from final table (".length()); // H2's update that returns its row: an update
      }
      java.util.regex.Matcher table = TABLE.matcher(lower);
      String verb = lower.isEmpty() ? "?" : lower.split(" ", 2)[0];
      return verb + (table.find() ? " " + table.group(1) : "");
    });
  }

  /**
   * Whether the data sources this counter wrapped hand out counted connections ({@link #counting}):
   * each JDBC call through datasource-proxy goes through a reflective proxy, which costs CPU, and
   * more in ours (its {@code JdbcTemplate} calls more of a connection's and a statement's methods
   * than the engine's MyBatis does: 1.8 % of ours' clients' CPU against 0.9 % of anchor (a)'s in a
   * profile). The slices measure throughput and CPU only, so they run without it
   * ({@code bench.sliceSql=false}, the default); the rounds, which report the statements, with it.
   */
  private volatile boolean counting = true;

  /**
   * From now on, connections taken from the data sources this counter wrapped are counted (the
   * default) or the pool's own, uncounted. A connection already taken stays as it was taken: a
   * transaction running at the switch counts to its end.
   */
  void counting(boolean on) {
    counting = on;
  }

  /**
   * {@code dataSource} with its statements and commits counted while {@link #counting(boolean)}
   * is on; otherwise its own connections.
   */
  DataSource wrap(DataSource dataSource) {
    return new Switched(dataSource, proxied(dataSource));
  }

  /**
   * A data source whose connections are the counted proxy's while counting is on, else the pool's
   * own (Spring's delegate for the rest: unwrapping reaches the pool).
   */
  final class Switched extends org.springframework.jdbc.datasource.DelegatingDataSource {
    private final DataSource counted;

    private Switched(DataSource plain, DataSource counted) {
      super(plain);
      this.counted = counted;
    }

    @Override
    public java.sql.Connection getConnection() throws java.sql.SQLException {
      return counting ? counted.getConnection() : super.getConnection();
    }

    @Override
    public java.sql.Connection getConnection(String username, String password) throws java.sql.SQLException {
      return counting ? counted.getConnection(username, password) : super.getConnection(username, password);
    }
  }

  private DataSource proxied(DataSource dataSource) {
    return ProxyDataSourceBuilder.create(dataSource).listener(this).methodListener(
        new net.ttddyy.dsproxy.listener.MethodExecutionListener() {
          @Override
          public void beforeMethod(net.ttddyy.dsproxy.listener.MethodExecutionContext context) {
            // counted after
          }

          @Override
          public void afterMethod(net.ttddyy.dsproxy.listener.MethodExecutionContext context) {
            if (context.getTarget() instanceof java.sql.Connection) {
              String method = context.getMethod().getName();
              String connection = context.getConnectionInfo() == null ? null : context.getConnectionInfo().getConnectionId();
              if (("commit".equals(method) || "rollback".equals(method) || "close".equals(method))
                  && connection != null && wrote.remove(connection) && "commit".equals(method)
                  && context.getThrown() == null) {
                commits.incrementAndGet();
                countCommitSite();
              }
            }
          }
        }).build();
  }

  @Override
  public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
    // counted after
  }

  @Override
  public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
    long n = Math.max(1, execution.getBatchSize() > 0 ? execution.getBatchSize() : queries.size());
    statements.addAndGet(n);
    if (!queries.isEmpty() && !kind(queries.get(0).getQuery()).startsWith("select")) {
      if (autoCommit(execution)) {
        commits.incrementAndGet();
        countCommitSite();
      } else if (execution.getConnectionId() != null) {
        wrote.add(execution.getConnectionId());
      }
    }
    if (!queries.isEmpty()) {
      texts.add(queries.get(0).getQuery());
      String kind = kind(queries.get(0).getQuery());
      byKind.computeIfAbsent(kind, k -> new java.util.concurrent.atomic.LongAdder()).add(n);
      if (SITE_KINDS.contains(kind)) {
        sites.computeIfAbsent(kind + " <- " + site(), k -> new java.util.concurrent.atomic.LongAdder()).add(n);
      }
    }
  }

  private static boolean autoCommit(ExecutionInfo execution) {
    try {
      return execution.getStatement() != null && execution.getStatement().getConnection().getAutoCommit();
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  /**
   * Statement kinds whose callers are counted too ({@code -Dbench.sqlSites=select fe_engagement,select
   * act_ru_execution}): to find which of our classes (or, when none, which engine command) issues them.
   */
  static final java.util.Set<String> SITE_KINDS = java.util.Set.of(System.getProperty("bench.sqlSites", "")
      .split(",")).stream().map(String::strip).filter(k -> !k.isEmpty())
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> sites =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** How many statements of the kinds asked for came from each caller so far. */
  java.util.Map<String, Long> bySite() {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    sites.forEach((site, n) -> counts.put(site, n.sum()));
    return counts;
  }

  /**
   * With {@code commit} among {@code bench.sqlSites}: who committed each transaction that wrote,
   * as the first frame of ours (the benchmark's driver included) and the engine command under it.
   */
  private void countCommitSite() {
    if (SITE_KINDS.contains("commit")) {
      String ours = null;
      String command = null;
      for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
        String type = frame.getClassName();
        if (ours == null && type.startsWith("dev.frontierengage.") && !type.endsWith("SqlCounter")
            && !type.contains("SqlCounter$")) {
          ours = type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethodName();
        }
        if (command == null && type.startsWith("org.camunda.bpm.engine.impl.cmd.")) {
          command = type.substring(type.lastIndexOf('.') + 1);
        }
      }
      sites.computeIfAbsent("commit <- " + ours + " in " + command, k -> new java.util.concurrent.atomic.LongAdder())
          .increment();
    }
  }

  /**
   * Our first four frames outside the benchmark, innermost first ({@code <}: called by), so that a
   * read through a shared helper names who asked for it, and the engine command it runs in (the
   * first class on the stack whose name ends in {@code Cmd}; {@code null}: none, such as what runs
   * just before a transaction commits).
   */
  private static String site() {
    String ours = null;
    String command = null;
    int depth = 0;
    for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
      String type = frame.getClassName();
      if (type.startsWith("dev.frontierengage.") && !type.startsWith("dev.frontierengage.bench.") && depth < 4) {
        String at = type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethodName() + ":" + frame.getLineNumber();
        ours = ours == null ? at : ours + " < " + at;
        depth++;
      }
      if (command == null && type.endsWith("Cmd")) {
        command = type.substring(type.lastIndexOf('.') + 1);
      }
    }
    return (ours == null ? "engine" : ours) + " in " + command;
  }

  /** Added to the in-process application: its data source, counted. */
  @Configuration(proxyBeanMethods = false)
  static class Wiring {

    @Bean
    static BeanPostProcessor countingDataSource() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          return bean instanceof DataSource dataSource && !(bean instanceof Switched)
              ? APPLICATION.wrap(dataSource) : bean;
        }
      };
    }
  }
}
