package dev.frontierengage.platform;

import java.sql.Connection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps an organization's count of something (its API clients, its webhooks) within its limit
 * when requests come at the same moment: a count and the insert after it run alone among that
 * organization's for the same thing, in one transaction. On PostgreSQL, across every node (a
 * transaction-scoped advisory lock on the organization and the thing); on H2, which only one node
 * opens, on this node.
 */
@Component
public class OrganizationLimits {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final ConcurrentHashMap<String, Object> onThisNode = new ConcurrentHashMap<>();
  private volatile Boolean postgres;

  public OrganizationLimits(DataSource dataSource, PlatformTransactionManager transactionManager) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /** {@code work} (a count, then an insert), alone among the organization's runs for {@code thing}. */
  public <T> T alone(String thing, String organization, Supplier<T> work) {
    if (org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()) {
      // joined to the caller's, the count and the insert would commit after the lock is gone
      throw new IllegalStateException("a limited insert runs in a transaction of its own, not inside another");
    }
    String key = thing + "/" + organization;
    synchronized (onThisNode.computeIfAbsent(key, k -> new Object())) {
      return transactions.execute(status -> {
        if (postgres()) {
          jdbc.query("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> null, key);
        }
        return work.get();
      });
    }
  }

  private boolean postgres() {
    Boolean known = postgres;
    if (known == null) {
      known = "PostgreSQL".equals(jdbc.execute((Connection c) -> c.getMetaData().getDatabaseProductName()));
      postgres = known;
    }
    return known;
  }
}
