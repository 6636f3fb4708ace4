package dev.frontierengage;

import org.springframework.core.Ordered;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Closes each application test's context when its class is done, before the next class starts
 * its own. Every application test has a database of its own, so no context is ever shared, and a
 * cached one only holds its connection pool open (on PostgreSQL the cached pools and the cluster
 * tests' nodes ran out of the server's 100 connections). Not Spring's context cache limit: it
 * evicts the old context after the new one started, and closing an engine then unregisters the
 * name {@code default} the new engine had just taken, which the webapps look it up by.
 */
public class OneContextAtATime implements TestExecutionListener, Ordered {

  @Override
  public void afterTestClass(TestContext testContext) {
    if (testContext.hasApplicationContext()) {
      testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
