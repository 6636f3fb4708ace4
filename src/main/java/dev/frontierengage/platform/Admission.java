package dev.frontierengage.platform;

import dev.frontierengage.platform.AdmissionQueue.Priority;
import dev.frontierengage.platform.AdmissionQueue.Ticket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * At most so many requests run at once, the rest wait in line ({@link AdmissionQueue}: the
 * developer API first), each for a bounded time. A thread that is admitted must {@link #leave}
 * once done, whatever happened.
 */
public final class Admission {

  private final AdmissionQueue queue;
  private final LongSupplier nanoTime;
  private final ReentrantLock lock = new ReentrantLock();
  /** Each waiting request's condition, signalled when it is admitted. */
  private final Map<Ticket, Condition> waiting = new HashMap<>();

  Admission(int concurrent, int maxWaiting, int maxWaitingPerCaller, long promoteAfterNanos, LongSupplier nanoTime) {
    this.queue = new AdmissionQueue(concurrent, maxWaiting, maxWaitingPerCaller, promoteAfterNanos);
    this.nanoTime = nanoTime;
  }

  Admission(int concurrent, int maxWaiting, long promoteAfterNanos, LongSupplier nanoTime) {
    this(concurrent, maxWaiting, maxWaiting, promoteAfterNanos, nanoTime);
  }

  public Admission(int concurrent, int maxWaiting, int maxWaitingPerCaller, java.time.Duration promoteAfter) {
    this(concurrent, maxWaiting, maxWaitingPerCaller, promoteAfter.toNanos(), System::nanoTime);
  }

  public Admission(int concurrent, int maxWaiting, java.time.Duration promoteAfter) {
    this(concurrent, maxWaiting, maxWaiting, promoteAfter);
  }

  /**
   * Waits at most {@code maxWaitNanos} to run, taking turns with other callers ({@link AdmissionQueue}):
   * whether it may (false: the line, or the caller's share of it, was full, it waited that long,
   * or its thread was interrupted, whose flag is set again; it must not {@link #leave}).
   */
  public boolean enter(Priority priority, String caller, long maxWaitNanos) {
    lock.lock();
    try {
      Ticket ticket = queue.arrive(priority, caller, nanoTime.getAsLong());
      if (ticket.admitted() || ticket.turnedAway()) {
        return ticket.admitted();
      }
      Condition admitted = lock.newCondition();
      waiting.put(ticket, admitted);
      boolean entered = false;
      boolean interrupted = false;
      try {
        long left = maxWaitNanos;
        while (!ticket.admitted() && left > 0 && !interrupted) {
          try {
            left = admitted.awaitNanos(left);
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        entered = ticket.admitted() && !interrupted;
        return entered;
      } finally {
        waiting.remove(ticket);
        if (!entered && !queue.cancel(ticket)) {
          leaveLocked(); // admitted as it gave up (interrupted, or failed): the place goes on to the next
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** An admitted request is done: its place goes to the next in line. */
  public void leave() {
    lock.lock();
    try {
      leaveLocked();
    } finally {
      lock.unlock();
    }
  }

  private void leaveLocked() {
    queue.leave(nanoTime.getAsLong()).ifPresent(next -> {
      Condition admitted = waiting.get(next);
      if (admitted != null) { // always there: each waiting ticket's condition is put before it waits
        admitted.signal();
      }
    });
  }

  /** Requests running now. */
  public int running() {
    lock.lock();
    try {
      return queue.running();
    } finally {
      lock.unlock();
    }
  }

  /** Requests waiting now. */
  public int waiting() {
    lock.lock();
    try {
      return queue.waiting();
    } finally {
      lock.unlock();
    }
  }
}
