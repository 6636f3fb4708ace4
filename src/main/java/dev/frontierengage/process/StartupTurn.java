package dev.frontierengage.process;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Nodes of a cluster start one at a time: on PostgreSQL a node holds a session-level advisory
 * lock from before the schema migration until it is ready, so the schema, the seeded users,
 * groups and authorizations, the seal key and the deployments are each written by one node,
 * and the nodes after it find them in place. The lock belongs to a connection: a node that dies
 * while starting frees it. H2 (one node, embedded) needs no turn.
 */
@Component
class StartupTurn implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

  /** A fixed key, the same on every node. */
  static final long LOCK_KEY = 0x4645_5354_4152_5455L;
  private static final Logger LOG = LoggerFactory.getLogger(StartupTurn.class);

  private Connection held;

  synchronized void take(DataSource dataSource) {
    if (held != null) {
      return;
    }
    try {
      Connection connection = dataSource.getConnection();
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        connection.close();
        return;
      }
      LOG.info("Waiting for this node's turn to start (advisory lock {})", LOCK_KEY);
      execute(connection, "SELECT pg_advisory_lock(" + LOCK_KEY + ")");
      held = connection;
    } catch (SQLException e) {
      throw new IllegalStateException("could not take this node's start-up turn: " + e.getMessage(), e);
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

  private synchronized void release() {
    if (held == null) {
      return;
    }
    try (Connection connection = held) {
      execute(connection, "SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
      LOG.info("Start-up turn passed on");
    } catch (SQLException e) {
      LOG.warn("Start-up lock released by closing its connection: {}", e.getMessage());
    } finally {
      held = null;
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
