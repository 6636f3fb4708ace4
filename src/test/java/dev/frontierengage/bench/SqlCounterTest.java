package dev.frontierengage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The benchmark's statement counter, and its switch for the slices (bench.sliceSql). */
class SqlCounterTest {

  private static DataSource h2(String name) {
    JdbcDataSource plain = new JdbcDataSource();
    plain.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    return plain;
  }

  private static void writeOnce(DataSource dataSource) throws Exception {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.execute("create table if not exists t (n int)");
      statement.execute("insert into t values (1)");
      statement.executeQuery("select count(*) from t").close();
      connection.commit();
    }
  }

  @Test
  void countsEachStatementAndEachCommitThatWroteWhileCounting() throws Exception {
    SqlCounter counter = new SqlCounter();
    DataSource counted = counter.wrap(h2("counted"));

    writeOnce(counted);

    assertThat(counter.count()).isEqualTo(3);
    assertThat(counter.commits()).isEqualTo(1);
    assertThat(counter.byKind()).containsEntry("insert t", 1L).containsEntry("select t", 1L);
  }

  @Test
  void switchedOffItHandsOutThePoolsOwnConnectionsAndCountsNothingUntilSwitchedOnAgain() throws Exception {
    SqlCounter counter = new SqlCounter();
    DataSource plain = h2("switched");
    DataSource wrapped = counter.wrap(plain);

    counter.counting(false);
    try (Connection connection = wrapped.getConnection(); Connection driver = plain.getConnection()) {
      // not datasource-proxy's: the driver's own connection, no reflective proxy in between
      assertThat(java.lang.reflect.Proxy.isProxyClass(connection.getClass())).isFalse();
      assertThat(connection.getClass()).isEqualTo(driver.getClass());
    }
    writeOnce(wrapped);
    assertThat(counter.count()).isZero();
    assertThat(counter.commits()).isZero();

    counter.counting(true);
    writeOnce(wrapped);
    assertThat(counter.count()).isEqualTo(3);
    assertThat(counter.commits()).isEqualTo(1);
  }

  @Test
  void aTransactionTakenWhileCountingCountsToItsEndAcrossTheSwitch() throws Exception {
    SqlCounter counter = new SqlCounter();
    DataSource wrapped = counter.wrap(h2("across"));

    try (Connection connection = wrapped.getConnection(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.execute("create table if not exists t (n int)");
      counter.counting(false);
      statement.execute("insert into t values (1)");
      connection.commit();
    }

    assertThat(counter.count()).isEqualTo(2);
    assertThat(counter.commits()).isEqualTo(1);
  }

  @Test
  void theApplicationsDataSourceIsWrappedOnceAndUnwrapsToThePool() throws Exception {
    DataSource plain = h2("unwrap");
    var wiring = SqlCounter.Wiring.countingDataSource();
    Object wrapped = wiring.postProcessAfterInitialization(plain, "dataSource");

    assertThat(wrapped).isInstanceOf(SqlCounter.Switched.class);
    assertThat(wiring.postProcessAfterInitialization(wrapped, "dataSource")).isSameAs(wrapped);
    assertThat(((DataSource) wrapped).unwrap(JdbcDataSource.class)).isSameAs(plain);
    assertThat(((DataSource) wrapped).isWrapperFor(JdbcDataSource.class)).isTrue();
  }
}
