package dev.frontierengage.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontierengage.designation.DesignationProcess;
import dev.frontierengage.engagement.EngagementDriver;
import dev.frontierengage.engagement.EngagementProcess;
import dev.frontierengage.engagement.IntakeOutcome;
import dev.frontierengage.partners.PartnerSelectionProcess;
import dev.frontierengage.process.ConfiguredPolicy;
import dev.frontierengage.process.InvalidSubmissionException;
import dev.frontierengage.process.ProcessTestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every agency task has a Camunda Form in {@code bpmn/}; what a form shows read-only is what
 * {@link FormContextReads} serves from the record (and all the task holds), what a reviewer enters is an input
 * parameter of the task (it lives and ends with the task), and nothing else of an engagement is
 * visible from the task; and what a form requires the engine requires too: a completion that
 * skips the form (engine-rest, the Java API) and leaves out a required field or breaks a range
 * is refused, and the task stays open.
 */
@Deployment(resources = {"bpmn/engagement.bpmn", "bpmn/designation-assessment.bpmn",
    "bpmn/trusted-partner-selection.bpmn", "bpmn/covered-frontier-model-threshold.dmn"})
class FormsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  /** Shown only once a clarification round took place. */
  static final Set<String> ROUND_ONLY = Set.of(EngagementProcess.Vars.PREVIOUS_QUESTION,
      EngagementProcess.Vars.CLARIFICATION_ANSWER);
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

  /** A form's fields: what it shows read-only, what the reviewer enters, and its dynamic lists. */
  record Fields(Set<String> readOnly, Set<String> input, Map<String, Set<String>> listReadOnly,
      Map<String, Set<String>> listInput) {

    /** Every name the form binds to a variable: its fields, its tables' data and its lists. */
    Set<String> variables() {
      Set<String> all = new TreeSet<>(readOnly);
      all.addAll(input);
      all.addAll(listReadOnly.keySet());
      all.addAll(listInput.keySet());
      return all;
    }
  }

  /**
   * Reads a form's fields: a disabled or readonly field, or a table (its data source, which a
   * reviewer cannot edit), is read-only; any other keyed field is entered by the reviewer.
   */
  static Fields fieldsOf(JsonNode form) {
    Fields fields = new Fields(new TreeSet<>(), new TreeSet<>(), new TreeMap<>(), new TreeMap<>());
    visit(form.get("components"), null, fields);
    return fields;
  }

  private static void visit(JsonNode components, String list, Fields fields) {
    for (JsonNode component : components) {
      boolean readOnly = component.path("disabled").asBoolean() || component.path("readonly").asBoolean();
      if ("table".equals(component.path("type").asText())) {
        // a table shows a variable: "=name" (anything else is no variable the test can check)
        String source = component.path("dataSource").asText();
        (list == null ? fields.readOnly() : fields.listReadOnly().computeIfAbsent(list, l -> new TreeSet<>()))
            .add(source.matches("^=\\s*[A-Za-z]\\w*\\s*$") ? source.substring(1).strip() : source);
      }
      if (component.has("key")) {
        String key = component.get("key").asText();
        if (list == null) {
          (readOnly ? fields.readOnly() : fields.input()).add(key);
        } else {
          (readOnly ? fields.listReadOnly() : fields.listInput()).computeIfAbsent(list, l -> new TreeSet<>()).add(key);
        }
      }
      if (component.has("components")) {
        String inner = "dynamiclist".equals(component.path("type").asText()) ? component.get("path").asText() : list;
        if (inner != null && !inner.equals(list)) {
          fields.listReadOnly().computeIfAbsent(inner, l -> new TreeSet<>());
          fields.listInput().computeIfAbsent(inner, l -> new TreeSet<>());
        }
        visit(component.get("components"), inner, fields);
      }
    }
  }

  /** The task's input parameters: name → expression (its own scope, which ends with the task). */
  static Map<String, String> inputParameters(UserTask task) {
    Map<String, String> parameters = new TreeMap<>();
    if (task.getExtensionElements() != null) {
      for (CamundaInputOutput io : task.getExtensionElements().getElementsQuery()
          .filterByType(CamundaInputOutput.class).list()) {
        for (CamundaInputParameter parameter : io.getCamundaInputParameters()) {
          parameters.put(parameter.getCamundaName(), parameter.getTextContent().strip());
        }
      }
    }
    return parameters;
  }

  /** The element variable of a multi-instance task (the office of a consultation), or null. */
  static String elementVariable(UserTask task) {
    return task.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics multi
        ? multi.getCamundaElementVariable() : null;
  }

  /** What a task's form shows read-only that FormContextReads must supply: all but the instance's own element. */
  static Set<String> shownByFormContext(UserTask task, Fields fields) {
    Set<String> shown = new TreeSet<>(fields.readOnly());
    if (elementVariable(task) != null) {
      shown.remove(elementVariable(task));
    }
    return shown;
  }

  @Test
  void everyReadOnlyFieldOfAFormIsWhatFormContextShowsForItsTask() throws Exception {
    Set<String> agencyTasks = new TreeSet<>();
    for (UserTask task : userTasks().values()) {
      if (!agencyTask(task)) {
        continue;
      }
      agencyTasks.add(task.getId());
      String what = task.getCamundaFormRef();
      Fields fields = fieldsOf(form(what));
      assertThat(fields.readOnly()).as(what + " shows the model").containsAll(FormContexts.MODEL);
      // the top of the form: supplied by FormContextReads for this task, no more, no less (the
      // element variable of a multi-instance task is the engine's: the office consulted)
      assertThat(shownByFormContext(task, fields)).as(what + ": read-only fields vs FormContextReads")
          .containsExactlyInAnyOrderElementsOf(FormContexts.shown(task.getId()));
      if (fields.readOnly().contains(DesignationProcess.Vars.OFFICE)) {
        assertThat(elementVariable(task)).as(what + ": office is the consultation's own office")
            .isEqualTo(DesignationProcess.Vars.OFFICE);
        assertThat(task.getCamundaCandidateGroups()).isEqualTo("${" + DesignationProcess.Vars.OFFICE + "}");
      }
      // Tasklist 7.24 cannot complete a form whose dynamic list was edited (README): none has one
      assertThat(fields.listInput().keySet()).as(what + ": no dynamic list").isEmpty();
    }
    assertThat(FormContexts.SHOWN.keySet()).as("FormContextReads serves the agency tasks and only them")
        .containsExactlyInAnyOrderElementsOf(agencyTasks);
  }

  @Test
  void everyInputFieldOfAFormIsAnInputParameterOfItsTask() throws Exception {
    for (UserTask task : userTasks().values()) {
      if (!agencyTask(task)) {
        continue;
      }
      String what = task.getCamundaFormRef();
      Fields fields = fieldsOf(form(what));
      Set<String> entered = new TreeSet<>(fields.input());
      entered.addAll(fields.listInput().keySet());
      assertThat(entered).as(what + " has fields to enter").isNotEmpty();
      Map<String, String> parameters = inputParameters(task);
      // what the reviewer sends lives in the task's own scope, and nothing else does
      assertThat(parameters.keySet()).as(what + ": input parameters vs entered fields")
          .containsExactlyInAnyOrderElementsOf(entered);
      for (String field : fields.input()) {
        assertThat(parameters).as(what + ": " + field + " starts empty in every round").containsEntry(field, "${null}");
      }
      assertThat(fields.readOnly()).as(what + ": a read-only field is no submission")
          .doesNotContainAnyElementsOf(parameters.keySet());
    }
  }

  /** The engine's own counters of a multi-instance activity: no fact, no submission. */
  static final Set<String> MULTI_INSTANCE_COUNTERS =
      Set.of("nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances", "loopCounter");

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void anAgencyTaskHoldsExactlyWhatItsFormShowsAndSeesNothingElse(Step step) throws IOException {
    Task task = reach(step.form());
    UserTask model = userTasks().get(task.getTaskDefinitionKey());
    assertThat(model.getCamundaFormRef()).isEqualTo(step.form());
    Fields fields = fieldsOf(form(step.form()));
    TaskService tasks = processEngine.getTaskService();

    assertThat(tasks.getVariablesLocal(task.getId())).as(step.form() + ": nothing of the record is copied onto the task")
        .isEmpty();
    // what the form gets besides the variables the task can see: what its form shows read-only, from the record
    Map<String, Object> local = new HashMap<>(processEngine.getFormService().getTaskFormVariables(task.getId()));
    local.keySet().removeAll(tasks.getVariables(task.getId()).keySet());
    assertThat(local.keySet()).as(step.form() + ": the form's variables are what it shows read-only")
        .containsExactlyInAnyOrderElementsOf(shownByFormContext(model, fields));
    // every shown value is filled, but the clarification round's, which the first review has not had
    assertThat(local).as(step.form() + ": each shown value is filled").allSatisfy((k, v) -> {
      if (!ROUND_ONLY.contains(k)) {
        assertThat(v).as(k).isNotNull();
      }
    });
    assertThat(local).as(step.form() + ": the model shown")
        .containsEntry(EngagementProcess.Vars.ORGANIZATION, EngagementDriver.ORGANIZATION)
        .containsEntry(EngagementProcess.Vars.MODEL_NAME, "Roadrunner")
        .containsEntry(EngagementProcess.Vars.MODEL_VERSION, "4.1");

    Set<String> visible = new TreeSet<>(tasks.getVariables(task.getId()).keySet());
    if (elementVariable(model) != null) {
      // the office asked: the engine's element variable, which the form shows by its title
      assertThat(visible).as(step.form()).contains(elementVariable(model));
      visible.remove(elementVariable(model));
      visible.removeAll(MULTI_INSTANCE_COUNTERS);
    }
    assertThat(fields.variables()).as(step.form() + ": all the task can see is on its form")
        .containsAll(visible);
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
        new Step("vet-trusted-partners", "cisa", null, Map.of(PartnerSelectionProcess.Vars.PARTNER_APPROVED, true,
            PartnerSelectionProcess.Vars.VETTING_REASON, "Vetted")));
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
      driver.attachTerms(id); // as through the form's documents link: the form's fields are what is tested here
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
  void theVettingFormShowsThePartnerItDecides() {
    Task vetting = reach("vet-trusted-partners");
    Map<String, Object> shown = processEngine.getFormService().getTaskFormVariables(vetting.getId());
    assertThat(shown).containsEntry(PartnerSelectionProcess.Vars.PARTNER_NAME, "CISA Lab")
        .containsEntry(PartnerSelectionProcess.Vars.PARTNER_CATEGORY, "Federal agency")
        .containsEntry(PartnerSelectionProcess.Vars.PARTNER_SECTOR, "(none given)")
        .containsEntry(PartnerSelectionProcess.Vars.PARTNERS_AWAITING, "1");
    assertThat(vetting.getName()).isEqualTo("Vet trusted partner CISA Lab: Roadrunner 4.1 (acme)");
    // a caller that names the values it wants gets those and no others
    assertThat(processEngine.getFormService().getTaskFormVariables(vetting.getId(),
        List.of(PartnerSelectionProcess.Vars.PARTNER_NAME), true))
        .containsOnlyKeys(PartnerSelectionProcess.Vars.PARTNER_NAME);
  }

  @Test
  void everyFormLinksTheEngagementsDocumentsByItsId() throws IOException {
    List<String> forms;
    try (var files = java.nio.file.Files.list(MODELS)) {
      forms = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".form"))
          .map(f -> f.replace(".form", "")).toList();
    }
    assertThat(forms).hasSize(FormContexts.SHOWN.size());
    for (String form : forms) {
      List<String> texts = new java.util.ArrayList<>();
      form(form).get("components").forEach(c -> {
        if ("text".equals(c.path("type").asText())) {
          texts.add(c.path("text").asText());
        }
      });
      assertThat(texts).as(form).anySatisfy(text -> assertThat(text)
          .contains("](/agency/documents.html?engagement={{" + FormContexts.ENGAGEMENT_ID + "}})"));
    }
  }

  @Test
  void theFormsShowNamesAndTextNotCodesOrSpinners() throws IOException {
    Task consultation = reach("provide-consultation");
    Map<String, Object> shown = processEngine.getFormService().getTaskFormVariables(consultation.getId());
    assertThat(shown).containsEntry(DesignationProcess.Vars.OFFICE_NAME, "Director of CISA")
        .containsEntry(DesignationProcess.Vars.RECOMMENDATION, "Covered: above the threshold")
        .containsEntry(EngagementProcess.Vars.DESCRIPTION, driver.record(processEngine.getRuntimeService()
            .createProcessInstanceQuery().processInstanceId(consultation.getProcessInstanceId()).singleResult()
            .getBusinessKey()).description());
    // the round closes the policy's period after the task was made
    assertThat(shown.get(DesignationProcess.Vars.CONSULTATION_CLOSES)).isEqualTo(FormContexts.MOMENT.format(
        consultation.getCreateTime().toInstant().plus(ConfiguredPolicy.load().active().consultationPeriod())));

    Task decision = reach("decide-designation");
    Map<String, Object> decided = processEngine.getFormService().getTaskFormVariables(decision.getId());
    assertThat(decided.get(DesignationProcess.Vars.CONSULTATIONS).toString())
        .contains("National Cyber Director", "Department of War", "Concur").doesNotContain("CONCUR", "office=national-cyber");
    // a read-only number is text: a number field would offer a spinner on a value nobody may change
    for (String form : List.of("decide-designation", "prepare-access-terms")) {
      List<JsonNode> numbers = new ArrayList<>();
      for (JsonNode field : form(form).findParents("key")) {
        if ("number".equals(field.path("type").asText()) && field.path("disabled").asBoolean()) {
          numbers.add(field);
        }
      }
      assertThat(numbers).as(form + ": read-only numbers").isEmpty();
    }
    assertThat(decided.get(DesignationProcess.Vars.SCORE_NETWORK_OPERATIONS)).isEqualTo("90");
  }

  @Test
  void aDecisionIsAnExplicitChoiceNeverAnUntickedBox() throws IOException {
    for (String form : List.of("decide-designation", "vet-trusted-partners")) {
      for (JsonNode field : form(form).findParents("key")) {
        assertThat(field.path("type").asText()).as(form + ": " + field.path("key")).isNotEqualTo("checkbox");
        if ("radio".equals(field.path("type").asText())) {
          assertThat(field.path("validate").path("required").asBoolean()).as(form + ": a choice is required").isTrue();
          assertThat(field.has("defaultValue")).as(form + ": nothing chosen before the reviewer").isFalse();
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void whatTheFormRequiresTheEngineRequiresWhenTheFormIsSkipped(Step step) throws IOException {
    Map<String, Map<String, Object>> broken = brokenCompletions(step);
    assertThat(broken).as(step.form() + " requires something").isNotEmpty();
    for (Map.Entry<String, Map<String, Object>> attempt : broken.entrySet()) {
      Task task = reach(step.form());
      String field = attempt.getKey().replaceAll("^(\\w+) .*$", "$1");
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
