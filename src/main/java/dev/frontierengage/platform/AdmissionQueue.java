package dev.frontierengage.platform;

import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Who may run next, when at most {@code concurrent} requests run at once: the state of {@link Admission},
 * with time passed in and no waiting of its own (so that a test can drive it step by step). A
 * request of {@link Priority#FIRST} is admitted before every request of {@link Priority#REST}
 * that has waited less than {@code promoteAfter}; one that has waited that long counts as first
 * from then on, in the order it arrived, so no request waits for ever behind a stream of first
 * ones. Within a priority, first come, first served. At most {@code maxWaiting} wait: a request that
 * finds no place and the line full is turned away. Not thread-safe: {@link Admission} holds its
 * lock around every call.
 */
final class AdmissionQueue {

  enum Priority {
    /** The developer API: what an external client waits for, with a latency target of its own. */
    FIRST,
    /** Everything else that is limited: engine-rest, the agency's API, the webapps' APIs. */
    REST
  }

  /** One request, waiting or admitted. */
  static final class Ticket {
    final Priority priority;
    final long arrivedNanos;
    private boolean admitted;
    private boolean turnedAway;

    private Ticket(Priority priority, long arrivedNanos) {
      this.priority = priority;
      this.arrivedNanos = arrivedNanos;
    }

    boolean admitted() {
      return admitted;
    }

    /** Whether it found no place and the line full, and so neither runs nor waits. */
    boolean turnedAway() {
      return turnedAway;
    }
  }

  private final int concurrent;
  private final int maxWaiting;
  private final long promoteAfterNanos;
  private int running;
  private final ArrayDeque<Ticket> first = new ArrayDeque<>();
  private final ArrayDeque<Ticket> rest = new ArrayDeque<>();

  AdmissionQueue(int concurrent, int maxWaiting, long promoteAfterNanos) {
    if (concurrent < 1) {
      throw new IllegalArgumentException("at least one request must be able to run");
    }
    if (maxWaiting < 0) {
      throw new IllegalArgumentException("a line cannot hold fewer than none");
    }
    if (promoteAfterNanos < 0) {
      throw new IllegalArgumentException("a wait cannot be negative");
    }
    this.concurrent = concurrent;
    this.maxWaiting = maxWaiting;
    this.promoteAfterNanos = promoteAfterNanos;
  }

  /**
   * A request arrives at {@code now}: admitted at once if a place is free, else it waits in line,
   * or is turned away if the line is full.
   */
  Ticket arrive(Priority priority, long now) {
    Ticket ticket = new Ticket(priority, now);
    if (running < concurrent && first.isEmpty() && rest.isEmpty()) {
      admit(ticket);
    } else if (waiting() >= maxWaiting) {
      ticket.turnedAway = true;
    } else {
      (priority == Priority.FIRST ? first : rest).addLast(ticket);
    }
    return ticket;
  }

  /**
   * An admitted request has finished at {@code now}: its place goes to the next in line, if any,
   * which is returned (already admitted).
   */
  Optional<Ticket> leave(long now) {
    if (running == 0) {
      throw new IllegalStateException("no request is running");
    }
    running--;
    Ticket next = next(now);
    if (next == null) {
      return Optional.empty();
    }
    admit(next);
    return Optional.of(next);
  }

  /**
   * A waiting request gives up (its wait's bound has passed, or its thread was interrupted):
   * whether it left the line (false: it had been admitted meanwhile, and must {@link #leave}).
   */
  boolean cancel(Ticket ticket) {
    if (ticket.admitted) {
      return false;
    }
    if (ticket.turnedAway) {
      return true;
    }
    (ticket.priority == Priority.FIRST ? first : rest).remove(ticket);
    return true;
  }

  int running() {
    return running;
  }

  int waiting() {
    return first.size() + rest.size();
  }

  /** Whether a rest request waiting since {@code arrivedNanos} counts as first at {@code now}. */
  boolean promoted(Ticket ticket, long now) {
    return ticket.priority == Priority.FIRST || now - ticket.arrivedNanos >= promoteAfterNanos;
  }

  /** Takes the next request in line out of it, or null. */
  private Ticket next(long now) {
    Ticket oldestRest = rest.peekFirst();
    Ticket oldestFirst = first.peekFirst();
    if (oldestRest != null && promoted(oldestRest, now)
        && (oldestFirst == null || oldestRest.arrivedNanos - oldestFirst.arrivedNanos < 0)) {
      return rest.pollFirst();
    }
    return oldestFirst != null ? first.pollFirst() : rest.pollFirst();
  }

  private void admit(Ticket ticket) {
    ticket.admitted = true;
    running++;
  }
}
