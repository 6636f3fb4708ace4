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

  Admission(int concurrent, long promoteAfterNanos, LongSupplier nanoTime) {
    this.queue = new AdmissionQueue(concurrent, promoteAfterNanos);
    this.nanoTime = nanoTime;
  }

  public Admission(int concurrent, java.time.Duration promoteAfter) {
    this(concurrent, promoteAfter.toNanos(), System::nanoTime);
  }

  /**
   * Waits at most {@code maxWaitNanos} to run: whether it may (false: it waited that long, or
   * its thread was interrupted, whose flag is set again; it must not {@link #leave}).
   */
  public boolean enter(Priority priority, long maxWaitNanos) {
    lock.lock();
    try {
      Ticket ticket = queue.arrive(priority, nanoTime.getAsLong());
      if (ticket.admitted()) {
        return true;
      }
      Condition admitted = lock.newCondition();
      waiting.put(ticket, admitted);
      try {
        long left = maxWaitNanos;
        boolean interrupted = false;
        while (!ticket.admitted() && left > 0 && !interrupted) {
          try {
            left = admitted.awaitNanos(left);
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        if (ticket.admitted()) {
          if (!interrupted) {
            return true;
          }
          leaveLocked(); // admitted as it was interrupted: its place goes on to the next
          return false;
        }
        queue.cancel(ticket);
        return false;
      } finally {
        waiting.remove(ticket);
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
    queue.leave(nanoTime.getAsLong()).ifPresent(next -> waiting.get(next).signal());
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
