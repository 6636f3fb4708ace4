package dev.frontierengage.bench;

import java.util.UUID;

/** The whole designated-and-released engagement through the engine's Java API: the baseline. */
final class InProcessLifecycle implements LoadRun.Lifecycle {

  /** Inquiry, intake, benchmark, 4 consultations, decision, offer, terms prepared and accepted,
   *  partners proposed and vetted, evaluation, release. */
  static final int STEPS = 15;

  private final EngineSteps steps;

  InProcessLifecycle(EngineSteps steps) {
    this.steps = steps;
  }

  @Override
  public void run(LoadRun.Clock clock) {
    String id = UUID.randomUUID().toString();
    steps.open(id, "acme");
    clock.stepDone();
    steps.reviewIntake(id, true);
    clock.stepDone();
    steps.recordBenchmark(id);
    clock.stepDone();
    for (String office : EngineSteps.OFFICES) {
      steps.consult(id, office);
      clock.stepDone();
    }
    steps.decideDesignated(id);
    clock.stepDone();
    steps.offerAccess(id, "acme", 0); // from today: the window's timer is due at once
    clock.stepDone();
    steps.prepareTerms(id);
    clock.stepDone();
    steps.acceptTerms(id, "acme");
    clock.stepDone();
    steps.proposePartner(id, "acme");
    clock.stepDone();
    steps.vetPartners(id);
    clock.stepDone();
    steps.evaluateWhenOpen(id);
    clock.stepDone();
    steps.reportRelease(id);
    clock.stepDone();
  }
}
