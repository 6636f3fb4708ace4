package dev.frontierengage.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Running engagements in bulk for the scale runs. Engagement {@code i} belongs to organization
 * {@code i mod organizations} ({@code acme} first) and waits at running stage
 * {@code (i / organizations) mod 8}, so every organization has every stage. The first
 * engagement of each organization and stage is made by the engine, by the same steps people
 * take; every further one is a row-for-row copy of it ({@link TemplateCopies}), which is what
 * makes 100,000 possible in minutes. After each load one new copy of each stage is taken one
 * step further through the engine, whose listeners, gateways and timers read and write the
 * copy's own engagement record: the copies are engagements the engine accepts.
 */
final class Preload {

  /** The running stages, as the developer API names them, in the order of {@link #driveTo}. */
  static final List<String> STAGES = List.of("INTAKE", "CLARIFICATION", "DESIGNATION (benchmark)",
      "DESIGNATION (consultation)", "ACCESS_DECISION", "ACCESS_TERMS", "ACCESS_WINDOW", "AWAITING_RELEASE");
  /** Copies per database transaction. */
  static final int CHUNK = 50;

  private final int organizations;
  private final List<String> acme;
  private final List<TemplateCopies.Template> templates = new ArrayList<>();

  /** @param acme collects the ids of acme's engagements (alice's organization), which the detail runs read */
  Preload(int organizations, List<String> acme) {
    this.organizations = organizations;
    this.acme = acme;
  }

  static String organization(int i, int organizations) {
    int number = i % organizations;
    return number == 0 ? "acme" : number == 1 ? "globex" : "lab-" + (number + 1);
  }

  private int period() {
    return organizations * STAGES.size();
  }

  /** Engagements {@code from} (inclusive) to {@code to}, by {@code threads} threads. */
  void load(InProcessApp app, int from, int to, int threads) throws Exception {
    EngineSteps steps = new EngineSteps(app);
    TemplateCopies copies = new TemplateCopies(app.dataSource());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Object>> made = new ArrayList<>();
      for (int i = templates.size(); i < Math.min(to, period()); i++) {
        int engagement = i;
        made.add(() -> driveTo(steps, engagement, UUID.randomUUID().toString()));
      }
      for (Future<Object> template : pool.invokeAll(made)) {
        templates.add(copies.capture((String) template.get()));
      }
      Map<Integer, String> newCopyOfStage = new LinkedHashMap<>();
      List<Callable<Object>> chunks = new ArrayList<>();
      for (int t = 0; t < templates.size(); t++) {
        List<String> keys = new ArrayList<>();
        for (int i = Math.max(from, period()) + Math.floorMod(t - Math.max(from, period()), period()); i < to; i += period()) {
          String id = UUID.randomUUID().toString();
          keys.add(id);
          if (organization(i, organizations).equals("acme")) {
            acme.add(id);
            newCopyOfStage.putIfAbsent(stage(i), id);
          }
        }
        TemplateCopies.Template template = templates.get(t);
        for (int start = 0; start < keys.size(); start += CHUNK) {
          List<String> chunk = keys.subList(start, Math.min(keys.size(), start + CHUNK));
          chunks.add(() -> {
            copies.insertCopies(template, chunk);
            return null;
          });
        }
      }
      for (Future<Object> chunk : pool.invokeAll(chunks)) {
        chunk.get();
      }
      newCopyOfStage.forEach((stage, id) -> nextStep(steps, stage, id));
      copies.analyze(); // statistics as autovacuum would gather them soon after a load this size
    } finally {
      pool.shutdownNow();
    }
  }

  /** Rows per engagement of each stage, as the engine writes them. */
  Map<String, Integer> rowsPerStage() {
    Map<String, Integer> rows = new LinkedHashMap<>();
    for (int s = 0; s < STAGES.size() && s * organizations < templates.size(); s++) {
      rows.put(STAGES.get(s), templates.get(s * organizations).rowCount());
    }
    return rows;
  }

  private int stage(int i) {
    return (i / organizations) % STAGES.size();
  }

  private String driveTo(EngineSteps steps, int i, String id) {
    String organization = organization(i, organizations);
    int stage = stage(i);
    steps.open(id, organization);
    if (stage == 1) {
      steps.reviewIntake(id, false);
    } else if (stage >= 2) {
      steps.reviewIntake(id, true);
    }
    if (stage >= 3) {
      steps.recordBenchmark(id);
    }
    if (stage >= 4) {
      EngineSteps.OFFICES.forEach(office -> steps.consult(id, office));
      steps.decideDesignated(id);
    }
    if (stage >= 5) {
      steps.offerAccess(id, organization, 1); // from tomorrow: no timer falls due while measuring
    }
    if (stage >= 6) {
      steps.prepareTerms(id);
      steps.acceptTerms(id, organization);
    }
    if (stage >= 7) {
      steps.proposePartner(id, organization);
      steps.vetPartners(id);
      steps.endAccessEarly(id);
    }
    if (organization.equals("acme")) {
      acme.add(id);
    }
    return id;
  }

  /** The step after {@code stage}: it fails if the engine finds anything of the copy amiss (its record, say). */
  private static void nextStep(EngineSteps steps, int stage, String id) {
    switch (stage) {
      case 0 -> steps.reviewIntake(id, true);
      case 1 -> steps.clarify(id, "acme");
      case 2 -> steps.recordBenchmark(id);
      case 3 -> steps.consult(id, EngineSteps.OFFICES.get(0));
      case 4 -> steps.offerAccess(id, "acme", 1);
      case 5 -> steps.prepareTerms(id);
      case 6 -> steps.proposePartner(id, "acme");
      default -> steps.reportRelease(id);
    }
  }
}
