package dev.frontierengage.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontierengage.platform.AdmissionQueue.Priority;
import dev.frontierengage.platform.AdmissionQueue.Ticket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The admission's line, step by step with time passed in: never more running than allowed, no
 * place left free while someone waits, the developer API first, everyone in the order they came
 * within a priority, and a request of the rest that waited long enough ahead of later ones.
 */
class AdmissionQueueTest {

  static final long PROMOTE = 1_000;

  /** One step: a request of a priority and caller arrives, one running leaves, one waiting gives up, or time passes. */
  record Step(int kind, int pick, long elapsed) {}

  static final List<String> CALLERS = List.of("org-a", "org-b", "user:c");

  @Provide
  Arbitrary<List<Step>> steps() {
    return Arbitraries.integers().between(0, 4).flatMap(kind -> Arbitraries.integers().between(0, 50)
        .flatMap(pick -> Arbitraries.longs().between(0, 2 * PROMOTE).map(elapsed -> new Step(kind, pick, elapsed))))
        .list().ofMinSize(1).ofMaxSize(200);
  }

  @Property(tries = 1000)
  void theLineKeepsItsRules(@ForAll("steps") List<Step> steps, @ForAll @IntRange(min = 1, max = 4) int concurrent,
      @ForAll @IntRange(min = 0, max = 6) int maxWaiting, @ForAll @IntRange(min = 1, max = 6) int perCaller) {
    AdmissionQueue queue = new AdmissionQueue(concurrent, maxWaiting, perCaller, PROMOTE);
    List<Ticket> running = new ArrayList<>();
    List<Ticket> waiting = new ArrayList<>(); // in the order they arrived
    Map<Priority, List<String>> rotation = Map.of(Priority.FIRST, new ArrayList<>(), Priority.REST, new ArrayList<>());
    long now = 0;
    for (Step step : steps) {
      now += step.elapsed();
      switch (step.kind()) {
        case 0, 1 -> {
          String caller = CALLERS.get(step.pick() % CALLERS.size());
          Priority priority = step.kind() == 0 ? Priority.FIRST : Priority.REST;
          long ofCaller = waiting.stream().filter(t -> t.caller.equals(caller)).count();
          Ticket ticket = queue.arrive(priority, caller, now);
          if (ticket.admitted()) {
            assertThat(waiting).as("admitted at once only when nobody waits").isEmpty();
            assertThat(ticket.turnedAway()).isFalse();
            running.add(ticket);
          } else if (ticket.turnedAway()) {
            assertThat(running).as("turned away only when every place is taken").hasSize(concurrent);
            assertThat(waiting.size() == maxWaiting || ofCaller == perCaller)
                .as("and the line, or the caller's share of it, is full").isTrue();
            assertThat(queue.cancel(ticket)).isTrue();
          } else {
            assertThat(waiting.size()).as("waits only while the line has room").isLessThan(maxWaiting);
            assertThat(ofCaller).as("and its caller's share").isLessThan(perCaller);
            assertThat(running).as("waits only when every place is taken").hasSize(concurrent);
            if (waiting.stream().noneMatch(t -> t.caller.equals(caller) && t.priority == priority)) {
              rotation.get(priority).add(caller); // joins the rotation at its end
            }
            waiting.add(ticket);
          }
        }
        case 2 -> {
          if (running.isEmpty()) {
            assertThatThrownBy(() -> queue.leave(0)).isInstanceOf(IllegalStateException.class);
            continue;
          }
          running.remove(step.pick() % running.size());
          long at = now;
          Optional<Ticket> next = queue.leave(now);
          assertThat(next.isPresent()).as("a freed place goes on whenever someone waits").isEqualTo(!waiting.isEmpty());
          next.ifPresent(ticket -> {
            assertThat(ticket.admitted()).isTrue();
            if (ticket.priority == Priority.REST && waiting.stream().anyMatch(t -> t.priority == Priority.FIRST)) {
              assertThat(at - ticket.arrivedNanos).as("a request of the rest goes before a developer's only once it has"
                  + " waited long enough").isGreaterThanOrEqualTo(PROMOTE);
              assertThat(waiting).as("and came before every developer request waiting")
                  .noneMatch(t -> t.priority == Priority.FIRST && t.arrivedNanos <= ticket.arrivedNanos);
            }
            if (ticket.priority == Priority.FIRST) {
              // so a request of the rest waits behind at most the developer requests that came before it
              // (and one turn of each other caller of the rest) once it has waited long enough
              waiting.stream().filter(t -> t.priority == Priority.REST && at - t.arrivedNanos >= PROMOTE)
                  .forEach(promoted -> assertThat(waiting).as("a developer request goes before a request of the"
                      + " rest that waited long enough only while one that came before it (or with it) waits")
                      .anyMatch(t -> t.priority == Priority.FIRST && t.arrivedNanos <= promoted.arrivedNanos));
            }
            assertThat(ticket).as("the next in line").isSameAs(expectedNext(waiting, rotation, at));
            waiting.remove(ticket);
            List<String> turns = rotation.get(ticket.priority);
            turns.remove(ticket.caller);
            if (waiting.stream().anyMatch(t -> t.caller.equals(ticket.caller) && t.priority == ticket.priority)) {
              turns.add(ticket.caller); // to the rotation's end
            }
            running.add(ticket);
          });
        }
        case 3 -> {
          if (!waiting.isEmpty()) {
            Ticket leaving = waiting.remove(step.pick() % waiting.size());
            assertThat(queue.cancel(leaving)).isTrue();
            if (waiting.stream().noneMatch(t -> t.caller.equals(leaving.caller) && t.priority == leaving.priority)) {
              rotation.get(leaving.priority).remove(leaving.caller);
            }
          } else if (!running.isEmpty()) {
            assertThat(queue.cancel(running.get(step.pick() % running.size())))
                .as("an admitted request cannot give up its place: it leaves").isFalse();
          }
        }
        default -> { } // time passes
      }
      assertThat(queue.running()).isEqualTo(running.size()).isLessThanOrEqualTo(concurrent);
      assertThat(queue.waiting()).isEqualTo(waiting.size());
      for (String caller : CALLERS) {
        assertThat(queue.waiting(caller)).isEqualTo(waiting.stream().filter(t -> t.caller.equals(caller)).count())
            .isLessThanOrEqualTo(perCaller);
      }
      assertThat(waiting.isEmpty() || running.size() == concurrent).as("no place free while someone waits").isTrue();
    }
    // once all leave, everyone who waited has run
    while (!running.isEmpty()) {
      running.remove(0);
      queue.leave(now).ifPresent(running::add);
    }
    assertThat(queue.waiting()).isZero();
  }

