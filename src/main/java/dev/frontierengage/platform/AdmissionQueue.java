package dev.frontierengage.platform;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who may run next, when at most {@code concurrent} requests run at once: the state of {@link Admission},
 * with time passed in and no waiting of its own (so that a test can drive it step by step). A
 * request of {@link Priority#FIRST} is admitted before every request of {@link Priority#REST}
 * that has waited less than {@code promoteAfter}; a request of the rest that has waited that long
 * and came before every first one waiting goes before them (such requests of several callers in
 * turn), so first requests go before it only while one that came before it waits, and no request
 * waits for ever behind a stream of first ones. Within a priority, callers take turns: each caller (a developer's
 * organization, a reviewer) has a line of its own, first come, first served, and the callers with
 * someone waiting are served in rotation, one request each, a caller joining the rotation at its
 * end when its first request comes to wait; so one organization's many requests delay another's
 * next one by at most one request of each caller waiting, not by all of them. At most
 * {@code maxWaiting} wait, and at most {@code maxWaitingPerCaller} of one caller: a request that
 * finds no place and either full is turned away. Not thread-safe: {@link Admission} holds its lock
 * around every call.
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
    final String caller;
    final long arrivedNanos;
    private boolean admitted;
    private boolean turnedAway;

    private Ticket(Priority priority, String caller, long arrivedNanos) {
      this.priority = priority;
      this.caller = caller;
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
  private final int maxWaitingPerCaller;
  private final long promoteAfterNanos;
  private int running;
  private final Rotation first = new Rotation();
  private final Rotation rest = new Rotation();

  AdmissionQueue(int concurrent, int maxWaiting, long promoteAfterNanos) {
    this(concurrent, maxWaiting, maxWaiting, promoteAfterNanos);
  }

  AdmissionQueue(int concurrent, int maxWaiting, int maxWaitingPerCaller, long promoteAfterNanos) {
    if (concurrent < 1) {
      throw new IllegalArgumentException("at least one request must be able to run");
    }
    if (maxWaiting < 0 || maxWaitingPerCaller < 0) {
      throw new IllegalArgumentException("a line cannot hold fewer than none");
    }
    if (promoteAfterNanos < 0) {
      throw new IllegalArgumentException("a wait cannot be negative");
    }
    this.concurrent = concurrent;
    this.maxWaiting = maxWaiting;
    this.maxWaitingPerCaller = maxWaitingPerCaller;
    this.promoteAfterNanos = promoteAfterNanos;
  }

  /**
   * A request of {@code caller} arrives at {@code now}: admitted at once if a place is free, else
   * it waits in line, or is turned away if the line is full or its caller has
   * {@code maxWaitingPerCaller} waiting already.
   */
  Ticket arrive(Priority priority, String caller, long now) {
    Ticket ticket = new Ticket(priority, caller, now);
    if (running < concurrent && first.isEmpty() && rest.isEmpty()) {
      admit(ticket);
    } else if (waiting() >= maxWaiting || waiting(caller) >= maxWaitingPerCaller) {
      ticket.turnedAway = true;
    } else {
      (priority == Priority.FIRST ? first : rest).add(ticket);
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

  /** Requests of {@code caller} waiting now. */
  int waiting(String caller) {
    return first.size(caller) + rest.size(caller);
  }

  /** Whether a rest request waiting since {@code arrivedNanos} counts as first at {@code now}. */
  boolean promoted(Ticket ticket, long now) {
    return ticket.priority == Priority.FIRST || now - ticket.arrivedNanos >= promoteAfterNanos;
  }

  /**
   * Takes the next request in line out of it, or null: while a request of the rest has waited
   * {@code promoteAfter} and came before every developer request waiting, the first such request
   * of the rest's callers in turn (so developer requests go before it only while one that came
   * before it waits, and no request of the rest that has waited less goes before a developer's);
   * else the developers' next turn; else the rest's.
   */
  private Ticket next(long now) {
    Ticket oldestRest = rest.oldest();
    Ticket oldestFirst = first.oldest();
    if (oldestRest != null && overtakes(oldestRest, oldestFirst, now)) {
      // of the rest, only a request that has waited that long itself, its callers in turn
      return rest.poll(ticket -> overtakes(ticket, oldestFirst, now));
    }
    return oldestFirst != null ? first.poll() : rest.poll();
  }

  /** Whether a request of the rest goes before the developers': it has waited long enough and came before every one. */
  private boolean overtakes(Ticket ticket, Ticket oldestFirst, long now) {
    return promoted(ticket, now) && (oldestFirst == null || ticket.arrivedNanos - oldestFirst.arrivedNanos < 0);
  }

  private void admit(Ticket ticket) {
    ticket.admitted = true;
    running++;
  }

  /**
   * One priority's requests: a line per caller, first come, first served, and the callers with
   * someone waiting in rotation; the next request is the first of the caller at the rotation's
   * front (or of the first caller in turn whose first request may go: {@link #poll(Predicate)},
   * the callers passed over keeping their places), which then goes to its end if it still has
   * someone waiting.
   */
  static final class Rotation {
    /** The callers with someone waiting, in the rotation's order (a LinkedHashMap keeps it). */
    private final LinkedHashMap<String, ArrayDeque<Ticket>> lines = new LinkedHashMap<>();
    private int size;

    void add(Ticket ticket) {
      lines.computeIfAbsent(ticket.caller, caller -> new ArrayDeque<>()).addLast(ticket);
      size++;
    }

    /** The request that has waited longest, of any caller (each caller's first: its line is in arrival order). */
    Ticket oldest() {
      Ticket oldest = null;
      for (ArrayDeque<Ticket> line : lines.values()) {
        Ticket first = line.peekFirst();
        if (oldest == null || first.arrivedNanos - oldest.arrivedNanos < 0) {
          oldest = first;
        }
      }
      return oldest;
    }

    Ticket poll() {
      return poll(ticket -> true);
    }

    /**
     * The first request of the first caller in the rotation whose first request is {@code eligible}
     * (that caller then goes to the rotation's end), or null if none is.
     */
    Ticket poll(Predicate<Ticket> eligible) {
      for (Map.Entry<String, ArrayDeque<Ticket>> turn : lines.entrySet()) {
        if (eligible.test(turn.getValue().peekFirst())) {
          String caller = turn.getKey();
          ArrayDeque<Ticket> line = turn.getValue();
          Ticket ticket = line.pollFirst();
          lines.remove(caller);
          if (!line.isEmpty()) {
            lines.put(caller, line); // to the rotation's end
          }
          size--;
          return ticket;
        }
      }
      return null;
    }

    void remove(Ticket ticket) {
      ArrayDeque<Ticket> line = lines.get(ticket.caller);
      if (line != null && line.remove(ticket)) {
        size--;
        if (line.isEmpty()) {
          lines.remove(ticket.caller);
        }
      }
    }

    boolean isEmpty() {
      return size == 0;
    }

    int size() {
      return size;
    }

    /** Requests of {@code caller} waiting here. */
    int size(String caller) {
      ArrayDeque<Ticket> line = lines.get(caller);
      return line == null ? 0 : line.size();
    }
  }
}
