package dev.frontierengage.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.process.Models;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.junit.jupiter.api.Test;

/**
 * The projection is skipped for a transaction that starts or ends no activity of
 * {@link EngagementProjection#SHOWN} (and no process): that is right only if no other activity
 * of the models ever changes the stage or the open actions, whatever is active beside it.
 */
class EngagementProjectionTest {

  static final Set<String> ACTIVITIES = activities();

  private static Set<String> activities() {
    Set<String> ids = new TreeSet<>();
    Models.bpmn().values().forEach(model -> model.getModelElementsByType(FlowNode.class)
        .forEach(node -> ids.add(node.getId())));
    return ids;
  }

  @Test
  void everyShownActivityIsInTheModels() {
    assertThat(ACTIVITIES).containsAll(EngagementProjection.SHOWN);
  }

  @Test
  void noOtherActivityChangesTheStageOrTheOpenActions() {
    List<Set<String>> backgrounds = new ArrayList<>();
    backgrounds.add(Set.of());
    EngagementProjection.SHOWN.forEach(shown -> backgrounds.add(Set.of(shown)));
    List<String> others = ACTIVITIES.stream().filter(a -> !EngagementProjection.SHOWN.contains(a)).toList();
    assertThat(others).as("the models' other activities").hasSizeGreaterThan(20);
    for (Set<String> background : backgrounds) {
      for (String other : others) {
        Set<String> with = new HashSet<>(background);
        with.add(other);
        assertThat(EngagementProjection.stage(with)).as(other + " beside " + background)
            .isEqualTo(EngagementProjection.stage(background));
        assertThat(EngagementProjection.openActions(with)).as(other + " beside " + background)
            .isEqualTo(EngagementProjection.openActions(background));
      }
    }
  }

  @Test
  void everyShownActivityChangesTheStageOrTheOpenActionsOnItsOwn() {
    for (String shown : EngagementProjection.SHOWN) {
      boolean changes = EngagementProjection.stage(Set.of(shown)) != EngagementProjection.stage(Set.of())
          || !EngagementProjection.openActions(Set.of(shown)).equals(EngagementProjection.openActions(Set.of()));
      assertThat(changes).as(shown + " is needed in SHOWN").isTrue();
    }
  }
}