  /**
   * The rule, written out apart from the queue: of the two priorities, the rest if the longest
   * waiting of the rest has waited {@link #PROMOTE} and came before every developer request
   * waiting; else the developers if any wait; else the rest. Within the priority, the first to
   * come of the first caller in turn ({@code rotation}: callers with someone waiting, in the order
   * they take turns) whose first request may go (of the rest going before the developers: one that
   * has itself waited that long and came before them).
   */
  static Ticket expectedNext(List<Ticket> waiting, Map<Priority, List<String>> rotation, long now) {
    Ticket oldestDeveloper = waiting.stream().filter(t -> t.priority == Priority.FIRST).findFirst().orElse(null);
    Ticket oldestOfRest = waiting.stream().filter(t -> t.priority == Priority.REST).findFirst().orElse(null);
    Predicate<Ticket> overtakes = t -> now - t.arrivedNanos >= PROMOTE
        && (oldestDeveloper == null || t.arrivedNanos < oldestDeveloper.arrivedNanos);
    if (oldestOfRest != null && overtakes.test(oldestOfRest)) {
      return next(waiting, rotation, Priority.REST, overtakes);
    }
    return oldestDeveloper != null ? next(waiting, rotation, Priority.FIRST, t -> true)
        : next(waiting, rotation, Priority.REST, t -> true);
  }

  /** The first request of the first caller in turn whose first request is {@code eligible}. */
  private static Ticket next(List<Ticket> waiting, Map<Priority, List<String>> rotation, Priority priority,
      Predicate<Ticket> eligible) {
    for (String caller : rotation.get(priority)) {
      Ticket first = waiting.stream().filter(t -> t.priority == priority && t.caller.equals(caller)).findFirst()
          .orElseThrow();
      if (eligible.test(first)) {
        return first;
      }
    }
    return null;
  }

