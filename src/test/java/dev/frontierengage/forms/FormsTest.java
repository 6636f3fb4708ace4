package dev.frontierengage.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.engagement.IntakeOutcome;
import dev.frontierengage.partners.PartnerDecision;
import dev.frontierengage.partners.PartnerSelectionProcess;
import dev.frontierengage.process.ConfiguredPolicy;
import dev.frontierengage.process.InvalidSubmissionException;
import dev.frontierengage.process.ProcessTestEngine;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every agency task has a Camunda Form in {@code bpmn/}; every field of a form is a variable the
 * processes read or write; and what a form requires the engine requires too: a completion that
 * skips the form (engine-rest, the Java API) and leaves out a required field or breaks a range
 * is refused, and the task stays open.
 */
@Deployment(resources = {"bpmn/engagement.bpmn", "bpmn/designation-assessment.bpmn",
    "bpmn/trusted-partner-selection.bpmn", "bpmn/covered-frontier-model-threshold.dmn"})
class FormsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Path MODELS = Path.of("bpmn");

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(ProcessTestEngine.CONFIG)
      .build();

  ProcessEngine processEngine;
  EngagementDriver driver;

  @BeforeEach
  void setUp() {
    driver = EngagementDriver.startProcessTest(processEngine);
  }

  @AfterEach
  void tearDown() {
    EngagementDriver.endProcessTest();
  }

  /** Every user task of the models, by id, with the file it is in. */
  static Map<String, UserTask> userTasks() throws IOException {
    Map<String, UserTask> tasks = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(MODELS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        model.getModelElementsByType(UserTask.class).forEach(task -> tasks.put(task.getId(), task));
      }
    }
    return tasks;
  }

  static boolean agencyTask(UserTask task) {
    return !task.getCamundaCandidateGroups().startsWith("org-");
  }

  static JsonNode form(String id) throws IOException {
    return JSON.readTree(MODELS.resolve(id + ".form").toFile());
  }

  @Test
  void everyAgencyTaskHasAFormOfItsOwnDeployedWithItAndDeveloperTasksHaveNone() throws IOException {
    Set<String> used = new TreeSet<>();
    for (UserTask task : userTasks().values()) {
      if (!agencyTask(task)) {
        assertThat(task.getCamundaFormRef()).as(task.getId() + " is answered through the developer API").isNull();
        continue;
      }
      assertThat(task.getCamundaFormRef()).as(task.getId()).isNotBlank();
      assertThat(task.getCamundaFormRefBinding()).as(task.getId()).isEqualTo("deployment");
      assertThat(MODELS.resolve(task.getCamundaFormRef() + ".form")).as(task.getId()).exists();
      assertThat(form(task.getCamundaFormRef()).get("id").asText()).isEqualTo(task.getCamundaFormRef());
      assertThat(used.add(task.getCamundaFormRef())).as("one form per task").isTrue();
    }
    try (Stream<Path> files = Files.list(MODELS)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".form"))
          .map(f -> f.replace(".form", ""))).as("no form without its task").containsExactlyInAnyOrderElementsOf(used);
    }
  }

  @Test
  void everyFormFieldIsAVariableTheProcessesReadOrWrite() throws Exception {
    Set<String> variables = new TreeSet<>();
    for (Class<?> vars : List.of(EngagementProcess.Vars.class, DesignationProcess.Vars.class,
        PartnerSelectionProcess.Vars.class)) {
      for (Field field : vars.getFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
          variables.add((String) field.get(null));
        }
      }
    }
    Set<String> decisionFields = new TreeSet<>();
    for (RecordComponent component : PartnerDecision.class.getRecordComponents()) {
      decisionFields.add(component.getName());
    }
    for (UserTask task : userTasks().values()) {
      if (!agencyTask(task)) {
        continue;
      }
      JsonNode form = form(task.getCamundaFormRef());
      List<String> unknown = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      fields(form.get("components"), (key, list) -> {
        keys.add(key);
        boolean known = list == null ? variables.contains(key)
            : list.equals(PartnerSelectionProcess.Vars.PARTNER_DECISIONS) && decisionFields.contains(key);
        if (!known) {
          unknown.add(list == null ? key : list + "[]." + key);
        }
      });
      assertThat(keys).as(task.getCamundaFormRef() + " has fields").isNotEmpty();
      assertThat(unknown).as(task.getCamundaFormRef() + ": fields that are no process variable").isEmpty();
    }
  }

  /** Visits every keyed field: (key, null) at the top, (key, path) inside a dynamic list. */
  static void fields(JsonNode components, java.util.function.BiConsumer<String, String> visit) {
    fields(components, null, visit);
  }

  private static void fields(JsonNode components, String list, java.util.function.BiConsumer<String, String> visit) {
    for (JsonNode component : components) {
      if (component.has("key")) {
        visit.accept(component.get("key").asText(), list);
      }
      if (component.has("components")) {
        String inner = "dynamiclist".equals(component.path("type").asText()) ? component.get("path").asText() : list;
        fields(component.get("components"), inner, visit);
      }
    }
  }

  // ----- the engine enforces what the forms require

  /** How to reach one agency task, who works it, and a completion its form would send. */
  record Step(String form, String user, Function<String, Task> reach, Map<String, Object> valid) {
    @Override
    public String toString() {
      return form;
    }
  }

  static List<Step> steps() {
    return List.of(
        new Step("review-intake", "nsa-intake", null, Map.of(EngagementProcess.Vars.INTAKE_OUTCOME,
            IntakeOutcome.CLARIFICATION_NEEDED.name(), EngagementProcess.Vars.INTAKE_NOTE, "Which base model?")),
        new Step("record-benchmark-results", "nsa-benchmark", null, EngagementDriver.benchmark(50)),
        new Step("provide-consultation", "cisa", null, Map.of(DesignationProcess.Vars.POSITION, "CONCUR",
            DesignationProcess.Vars.COMMENT, "Agreed")),
        new Step("decide-designation", "nsa-director", null, EngagementDriver.designation(true)),
        new Step("prepare-access-terms", "access-counsel", null,
            Map.of(EngagementProcess.Vars.ACCESS_TERMS_REFERENCE, "TERMS-1")),
        new Step("evaluate-model", "nsa-evaluation", null,
            Map.of(EngagementProcess.Vars.EVALUATION_FINDINGS, "Findings")),
        new Step("vet-trusted-partners", "cisa", null, Map.of(PartnerSelectionProcess.Vars.PARTNER_DECISIONS,
            "[{\"partnerId\":\"P1\",\"approved\":true,\"reason\":\"Vetted\"}]")));
  }

  /** Drives a fresh engagement to the task of {@code form} and returns it. */
  private Task reach(String form) {
    String id = driver.submitInquiry();
    if (form.equals("review-intake")) {
      return driver.task(id, EngagementProcess.Elements.REVIEW_INTAKE);
    }
    driver.reviewIntake(id, IntakeOutcome.ACCEPTED);
    if (form.equals("record-benchmark-results")) {
      return driver.task(id, DesignationProcess.Elements.RECORD_BENCHMARK_RESULTS);
    }
    driver.recordBenchmark(id, 90);
    if (form.equals("provide-consultation")) {
      return processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
          .taskDefinitionKey(DesignationProcess.Elements.PROVIDE_CONSULTATION).taskCandidateGroup("cisa").singleResult();
    }
    driver.consultAll(id, ConfiguredPolicy.load().active().consultationOffices());
    if (form.equals("decide-designation")) {
      return driver.task(id, DesignationProcess.Elements.DECIDE_DESIGNATION);
    }
    driver.decideDesignation(id, true);
    LocalDate start = EngagementDriver.TODAY.plusDays(1);
    driver.offerAccess(id, start, 30, EngagementDriver.TODAY.plusDays(60));
    if (form.equals("prepare-access-terms")) {
      return driver.task(id, EngagementProcess.Elements.PREPARE_ACCESS_TERMS);
    }
    driver.prepareTerms(id);
    driver.acceptTerms(id, true);
    driver.proposePartners(id, "CISA Lab");
    if (form.equals("vet-trusted-partners")) {
      return driver.task(id, PartnerSelectionProcess.Elements.VET_TRUSTED_PARTNERS);
    }
    driver.fireTimer(id, EngagementProcess.Elements.ACCESS_WINDOW_OPENS);
    return driver.task(id, EngagementProcess.Elements.EVALUATE_MODEL);
  }

  /** Each required field left out or blank, each number out of its range: the completions to try. */
  static Map<String, Map<String, Object>> brokenCompletions(Step step) throws IOException {
    Map<String, Map<String, Object>> broken = new LinkedHashMap<>();
    List<JsonNode> top = new ArrayList<>();
    List<JsonNode> inList = new ArrayList<>();
    collect(form(step.form()).get("components"), false, top, inList);
    for (JsonNode field : top) {
      String key = field.get("key").asText();
      JsonNode validate = field.path("validate");
      if (validate.path("required").asBoolean()) {
        Map<String, Object> without = new HashMap<>(step.valid());
        without.remove(key);
        broken.put(key + " left out", without);
        if (!"number".equals(field.get("type").asText())) {
          Map<String, Object> blank = new HashMap<>(step.valid());
          blank.put(key, " ");
          broken.put(key + " blank", blank);
        }
      }
      if (validate.has("min")) {
        Map<String, Object> below = new HashMap<>(step.valid());
        below.put(key, validate.get("min").asInt() - 1);
        broken.put(key + " below " + validate.get("min"), below);
      }
      if (validate.has("max")) {
        Map<String, Object> above = new HashMap<>(step.valid());
        above.put(key, validate.get("max").asInt() + 1);
        broken.put(key + " above " + validate.get("max"), above);
      }
      if (validate.has("maxLength")) {
        Map<String, Object> tooLong = new HashMap<>(step.valid());
        tooLong.put(key, "x".repeat(validate.get("maxLength").asInt() + 1));
        broken.put(key + " longer than " + validate.get("maxLength"), tooLong);
      }
    }
    for (JsonNode field : inList) {
      if (field.path("validate").path("required").asBoolean()) {
        String key = field.get("key").asText();
        broken.put("partnerDecisions[]." + key + " left out", Map.of(PartnerSelectionProcess.Vars.PARTNER_DECISIONS,
            "[{\"partnerId\":\"P1\",\"approved\":true}]".replace(",\"" + key + "\":true", "")
                .replace("\"" + key + "\":\"P1\",", "")));
      }
    }
    return broken;
  }

  private static void collect(JsonNode components, boolean inList, List<JsonNode> top, List<JsonNode> listed) {
    for (JsonNode component : components) {
      if (component.has("key") && !component.path("disabled").asBoolean() && !component.path("readonly").asBoolean()) {
        (inList ? listed : top).add(component);
      }
      if (component.has("components")) {
        collect(component.get("components"), inList || "dynamiclist".equals(component.path("type").asText()),
            top, listed);
      }
    }
  }

  @Test
  void theVettingFormStartsFromTheProposedPartnersAndItsListIsAcceptedBack() {
    Task vetting = reach("vet-trusted-partners");
    Object prefilled = processEngine.getTaskService().getVariable(vetting.getId(),
        PartnerSelectionProcess.Vars.PARTNER_DECISIONS);
    List<PartnerDecision> lines = dev.frontierengage.process.JsonVariables.readList(prefilled, PartnerDecision.class);
    assertThat(lines).singleElement().satisfies(line -> {
      assertThat(line.partnerId()).isEqualTo("P1");
      assertThat(line.partner()).startsWith("CISA Lab (FEDERAL_AGENCY)");
      assertThat(line.approved()).isFalse();
      assertThat(line.reason()).isNull();
    });
    // what the dynamic list sends back: the same JSON object variable, each line decided
    Map<String, Object> answer = Map.of(PartnerSelectionProcess.Vars.PARTNER_DECISIONS,
        dev.frontierengage.process.JsonVariables.list(List.of(
            new PartnerDecision("P1", lines.get(0).partner(), true, "Vetted contact"))));
    driver.complete("cisa", vetting, answer);
    assertThat(processEngine.getTaskService().createTaskQuery().taskId(vetting.getId()).count()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void whatTheFormRequiresTheEngineRequiresWhenTheFormIsSkipped(Step step) throws IOException {
    Map<String, Map<String, Object>> broken = brokenCompletions(step);
    assertThat(broken).as(step.form() + " requires something").isNotEmpty();
    for (Map.Entry<String, Map<String, Object>> attempt : broken.entrySet()) {
      Task task = reach(step.form());
      String field = attempt.getKey().replaceAll("^(partnerDecisions\\[]\\.)?(\\w+) .*$", "$2");
      assertThatThrownBy(() -> driver.complete(step.user(), task, attempt.getValue()))
          .as(step.form() + ": " + attempt.getKey()).hasRootCauseInstanceOf(InvalidSubmissionException.class)
          .rootCause().hasMessageContaining(field);
      assertThat(processEngine.getTaskService().createTaskQuery().taskId(task.getId()).count())
          .as(step.form() + ": task still open after " + attempt.getKey()).isOne();
    }
    Task task = reach(step.form());
    driver.complete(step.user(), task, step.valid());
    assertThat(processEngine.getTaskService().createTaskQuery().taskId(task.getId()).count())
        .as(step.form() + ": the form's valid completion is accepted").isZero();
  }
}
