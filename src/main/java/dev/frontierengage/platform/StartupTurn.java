package dev.frontierengage.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Nodes of a cluster start one at a time: on PostgreSQL a node holds a session-level advisory
 * lock from before the schema migration until it is ready, so the schema, the seeded users,
 * groups and authorizations and the deployments are each written by one node,
 * and the nodes after it find them in place. The lock lives on a connection of its own, outside
 * the pool, and closing that connection frees it: a node that dies, or fails to start, frees it.
 * A node waits at most {@code frontier-engage.startup-turn-timeout} for its turn, then fails.
 * H2 (one node, embedded) needs no turn.
 */
@Component
class StartupTurn implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

  /** A fixed key, the same on every node. */
  static final long LOCK_KEY = 0x4645_5354_4152_5455L;
  private static final Logger LOG = LoggerFactory.getLogger(StartupTurn.class);

  private final Duration timeout;
  private Connection held;

  StartupTurn(@Value("${frontier-engage.startup-turn-timeout:10m}") Duration timeout) {
    this.timeout = timeout;
  }

  /** Waits for this node's turn; true when it holds the turn (PostgreSQL), false on H2. */
  synchronized boolean take(DataSource dataSource) {
    if (held != null) {
      return true;
    }
    Connection connection = null;
    try {
      connection = ownConnection(dataSource);
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        connection.close();
        return false;
      }
      Instant deadline = Instant.now().plus(timeout);
      LOG.info("Waiting for this node's turn to start (advisory lock {}, at most {})", LOCK_KEY, timeout);
      while (!tryLock(connection)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("another node has been starting for longer than " + timeout
              + " (PostgreSQL advisory lock " + LOCK_KEY + "); see pg_locks");
        }
        TimeUnit.MILLISECONDS.sleep(500); // the other node's start-up, seconds long
      }
      held = connection;
      return true;
    } catch (SQLException e) {
      close(connection);
      throw new IllegalStateException("could not take this node's start-up turn: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      close(connection);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for this node's start-up turn", e);
    } catch (RuntimeException e) {
      close(connection);
      throw e;
    }
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent ready) {
    release();
  }

  @Override
  public void destroy() {
    release();
  }

  /** Passes the turn on: closing the lock's own connection ends its session and frees the lock. */
  private synchronized void release() {
    if (held != null) {
      close(held);
      held = null;
      LOG.info("Start-up turn passed on");
    }
  }

  /** A connection outside the pool, so that closing it really ends the session. */
  private static Connection ownConnection(DataSource dataSource) throws SQLException {
    // the pool itself, or a pool behind a wrapper (a data source that counts or traces statements)
    HikariDataSource hikari = dataSource instanceof HikariDataSource pool ? pool
        : dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
    if (hikari != null) {
      return DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
    }
    return dataSource.getConnection();
  }

  private static boolean tryLock(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet locked = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
      return locked.next() && locked.getBoolean(1);
    }
  }

  private static void close(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.warn("Closing the start-up turn's connection: {}", e.getMessage());
      }
    }
  }
}