  @Test
  void oneOrganizationsManyRequestsDelayAnothersByOneEachNotByAll() {
    AdmissionQueue queue = new AdmissionQueue(1, 100, 10, PROMOTE);
    queue.arrive(Priority.FIRST, "org-a", 0); // runs
    List<Ticket> flood = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      flood.add(queue.arrive(Priority.FIRST, "org-a", i));
    }
    Ticket other = queue.arrive(Priority.FIRST, "org-b", 10);
    Ticket third = queue.arrive(Priority.FIRST, "org-c", 11);
    assertThat(queue.leave(20)).contains(flood.get(0));
    assertThat(queue.leave(21)).as("the other organization's, before org-a's second").contains(other);
    assertThat(queue.leave(22)).contains(third);
    assertThat(queue.leave(23)).contains(flood.get(1));
    assertThat(queue.leave(24)).contains(flood.get(2));
  }

  @Test
  void aRequestOfTheRestThatWaitedLongEnoughGoesBeforeLaterDeveloperRequestsWhenAnotherCallersTurnComesFirst() {
    AdmissionQueue queue = new AdmissionQueue(1, 100, 10, PROMOTE);
    queue.arrive(Priority.REST, "user:x", 0); // runs
    Ticket r1First = queue.arrive(Priority.REST, "user:r1", 1);
    Ticket r1Second = queue.arrive(Priority.REST, "user:r1", 2);
    Ticket r2 = queue.arrive(Priority.REST, "user:r2", 900);
    assertThat(queue.leave(950)).contains(r1First); // r1's turn; r2's is next
    Ticket developer = queue.arrive(Priority.FIRST, "org-a", 1100);
    // r1's second has waited long enough and came before the developer's: it goes, though it is
    // r2's turn; r2's has not waited that long and goes after the developer's
    assertThat(queue.leave(1300)).contains(r1Second);
    assertThat(queue.leave(1301)).contains(developer);
    assertThat(queue.leave(1302)).contains(r2);
  }

  @Test
  void oneCallerCannotFillTheLine() {
    AdmissionQueue queue = new AdmissionQueue(1, 100, 3, PROMOTE);
    queue.arrive(Priority.FIRST, "org-a", 0); // runs
    for (int i = 1; i <= 3; i++) {
      assertThat(queue.arrive(Priority.FIRST, "org-a", i).turnedAway()).isFalse();
    }
    assertThat(queue.arrive(Priority.REST, "org-a", 4).turnedAway()).as("its share is full, in either priority").isTrue();
    assertThat(queue.arrive(Priority.FIRST, "org-b", 5).turnedAway()).as("another's is not").isFalse();
    queue.leave(6);
    assertThat(queue.arrive(Priority.FIRST, "org-a", 7).turnedAway()).as("a place in its share again").isFalse();
  }

  @Test
  void aDeveloperRequestGoesBeforeTheRestThatCameEarlier() {
    AdmissionQueue queue = new AdmissionQueue(1, 10, PROMOTE);
    queue.arrive(Priority.REST, "", 0);
    Ticket reviewer = queue.arrive(Priority.REST, "", 10);
    Ticket developer = queue.arrive(Priority.FIRST, "", 20);
    assertThat(queue.leave(30)).contains(developer);
    assertThat(reviewer.admitted()).isFalse();
    assertThat(queue.leave(40)).contains(reviewer);
  }

  @Test
  void aRequestOfTheRestThatWaitedLongEnoughGoesBeforeLaterDeveloperRequests() {
    AdmissionQueue queue = new AdmissionQueue(1, 10, PROMOTE);
    queue.arrive(Priority.FIRST, "", 0);
    Ticket reviewer = queue.arrive(Priority.REST, "", 10);
    Ticket developer = queue.arrive(Priority.FIRST, "", 20);
    assertThat(queue.leave(10 + PROMOTE)).contains(reviewer);
    assertThat(queue.leave(20 + PROMOTE)).contains(developer);
  }

  @Test
  void atLeastOnePlace() {
    assertThatThrownBy(() -> new AdmissionQueue(0, 10, PROMOTE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AdmissionQueue(1, -1, PROMOTE)).isInstanceOf(IllegalArgumentException.class);
  }
}
