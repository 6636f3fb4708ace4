package dev.frontierengage.process;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A record's rows read once per transaction: a command evaluates many expressions and listeners
 * on the same row (a gateway, a timer, a decision's inputs, a form's context), and each would
 * read it again. Whoever writes or locks a row {@link #forget}s it, so what is read after a
 * write or a lock is the row. Outside a transaction nothing is kept.
 *
 * @param <V> what a row is read as (immutable)
 */
public final class ReadOnce<V> {

  private final String name;

  /** {@code name}: what is kept, for a transaction's resources when they are listed. */
  public ReadOnce(String name) {
    this.name = name;
  }

  /** The row of {@code id} as this transaction read it, or as {@code read} reads it now. */
  public Optional<V> get(String id, Function<String, Optional<V>> read) {
    Map<String, V> kept = kept();
    V known = kept == null ? null : kept.get(id);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<V> found = read.apply(id);
    if (kept != null) {
      found.ifPresent(value -> kept.put(id, value));
    }
    return found;
  }

  /** Keeps {@code value} as the row of {@code id}, read by other means in this transaction (nothing outside one). */
  public void put(String id, V value) {
    Map<String, V> kept = kept();
    if (kept != null) {
      kept.put(id, value);
    }
  }

  /** Drops the row of {@code id} this transaction read, if any: it was written or locked. */
  public void forget(String id) {
    Map<String, V> kept = kept();
    if (kept != null) {
      kept.remove(id);
    }
  }

  @Override
  public String toString() {
    return name + " read in this transaction";
  }

  /** What the current transaction read, or null outside a transaction. */
  @SuppressWarnings("unchecked")
  private Map<String, V> kept() {
    Map<String, V> kept = (Map<String, V>) TransactionSynchronizationManager.getResource(this);
    if (kept == null && TransactionSynchronizationManager.isSynchronizationActive()) {
      kept = new HashMap<>();
      TransactionSynchronizationManager.bindResource(this, kept);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void suspend() {
          TransactionSynchronizationManager.unbindResource(ReadOnce.this);
        }

        @Override
        public void resume() {
          // what the suspended transaction read may have changed meanwhile: read again
          TransactionSynchronizationManager.bindResource(ReadOnce.this, new HashMap<String, V>());
        }

        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(ReadOnce.this);
        }
      });
    }
    return kept;
  }
}
