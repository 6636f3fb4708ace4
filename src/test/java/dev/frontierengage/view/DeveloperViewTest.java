package dev.frontierengage.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.view.DeveloperView.OpenAction;
import dev.frontierengage.view.DeveloperView.View;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the projection may leave a row as it is: only when the row already shows exactly that. */
class DeveloperViewTest {

  static final Instant LAPSE = Instant.parse("2026-12-31T17:00:00Z");
  static final List<OpenAction> OPEN = List.of(new OpenAction(DeveloperAction.ACCESS_OFFER, LAPSE),
      new OpenAction(DeveloperAction.WITHDRAWAL, null));

  @Test
  void aRowShowsWhatItHolds() {
    assertThat(row(true).shows(Stage.ACCESS_DECISION, null, OPEN)).isTrue();
  }

  @Test
  void aRowNeverProjectedShowsNothingYet() {
    // a new row reads as INTAKE with nothing open, but holds no stage: it is written
    View fresh = new View(null, Stage.INTAKE, null, List.of(), false);
    assertThat(fresh.shows(Stage.INTAKE, null, List.of())).isFalse();
  }

  @Test
  void anyDifferenceIsWritten() {
    View row = row(true);
    assertThat(row.shows(Stage.ACCESS_TERMS, null, OPEN)).as("stage").isFalse();
    assertThat(row.shows(Stage.ACCESS_DECISION, Status.ACCESS_NOT_OFFERED, OPEN)).as("status").isFalse();
    assertThat(row.shows(Stage.ACCESS_DECISION, null, List.of(new OpenAction(DeveloperAction.ACCESS_OFFER,
        LAPSE.plusSeconds(1)), new OpenAction(DeveloperAction.WITHDRAWAL, null)))).as("a lapse alone").isFalse();
    assertThat(row.shows(Stage.ACCESS_DECISION, null, List.of(OPEN.get(1), OPEN.get(0)))).as("the order").isFalse();
    assertThat(row.shows(Stage.ACCESS_DECISION, null, List.of(OPEN.get(1)))).as("an action closed").isFalse();
  }

  @Test
  void aLapseReadBackFromTheRowEqualsTheTimersDueDate() throws Exception {
    // the row keeps the open actions as JSON; the projection compares them with the timers' due dates
    OpenAction fromTimer = new OpenAction(DeveloperAction.ACCESS_OFFER,
        new java.util.Date(LAPSE.plusMillis(123).toEpochMilli()).toInstant());
    String json = DeveloperView.JSON.writeValueAsString(List.of(fromTimer));
    List<OpenAction> read = DeveloperView.JSON.readValue(json,
        new com.fasterxml.jackson.core.type.TypeReference<List<OpenAction>>() {});
    assertThat(read).containsExactly(fromTimer);
  }

  private static View row(boolean projected) {
    return new View(null, Stage.ACCESS_DECISION, null, OPEN, projected);
  }
}
