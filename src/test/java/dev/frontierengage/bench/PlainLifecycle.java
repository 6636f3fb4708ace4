package dev.frontierengage.bench;

import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.engagement.EngagementProcess.Vars;
import dev.frontierengage.partners.PartnerSelectionProcess;
import dev.frontierengage.process.JsonVariables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

/**
 * Anchor (b): a plain process of 14 user tasks in a row, each offered to the group that does
 * that step of our lifecycle, started and completed as the benchmark's lifecycle is (15 steps:
 * the start and 14 completions, reviewers authenticated, the same values submitted); no
 * listener, gateway, timer, call activity or decision.
 */
final class PlainLifecycle implements LoadRun.Lifecycle {

  static final String PROCESS_ID = "bench-plain";

  /** One step: the group its task is offered to, whether a reviewer does it, what it submits. */
  record Step(String group, boolean reviewer, Map<String, Object> values) {}

  static final List<Step> STEPS = steps();

  private static List<Step> steps() {
    List<Step> steps = new ArrayList<>();
    steps.add(new Step("nsa-intake", true, Map.of(Vars.INTAKE_OUTCOME, "ACCEPTED")));
    steps.add(new Step("nsa-benchmark", true, EngagementDriver.benchmark(90)));
    for (String office : EngineSteps.OFFICES) {
      steps.add(new Step(office, true, Map.of(DesignationProcess.Vars.POSITION, "CONCUR",
          DesignationProcess.Vars.COMMENT, "Reviewed by " + office)));
    }
    steps.add(new Step("nsa-director", true, EngagementDriver.designation(true)));
    steps.add(new Step("org-acme", false, EngagementDriver.accessOffer(EngineSteps.today(), 30,
        EngineSteps.today().plusDays(60))));
    steps.add(new Step("access-counsel", true, Map.of(Vars.ACCESS_TERMS_REFERENCE, "TERMS-2026-0042")));
    Map<String, Object> terms = new HashMap<>(Map.of(Vars.ACCEPT_TERMS, true));
    for (String area : List.of("confidentiality", "cybersecurity", "insiderRisk", "intellectualProperty", "use",
        "nondisclosure")) {
      terms.put(area, true);
    }
    terms.put(Vars.ACCEPTED_TERMS_SHA256, dev.frontierengage.documents.MultipartBody.sha256(EngagementDriver.TERMS_PDF));
    steps.add(new Step("org-acme", false, terms));
    steps.add(new Step("org-acme", false, Map.of(PartnerSelectionProcess.Vars.PROPOSED_PARTNERS, JsonVariables.list(
        List.of(Map.of("name", "CISA Lab", "category", "FEDERAL_AGENCY", "contactEmail", "security@cisa-lab.invalid"))))));
    steps.add(new Step("cisa", true, Map.of(PartnerSelectionProcess.Vars.PARTNER_APPROVED, true,
        PartnerSelectionProcess.Vars.VETTING_REASON, "Vetted")));
    steps.add(new Step("nsa-evaluation", true, Map.of(Vars.EVALUATION_FINDINGS, "CLASSIFIED-FINDINGS")));
    steps.add(new Step("org-acme", false, Map.of(Vars.RELEASED_AT, new java.util.Date())));
    return List.copyOf(steps);
  }

  static BpmnModelInstance model() {
    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(PROCESS_ID).camundaHistoryTimeToLive(3650)
        .startEvent("start");
    for (int i = 0; i < STEPS.size(); i++) {
      flow = flow.userTask("task" + i).camundaCandidateGroups(STEPS.get(i).group());
    }
    return flow.endEvent("end").done();
  }

  private final ProcessEngine engine;

  PlainLifecycle(ProcessEngine engine) {
    this.engine = engine;
  }

  @Override
  public void run(LoadRun.Clock clock) {
    String id = UUID.randomUUID().toString();
    // the inquiry as the other variants start with it (transient values: EngineSteps.open)
    engine.getRuntimeService().startProcessInstanceByKey(PROCESS_ID, id, EngagementProcess.inquiry("acme", "Roadrunner",
        "4.1", "A frontier model with agentic coding abilities", "security@acme.invalid",
        EngineSteps.today().plusDays(60).toString()));
    clock.stepDone();
    for (int i = 0; i < STEPS.size(); i++) {
      Step step = STEPS.get(i);
      if (step.reviewer()) {
        engine.getIdentityService().setAuthentication(step.group(), List.of(step.group()));
      }
      try {
        Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
            .taskDefinitionKey("task" + i).taskCandidateGroup(step.group()).singleResult();
        if (step.reviewer()) {
          engine.getFormService().getTaskFormVariables(task.getId(), null, false); // the reviewer opens its form
        }
        engine.getTaskService().complete(task.getId(), step.values());
      } finally {
        engine.getIdentityService().clearAuthentication();
      }
      clock.stepDone();
    }
  }
}
