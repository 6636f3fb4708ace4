package dev.frontierengage.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

class ReadOnceTest {

  /** Transactions with no resource behind them: only their synchronization matters here. */
  static final class Transactions extends AbstractPlatformTransactionManager {
    @Override
    protected Object doGetTransaction() {
      return new Object();
    }

    @Override
    protected boolean isExistingTransaction(Object transaction) {
      return TransactionSynchronizationManager.isActualTransactionActive();
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {}

    @Override
    protected Object doSuspend(Object transaction) {
      return new Object();
    }

    @Override
    protected void doResume(Object transaction, Object suspendedResources) {}

    @Override
    protected void doCommit(DefaultTransactionStatus status) {}

    @Override
    protected void doRollback(DefaultTransactionStatus status) {}
  }

  final ReadOnce<String> rows = new ReadOnce<>("rows");
  final AtomicInteger reads = new AtomicInteger();
  final TransactionTemplate transaction = new TransactionTemplate(new Transactions());

  Optional<String> read(String id) {
    return rows.get(id, key -> {
      reads.incrementAndGet();
      return key.startsWith("missing") ? Optional.empty() : Optional.of(key + "#" + reads.get());
    });
  }

  @Test
  void aRowIsReadOncePerTransactionUntilItIsForgotten() {
    transaction.executeWithoutResult(status -> {
      assertThat(read("a")).contains("a#1");
      assertThat(read("a")).contains("a#1");
      assertThat(reads).hasValue(1);
      rows.forget("a");
      assertThat(read("a")).contains("a#2");
      assertThat(read("b")).contains("b#3");
      assertThat(read("missing")).isEmpty();
      assertThat(read("missing")).isEmpty();
      assertThat(reads).as("a row not found is read again").hasValue(5);
      rows.put("c", "c as locked");
      assertThat(read("c")).as("a row put is what is read").contains("c as locked");
      assertThat(reads).hasValue(5);
    });
    transaction.executeWithoutResult(status -> assertThat(read("a")).as("the next transaction reads anew").contains("a#6"));
  }

  @Test
  void outsideATransactionEveryReadIsARead() {
    rows.put("a", "kept nowhere");
    assertThat(read("a")).contains("a#1");
    assertThat(read("a")).contains("a#2");
    rows.forget("a"); // nothing to forget: no failure
  }

  @Test
  void aTransactionInsideAnotherReadsForItselfAndTheOuterReadsAgainAfterIt() {
    TransactionTemplate inner = new TransactionTemplate(transaction.getTransactionManager());
    inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    transaction.executeWithoutResult(status -> {
      assertThat(read("a")).contains("a#1");
      inner.executeWithoutResult(innerStatus -> {
        assertThat(read("a")).contains("a#2");
        assertThat(read("a")).contains("a#2");
      });
      assertThat(read("a")).as("what the outer read may have changed meanwhile").contains("a#3");
    });
    assertThat(TransactionSynchronizationManager.getResource(rows)).isNull();
  }
}
