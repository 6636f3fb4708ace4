package dev.frontierengage.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.platform.AdmissionQueue.Priority;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The blocking side of the admission: threads wait, are let in by those who leave, and give up in time. */
class AdmissionTest {

  static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicLong now = new AtomicLong();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void aWaitingRequestRunsWhenAPlaceIsFreedDevelopersFirst() throws Exception {
    Admission admission = new Admission(1, 100, MINUTE, now::get);
    assertThat(admission.enter(Priority.REST, "", 0)).isTrue();
    Future<Boolean> reviewer = threads.submit(() -> admission.enter(Priority.REST, "", MINUTE));
    waitUntilWaiting(admission, 1);
    Future<Boolean> developer = threads.submit(() -> admission.enter(Priority.FIRST, "", MINUTE));
    waitUntilWaiting(admission, 2);

    admission.leave();
    assertThat(developer.get(1, TimeUnit.MINUTES)).isTrue();
    assertThat(reviewer.isDone()).as("the earlier reviewer still waits").isFalse();
    assertThat(admission.running()).isEqualTo(1);

    admission.leave();
    assertThat(reviewer.get(1, TimeUnit.MINUTES)).isTrue();
    admission.leave();
    assertThat(admission.running()).isZero();
    assertThat(admission.waiting()).isZero();
  }

  @Test
  void aRequestWithNoTimeToWaitIsRefusedWhenEveryPlaceIsTaken() {
    Admission admission = new Admission(2, 100, MINUTE, now::get);
    assertThat(admission.enter(Priority.FIRST, "", 0)).isTrue();
    assertThat(admission.enter(Priority.REST, "", 0)).isTrue();
    assertThat(admission.enter(Priority.FIRST, "", 0)).isFalse();
    assertThat(admission.waiting()).as("a refused request leaves no one in line").isZero();
    admission.leave();
    assertThat(admission.enter(Priority.FIRST, "", 0)).isTrue();
  }

  @Test
  void aRequestThatFindsTheLineFullIsTurnedAwayAtOnce() throws Exception {
    Admission admission = new Admission(1, 1, MINUTE, now::get);
    assertThat(admission.enter(Priority.REST, "", 0)).isTrue();
    Future<Boolean> waiter = threads.submit(() -> admission.enter(Priority.REST, "", MINUTE));
    waitUntilWaiting(admission, 1);
    assertThat(admission.enter(Priority.FIRST, "", MINUTE)).as("the line holds one").isFalse();
    assertThat(admission.waiting()).isEqualTo(1);
    admission.leave();
    assertThat(waiter.get(1, TimeUnit.MINUTES)).isTrue();
    admission.leave();
    assertThat(admission.running()).isZero();
  }

  @Test
  void aWaitEndsAtItsBound() throws Exception {
    Admission admission = new Admission(1, 100, MINUTE, now::get);
    assertThat(admission.enter(Priority.REST, "", 0)).isTrue();
    long bound = TimeUnit.MILLISECONDS.toNanos(20);
    long started = System.nanoTime();
    assertThat(admission.enter(Priority.FIRST, "", bound)).isFalse();
    assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(bound);
    assertThat(admission.waiting()).isZero();
    assertThat(admission.running()).isEqualTo(1);
  }

  @Test
  void anInterruptedWaitGivesUpAndKeepsTheFlag() throws Exception {
    Admission admission = new Admission(1, 100, MINUTE, now::get);
    assertThat(admission.enter(Priority.REST, "", 0)).isTrue();
    CompletableFuture<Thread> waiter = new CompletableFuture<>();
    Future<Boolean[]> result = threads.submit(() -> {
      waiter.complete(Thread.currentThread());
      boolean entered = admission.enter(Priority.FIRST, "", MINUTE);
      return new Boolean[] {entered, Thread.currentThread().isInterrupted()};
    });
    waitUntilWaiting(admission, 1);
    waiter.get().interrupt();
    assertThat(result.get(1, TimeUnit.MINUTES)).containsExactly(false, true);
    assertThat(admission.waiting()).isZero();
    admission.leave();
    assertThat(admission.running()).as("the interrupted request took no place").isZero();
  }

  @Test
  void aReviewerWaitingLongerThanPromoteAfterGoesBeforeLaterDevelopers() throws Exception {
    Admission admission = new Admission(1, 100, Duration.ofSeconds(1).toNanos(), now::get);
    assertThat(admission.enter(Priority.FIRST, "", 0)).isTrue();
    Future<Boolean> reviewer = threads.submit(() -> admission.enter(Priority.REST, "", MINUTE));
    waitUntilWaiting(admission, 1);
    now.addAndGet(Duration.ofMillis(500).toNanos());
    Future<Boolean> developer = threads.submit(() -> admission.enter(Priority.FIRST, "", MINUTE));
    waitUntilWaiting(admission, 2);
    now.addAndGet(Duration.ofMillis(500).toNanos()); // the reviewer has waited its second

    admission.leave();
    assertThat(reviewer.get(1, TimeUnit.MINUTES)).isTrue();
    assertThat(developer.isDone()).isFalse();
    admission.leave();
    assertThat(developer.get(1, TimeUnit.MINUTES)).isTrue();
  }

  /** Until {@code count} requests wait in line (the threads' arrival; bounded). */
  private static void waitUntilWaiting(Admission admission, int count) {
    long deadline = System.nanoTime() + MINUTE;
    while (admission.waiting() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("fewer than " + count + " requests came to wait");
      }
      Thread.onSpinWait();
    }
  }
}
