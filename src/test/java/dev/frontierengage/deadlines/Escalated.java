package dev.frontierengage.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontierengage.deadlines.EscalateOverdueTask.Escalation;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.identity.AuditCapture;
import dev.frontierengage.process.JsonVariables;
import dev.frontierengage.process.ProcessWiring;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;

/** Assertions on an escalated task, shared by the process tests. */
public final class Escalated {

  private Escalated() {}

  /** Close of business in Washington on {@code day}: when an agency task is due. */
  public static Date closeOfBusiness(LocalDate day) {
    return Date.from(day.atTime(AgencyDeadlines.CLOSE_OF_BUSINESS).atZone(AgencyDeadlines.OFFICES).toInstant());
  }

  /**
   * The task is still open with its id, at the escalated priority; the engagement's instance
   * {@code engagementInstanceId} lists the escalation; {@code group} was notified; the audit log has it.
   */
  public static void assertEscalated(ProcessEngine engine, Task before, String engagementInstanceId, String group) {
    Task after = engine.getTaskService().createTaskQuery().taskId(before.getId()).singleResult();
    assertThat(after).as("the overdue task stays open").isNotNull();
    assertThat(after.getPriority()).isEqualTo(EscalateOverdueTask.ESCALATED_PRIORITY);
    List<Escalation> escalations = JsonVariables.readList(engine.getRuntimeService()
        .getVariable(engagementInstanceId, EngagementProcess.Vars.ESCALATIONS), Escalation.class);
    assertThat(escalations).anySatisfy(escalation -> {
      assertThat(escalation.task()).isEqualTo(before.getTaskDefinitionKey());
      assertThat(escalation.groups()).contains(group);
      assertThat(Instant.parse(escalation.due())).isEqualTo(before.getDueDate().toInstant());
    });
    String engagementId = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(engagementInstanceId).singleResult().getBusinessKey();
    assertThat(ProcessWiring.NOTIFIED).anySatisfy(notified -> {
      assertThat(notified.get(0)).isEqualTo(group);
      assertThat(notified.get(1)).isEqualTo(engagementId);
      assertThat(notified.get(2)).startsWith("Overdue: " + before.getName());
    });
    assertThat(new AuditCapture().lines("task.escalated")).anySatisfy(line -> assertThat(line)
        .contains(engagementId).contains(before.getId()).contains(group));
  }
}
