package dev.frontierengage.access;

import dev.frontierengage.process.Clause;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.engagement.EngagementProcess.Elements;
import dev.frontierengage.process.ConfiguredPolicy;
import dev.frontierengage.process.Models;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.junit.jupiter.api.Test;

/** Sec. 3(b)(ii): no timer in bpmn/ lets the access window run past the configured cap. */
class AccessWindowTimersTest {

  static final int CAP = ConfiguredPolicy.signed().accessCapDays();

  @Clause("3(b)(ii) period")
  @Test
  void noTimerOfTheShippedModelsCanRunPastTheCap() {
    Models.bpmn().forEach((file, model) ->
        assertThat(AccessWindowTimerCheck.violations(model, CAP)).as(file).isEmpty());
  }

  @Test
  void theShippedWindowIsBoundedByItsComputedEnd() {
    BpmnModelInstance engagement = Models.bpmn().get("engagement.bpmn");
    BoundaryEvent expired = engagement.getModelElementById(Elements.ACCESS_WINDOW_EXPIRED);
    TimerEventDefinition timer = (TimerEventDefinition) expired.getEventDefinitions().iterator().next();
    assertThat(expired.cancelActivity()).as("the expiry ends the window").isTrue();
    assertThat(expired.getAttachedTo().getId()).isEqualTo(Elements.ACCESS_WINDOW);
    assertThat(timer.getTimeDate().getTextContent().strip()).isEqualTo("${engagementRecord.accessWindowEnd(execution)}");
  }

  @Test
  void aLiteralDurationLongerThanTheCapIsFound() {
    assertThat(AccessWindowTimerCheck.violations(window("<bpmn:timeDuration>P45D</bpmn:timeDuration>"), 30))
        .containsExactly("BoundaryEvent_Fixture: duration P45D exceeds the cap of 30 days");
    assertThat(AccessWindowTimerCheck.violations(window("<bpmn:timeDuration>PT721H</bpmn:timeDuration>"), 30))
        .hasSize(1);
    assertThat(AccessWindowTimerCheck.violations(window("<bpmn:timeDuration>P30D</bpmn:timeDuration>"), 30))
        .isEmpty();
  }

  @Test
  void aFixedDateOrAnUnboundedExpressionIsFound() {
    assertThat(AccessWindowTimerCheck.violations(
        window("<bpmn:timeDate>2027-01-01T00:00:00Z</bpmn:timeDate>"), 30)).hasSize(1);
    assertThat(AccessWindowTimerCheck.violations(
        window("<bpmn:timeDuration>${someOtherDuration}</bpmn:timeDuration>"), 30))
        .containsExactly("BoundaryEvent_Fixture: expression ${someOtherDuration} is not bounded by the access cap");
    assertThat(AccessWindowTimerCheck.violations(
        window("<bpmn:timeCycle>R/P1D</bpmn:timeCycle>"), 30)).hasSize(1);
  }

  /** A fixture: an access window sub-process with one boundary timer of the given definition. */
  private static BpmnModelInstance window(String definition) {
    String xml = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="t">
          <bpmn:process id="fixture" isExecutable="true">
            <bpmn:subProcess id="%s" />
            <bpmn:boundaryEvent id="BoundaryEvent_Fixture" attachedToRef="%s">
              <bpmn:timerEventDefinition id="T">%s</bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(Elements.ACCESS_WINDOW, Elements.ACCESS_WINDOW, definition);
    return Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(xml.getBytes()));
  }
}
