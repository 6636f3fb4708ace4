package dev.frontierengage.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontierengage.platform.AdmissionQueue.Priority;
import dev.frontierengage.platform.AdmissionQueue.Ticket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  /** One step: a request of a priority arrives, one running leaves, one waiting gives up, or time passes. */
  record Step(int kind, int pick, long elapsed) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Arbitraries.integers().between(0, 4).flatMap(kind -> Arbitraries.integers().between(0, 50)
        .flatMap(pick -> Arbitraries.longs().between(0, 2 * PROMOTE).map(elapsed -> new Step(kind, pick, elapsed))))
        .list().ofMinSize(1).ofMaxSize(200);
  }

  @Property(tries = 1000)
  void theLineKeepsItsRules(@ForAll("steps") List<Step> steps, @ForAll @IntRange(min = 1, max = 4) int concurrent,
      @ForAll @IntRange(min = 0, max = 6) int maxWaiting) {
    AdmissionQueue queue = new AdmissionQueue(concurrent, maxWaiting, PROMOTE);
    List<Ticket> running = new ArrayList<>();
    List<Ticket> waiting = new ArrayList<>(); // in the order they arrived
    long now = 0;
    for (Step step : steps) {
      now += step.elapsed();
      switch (step.kind()) {
        case 0, 1 -> {
          Ticket ticket = queue.arrive(step.kind() == 0 ? Priority.FIRST : Priority.REST, now);
          if (ticket.admitted()) {
            assertThat(waiting).as("admitted at once only when nobody waits").isEmpty();
            assertThat(ticket.turnedAway()).isFalse();
            running.add(ticket);
          } else if (ticket.turnedAway()) {
            assertThat(running).as("turned away only when every place is taken").hasSize(concurrent);
            assertThat(waiting).as("and the line is full").hasSize(maxWaiting);
            assertThat(queue.cancel(ticket)).isTrue();
          } else {
            assertThat(waiting.size()).as("waits only while the line has room").isLessThan(maxWaiting);
            assertThat(running).as("waits only when every place is taken").hasSize(concurrent);
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
            assertThat(ticket).as("the next in line").isSameAs(expectedNext(waiting, at));
            waiting.remove(ticket);
            running.add(ticket);
          });
        }
        case 3 -> {
          if (!waiting.isEmpty()) {
            Ticket leaving = waiting.remove(step.pick() % waiting.size());
            assertThat(queue.cancel(leaving)).isTrue();
          } else if (!running.isEmpty()) {
            assertThat(queue.cancel(running.get(step.pick() % running.size())))
                .as("an admitted request cannot give up its place: it leaves").isFalse();
          }
        }
        default -> { } // time passes
      }
      assertThat(queue.running()).isEqualTo(running.size()).isLessThanOrEqualTo(concurrent);
      assertThat(queue.waiting()).isEqualTo(waiting.size());
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
   * The rule, written out apart from the queue: the longest-waiting request of the rest if it has
   * waited {@link #PROMOTE} and came before every developer request waiting; else the first
   * developer request to come; else the first of the rest.
   */
  static Ticket expectedNext(List<Ticket> waiting, long now) {
    Ticket firstOfDevelopers = waiting.stream().filter(t -> t.priority == Priority.FIRST).findFirst().orElse(null);
    Ticket firstOfRest = waiting.stream().filter(t -> t.priority == Priority.REST).findFirst().orElse(null);
    if (firstOfRest != null && now - firstOfRest.arrivedNanos >= PROMOTE
        && (firstOfDevelopers == null || firstOfRest.arrivedNanos < firstOfDevelopers.arrivedNanos)) {
      return firstOfRest;
    }
    return firstOfDevelopers != null ? firstOfDevelopers : firstOfRest;
  }

  @Test
  void aDeveloperRequestGoesBeforeTheRestThatCameEarlier() {
    AdmissionQueue queue = new AdmissionQueue(1, 10, PROMOTE);
    queue.arrive(Priority.REST, 0);
    Ticket reviewer = queue.arrive(Priority.REST, 10);
    Ticket developer = queue.arrive(Priority.FIRST, 20);
    assertThat(queue.leave(30)).contains(developer);
    assertThat(reviewer.admitted()).isFalse();
    assertThat(queue.leave(40)).contains(reviewer);
  }

  @Test
  void aRequestOfTheRestThatWaitedLongEnoughGoesBeforeLaterDeveloperRequests() {
    AdmissionQueue queue = new AdmissionQueue(1, 10, PROMOTE);
    queue.arrive(Priority.FIRST, 0);
    Ticket reviewer = queue.arrive(Priority.REST, 10);
    Ticket developer = queue.arrive(Priority.FIRST, 20);
    assertThat(queue.leave(10 + PROMOTE)).contains(reviewer);
    assertThat(queue.leave(20 + PROMOTE)).contains(developer);
  }

  @Test
  void atLeastOnePlace() {
    assertThatThrownBy(() -> new AdmissionQueue(0, 10, PROMOTE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AdmissionQueue(1, -1, PROMOTE)).isInstanceOf(IllegalArgumentException.class);
  }
}
