package dev.frontierengage.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.process.ProcessTestEngine;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A task completed on another node while this node completed it too: the engine may fail on
 * this node with no engine exception at all (seen in CI: a NullPointerException on an execution
 * whose parent was gone). Engine-rest passes such a failure on unwrapped; it is a 409 when the
 * task is gone, and stays Camunda's 500 otherwise.
 */
class TaskGoneRefusalsTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engineExtension = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.CONFIG).build(); // the process tests' engine records coverage

  private ProcessEngine engine;
  private String deployment;

  @BeforeEach
  void deploy() {
    engine = engineExtension.getProcessEngine();
    deployment = engine.getRepositoryService().createDeployment().addModelInstance("one-task.bpmn",
        Bpmn.createExecutableProcess("oneTask").startEvent().userTask("UserTask_Only").endEvent().done())
        .deploy().getId();
  }

  @org.junit.jupiter.api.AfterEach
  void undeploy() {
    engine.getRepositoryService().deleteDeployment(deployment, true);
  }

  @Test
  void aFailureOfCompletingATaskThatIsGoneIsAConflict() throws Exception {
    Task task = openTask();
    engine.getTaskService().complete(task.getId());

    Response answer = refusals("task/" + task.getId() + "/complete").toResponse(npe());
    assertThat(answer.getStatus()).isEqualTo(409);
    assertThat(body(answer)).containsEntry("hint", "the task is gone: completed or cancelled meanwhile")
        .doesNotContainValue(npe().getMessage());

    assertThat(refusals("/task/" + task.getId() + "/submit-form").toResponse(npe()).getStatus()).isEqualTo(409);
  }

  /**
   * Completing a task whose listener failed on the database (seen in a staggered race: CISA's
   * consultation answer and the consultation period's timer both wrote the office's row, and the
   * answer lost on the row's key) while the other transaction ended the task: a 409, and the
   * answer names neither the statement nor the database's failure, which engine-rest's message
   * quotes.
   */
  @Test
  void aFailureOfCompletingATaskThatIsGoneQuotesNoStatement() throws Exception {
    Task task = openTask();
    engine.getTaskService().complete(task.getId());
    var failure = new org.camunda.bpm.engine.rest.exception.RestException("Cannot complete task " + task.getId()
        + ": ENGINE-03051 There was an exception while invoking the TaskListener. Message: 'Exception while invoking"
        + " TaskListener: PreparedStatementCallback; SQL [INSERT INTO fe_consultation (engagement_id, office) SELECT ?, ?"
        + " WHERE NOT EXISTS (SELECT 1 FROM fe_consultation WHERE engagement_id = ? AND office = ?)]; Unique index or"
        + " primary key violation: \"PUBLIC.PRIMARY_KEY_F ON PUBLIC.FE_CONSULTATION(ENGAGEMENT_ID, OFFICE)\" [23505-232]'");

    Response answer = new EngineRestRefusals(mock(AuditLog.class), engine).toResponse(failure);
    assertThat(answer.getStatus()).isEqualTo(409);
    assertThat(body(answer)).containsEntry("hint", "the task is gone: completed or cancelled meanwhile");
    assertThat(body(answer).values()).allSatisfy(value -> assertThat(String.valueOf(value))
        .doesNotContain("SQL", "INSERT", "fe_consultation", "23505", "Exception"));
  }

  /** The engine's deployed form of an id that names no task fails with a NullPointerException: answered as its other form reads. */
  @Test
  void theDeployedFormOfNoTaskIsAConflict() throws Exception {
    Response answer = refusals("task/no-such-task/deployed-form").toResponse(
        new NullPointerException("Cannot invoke \"TaskEntity.getId()\" because \"task\" is null"));
    assertThat(answer.getStatus()).isEqualTo(409);
    assertThat(body(answer)).containsEntry("hint", "the task is gone: completed or cancelled meanwhile");
    assertThat(refusals("task/" + openTask().getId() + "/deployed-form").toResponse(npe()).getStatus())
        .as("a task still there: a fault").isEqualTo(500);
  }

  @Test
  void aFailureOnATaskStillThereIsAFault() throws Exception {
    Task task = openTask();
    assertThat(refusals("task/" + task.getId() + "/complete").toResponse(npe()).getStatus()).isEqualTo(500);
  }

  @Test
  void aFailureElsewhereKeepsCamundasAnswer() throws Exception {
    Task task = openTask();
    engine.getTaskService().complete(task.getId());
    // the task is gone, but the failure is not of completing it
    assertThat(refusals("task/" + task.getId() + "/comment/create").toResponse(npe()).getStatus()).isEqualTo(500);
    assertThat(refusals("process-instance").toResponse(npe()).getStatus()).isEqualTo(500);
    assertThat(refusals("task/" + task.getId() + "/complete")
        .toResponse(new jakarta.ws.rs.NotAllowedException("GET")).getStatus()).isEqualTo(405);
  }

  /**
   * A body lacking a field is a 400 only where engine-rest reads it field by field (a migration's
   * plan, a restart's instructions, an authorization's type), thrown in engine-rest's own code or
   * with no stack trace (the JIT's fast throw), and where a query's DTO applies what was sent; any
   * other NullPointerException stays a fault.
   */
  @Test
  void aBodyLackingAFieldIsA400OnlyWhereEngineRestReadsItFieldByField() throws Exception {
    NullPointerException inEngineRest = new NullPointerException("Cannot invoke \"java.util.List.size()\"");
    inEngineRest.setStackTrace(new StackTraceElement[] {new StackTraceElement(
        "org.camunda.bpm.engine.rest.dto.migration.MigrationExecutionDto", "toMigrationPlan", null, 1)});
    NullPointerException fastThrown = new NullPointerException();
    fastThrown.setStackTrace(new StackTraceElement[0]);

    Response answer = refusals("migration/execute").toResponse(inEngineRest);
    assertThat(answer.getStatus()).isEqualTo(400);
    assertThat(body(answer).values()).allSatisfy(value -> assertThat(String.valueOf(value))
        .doesNotContain("Cannot invoke", "java.util"));
    assertThat(refusals("/process-definition/d1/restart-async").toResponse(inEngineRest).getStatus()).isEqualTo(400);
    assertThat(refusals("authorization/create").toResponse(fastThrown).getStatus()).isEqualTo(400);
    assertThat(refusals("engine/default/process-definition/key/engagement/tenant-id/t/restart").toResponse(inEngineRest)
        .getStatus()).isEqualTo(400);
    assertThat(refusals("process-definition/key/engagement/restart-async").toResponse(inEngineRest).getStatus())
        .isEqualTo(400);
    assertThat(refusals("process-instance").toResponse(inEngineRest).getStatus()).as("not such an operation")
        .isEqualTo(500);
    assertThat(refusals("migration/execute").toResponse(npe()).getStatus()).as("thrown outside engine-rest's code")
        .isEqualTo(500);

    // on any path, where a query's DTO applies what was sent (a variable condition without its operator)
    NullPointerException applying = new NullPointerException("Cannot invoke \"String.equals(Object)\" because \"op\" is null");
    applying.setStackTrace(new StackTraceElement[] {new StackTraceElement(
        "org.camunda.bpm.engine.rest.dto.runtime.ProcessInstanceQueryDto", "applyFilters", null, 1)});
    assertThat(refusals("process-instance/count").toResponse(applying).getStatus()).isEqualTo(400);
    ClassCastException ofAnotherType = new ClassCastException("class java.lang.Integer cannot be cast to class java.lang.String");
    ofAnotherType.setStackTrace(new StackTraceElement[] {new StackTraceElement(
        "org.camunda.bpm.engine.rest.dto.task.TaskQueryDto", "applySortingOptions", null, 1)});
    assertThat(refusals("task").toResponse(ofAnotherType).getStatus()).as("a sorting's variable named by a number")
        .isEqualTo(400);
    NullPointerException answering = new NullPointerException();
    answering.setStackTrace(new StackTraceElement[] {new StackTraceElement(
        "org.camunda.bpm.engine.rest.dto.runtime.ProcessInstanceDto", "fromProcessInstance", null, 1)});
    assertThat(refusals("process-instance").toResponse(answering).getStatus()).as("making the answer: a fault")
        .isEqualTo(500);
    assertThat(refusals("engine/default/task/count").toResponse(fastThrown).getStatus())
        .as("the task query's, once the JIT throws it without a trace").isEqualTo(400);
  }

  /**
   * A body of another shape than the operation takes, or not JSON at all: a 400 in JSON naming
   * where in the body (Camunda's was plain text quoting Jackson and its classes).
   */
  @Test
  void aBodyOfAnotherShapeOrNotJsonIsA400InJsonNamingWhere() {
    var refusals = new EngineRestRefusals(mock(AuditLog.class), engine);
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var ofAnotherShape = org.junit.jupiter.api.Assertions.assertThrows(
        com.fasterxml.jackson.databind.JsonMappingException.class, () -> json.readValue("{\"variables\":true}",
            org.camunda.bpm.engine.rest.dto.task.CompleteTaskDto.class));
    Response answer = new EngineRestConfiguration.ShapeRefusals(refusals).toResponse(ofAnotherShape);
    assertThat(answer.getStatus()).isEqualTo(400);
    assertThat(answer.getMediaType().toString()).contains("json");
    assertThat(String.valueOf(body(answer).get("violations"))).contains("'variables'").doesNotContain("LinkedHashMap");
    var notJson = org.junit.jupiter.api.Assertions.assertThrows(com.fasterxml.jackson.core.JsonParseException.class,
        () -> json.readTree("{\"variables\":"));
    assertThat(new EngineRestConfiguration.ParseRefusals(refusals).toResponse(notJson).getStatus()).isEqualTo(400);
  }

  /**
   * The engine's serializer failing on a value sent (Spin's type detection of a list that begins
   * with null) is a 400 that names none of its internals; failing on a value a listener, delegate
   * or expression of ours writes, a fault.
   */
  @Test
  void aValueTheSerializerCannotWriteIsA400UnlessOursWroteIt() throws Exception {
    StackTraceElement detecting = new StackTraceElement("org.camunda.spin.impl.json.jackson.format.ListJacksonJsonTypeDetector",
        "constructType", null, 46);
    StackTraceElement writing = new StackTraceElement("org.camunda.bpm.engine.impl.persistence.entity.util.TypedValueField",
        "writeValue", null, 172);
    NullPointerException sent = new NullPointerException("Cannot invoke \"Object.getClass()\" because \"object\" is null");
    sent.setStackTrace(new StackTraceElement[] {detecting, writing, // as the form handler submits the values sent
        new StackTraceElement("org.camunda.bpm.engine.impl.persistence.entity.util.TypedValueField", "setValue", null, 132),
        new StackTraceElement("org.camunda.bpm.engine.impl.form.handler.SubmitFormVariablesInvocation", "invoke", null, 42),
        new StackTraceElement("org.camunda.bpm.engine.impl.delegate.DelegateInvocation", "proceed", null, 58)});
    Response answer = refusals("process-instance/" + instance() + "/variables").toResponse(sent);
    assertThat(answer.getStatus()).isEqualTo(400);
    assertThat(body(answer).values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain("getClass"));

    NullPointerException ours = new NullPointerException("Cannot invoke \"Object.getClass()\" because \"object\" is null");
    ours.setStackTrace(new StackTraceElement[] {detecting, writing,
        new StackTraceElement("org.camunda.bpm.engine.impl.persistence.entity.util.TypedValueField", "setValue", null, 132),
        new StackTraceElement("org.camunda.bpm.engine.impl.delegate.TaskListenerInvocation", "invoke", null, 1),
        new StackTraceElement("org.camunda.bpm.engine.impl.delegate.DelegateInvocation", "proceed", null, 1)});
    assertThat(refusals("process-instance/" + instance() + "/variables").toResponse(ours).getStatus()).isEqualTo(500);

    // where the engine writes a value of its own, or of ours: a fault
    StackTraceElement setting = new StackTraceElement(
        "org.camunda.bpm.engine.impl.persistence.entity.util.TypedValueField", "setValue", null, 132);
    for (StackTraceElement notSent : List.of(
        new StackTraceElement("org.camunda.bpm.engine.impl.interceptor.CommandContext", "close", null, 1),
        new StackTraceElement("org.camunda.bpm.engine.impl.core.variable.mapping.InputParameter", "execute", null, 1),
        new StackTraceElement("org.camunda.bpm.engine.impl.bpmn.behavior.MultiInstanceActivityBehavior",
            "setLoopVariable", null, 1))) {
      NullPointerException written = new NullPointerException();
      written.setStackTrace(new StackTraceElement[] {detecting, writing, setting, notSent});
      assertThat(refusals("process-instance/" + instance() + "/variables").toResponse(written).getStatus()).as(notSent.toString())
          .isEqualTo(500);
    }
    NullPointerException readBack = new NullPointerException();
    readBack.setStackTrace(new StackTraceElement[] {detecting, writing, new StackTraceElement(
        "org.camunda.bpm.engine.impl.persistence.entity.util.TypedValueField", "isValuedImplicitlyUpdated", null, 1)});
    assertThat(refusals("process-instance/" + instance() + "/variables").toResponse(readBack).getStatus())
        .as("a value read and written back").isEqualTo(500);
  }

  /**
   * The engine's check of a value an operation needs ({@code "<name> is null"}) is the request's
   * left-out value, a 400; thrown inside a listener, a delegate or an expression of ours it is our
   * fault and stays a 500.
   */
  @Test
  void aValueLeftOutIsA400UnlessOurOwnCodeLeftItOut() throws Exception {
    var leftOut = new org.camunda.bpm.engine.exception.NullValueException("groupId is null");
    leftOut.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("org.camunda.bpm.engine.impl.util.EnsureUtil", "ensureNotNull", null, 1),
        new StackTraceElement("org.camunda.bpm.engine.impl.cmd.CreateGroupCmd", "execute", null, 1)});
    Response answer = refusals("group/create").toResponse(leftOut);
    assertThat(answer.getStatus()).isEqualTo(400);
    assertThat(String.valueOf(body(answer).get("violations"))).contains("left out or not as it takes it: groupId is null");

    var ours = new org.camunda.bpm.engine.exception.NullValueException("groupId is null");
    ours.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("org.camunda.bpm.engine.impl.util.EnsureUtil", "ensureNotNull", null, 1),
        new StackTraceElement("org.camunda.bpm.engine.impl.bpmn.delegate.ExecutionListenerInvocation", "invoke", null, 1),
        new StackTraceElement("org.camunda.bpm.engine.impl.delegate.DelegateInvocation", "proceed", null, 1)});
    assertThat(refusals("process-instance/" + instance() + "/variables").toResponse(ours).getStatus()).isEqualTo(500);
    var sentEmpty = new org.camunda.bpm.engine.ProcessEngineException("Candidate group list expression is empty");
    sentEmpty.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("jdk.internal.reflect.DirectConstructorHandleAccessor", "newInstance", null, 1),
        new StackTraceElement("java.lang.reflect.Constructor", "newInstance", null, 1),
        new StackTraceElement("org.camunda.bpm.engine.impl.util.EnsureUtil", "generateException", null, 1),
        new StackTraceElement("org.camunda.bpm.engine.impl.util.EnsureUtil", "ensureNotEmpty", null, 1),
        new StackTraceElement("org.camunda.bpm.engine.impl.TaskQueryImpl", "taskCandidateGroupInExpression", null, 1)});
    assertThat(refusals("task").toResponse(sentEmpty).getStatus()).as("a query's value sent empty").isEqualTo(400);
    var treeBroken = new org.camunda.bpm.engine.exception.NullValueException("activity of current execution is null");
    treeBroken.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("org.camunda.bpm.engine.impl.util.EnsureUtil", "ensureNotNull", null, 1),
        new StackTraceElement("org.camunda.bpm.engine.impl.pvm.runtime.PvmExecutionImpl", "findExecutionForFlowScope",
            null, 1)});
    assertThat(refusals("process-instance/" + instance() + "/modification").toResponse(treeBroken).getStatus())
        .as("the execution tree's own check: a fault").isEqualTo(500);
    var severalWordsElsewhere = new org.camunda.bpm.engine.exception.NullValueException("target scope id is null");
    severalWordsElsewhere.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("org.camunda.bpm.engine.impl.util.EnsureUtil", "ensureNotNull", null, 1),
        new StackTraceElement("org.camunda.bpm.engine.impl.ActivityExecutionTreeMapping", "getExecutions", null, 1)});
    assertThat(refusals("process-instance/" + instance() + "/modification").toResponse(severalWordsElsewhere).getStatus())
        .as("a name of several words outside a query's or command's check").isEqualTo(500);
    assertThat(refusals("group/create").toResponse(
        new org.camunda.bpm.engine.exception.NullValueException("groupId is null")).getStatus())
        .as("not thrown by the engine's check of a value").isEqualTo(500);
    var nullInList = new org.camunda.bpm.engine.exception.NullValueException("taskIds contains null value");
    nullInList.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("org.camunda.bpm.engine.impl.util.EnsureUtil", "ensureNotContainsNull", null, 1),
        new StackTraceElement("org.camunda.bpm.engine.impl.TaskQueryImpl", "taskIdIn", null, 1)});
    assertThat(refusals("task").toResponse(nullInList).getStatus()).as("a list of ids holding a null").isEqualTo(400);
    Response nul = refusals("task").toResponse(new org.camunda.bpm.engine.ProcessEngineException("persistence",
        new java.sql.SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 in SELECT ...", "22021")));
    assertThat(nul.getStatus()).as("PostgreSQL refusing a NUL sent").isEqualTo(400);
    assertThat(body(nul).values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain("SELECT"));
    assertThat(refusals("group/create").toResponse(
        new org.camunda.bpm.engine.exception.NullValueException("Cannot create group: groupId is null")).getStatus())
        .as("a message that is not a name alone").isEqualTo(500);
  }

  /**
   * Engine-rest's job resource passes the engine's refusal of a job's retries or due date on as a
   * 500 of its own with the engine's text: a 404 or 400 by how that text begins, and any other
   * 500 that merely quotes it (a job's delegate failing when executed) stays a 500.
   */
  @Test
  void aJobResourcesOwn500IsARefusalOnlyByHowTheEnginesTextBegins() {
    var refusals = new EngineRestRefusals(mock(AuditLog.class), engine);
    var notThere = new org.camunda.bpm.engine.rest.exception.InvalidRequestException(
        jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR, "ENGINE-13053 No job found with id 'x'.'");
    assertThat(refusals.toResponse(notThere).getStatus()).isEqualTo(404);
    var negative = new org.camunda.bpm.engine.rest.exception.InvalidRequestException(
        jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR,
        "ENGINE-13054 The number of job retries must be a non-negative Integer, but '-1' has been provided.");
    assertThat(refusals.toResponse(negative).getStatus()).isEqualTo(400);
    var delegateFailed = new org.camunda.bpm.engine.rest.exception.InvalidRequestException(
        jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR, "Delegate failed: No job found with id 'x'");
    assertThat(refusals.toResponse(delegateFailed).getStatus()).isEqualTo(500);
  }

  /**
   * An operation on an id that names nothing of its kind, failing where the engine did not check
   * the id first: a 404 to an administrator; the same failure on an object that is there, on an
   * operation on many ({@code process-definition/suspended}, by key), on history (whose ids are not
   * the runtime's), in code the models call, or asked by anyone else but on a process definition
   * (whose ids every agency group reads), is answered as before.
   */
  @Test
  void aFailureOnAnIdThatNamesNothingIsA404ToAnAdministrator() throws Exception {
    String definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("oneTask")
        .singleResult().getId();
    engine.getIdentityService().setAuthentication("admin", List.of("camunda-admin"));
    try {
      Response answer = refusals("process-definition/nope/suspended").toResponse(npe());
      assertThat(answer.getStatus()).isEqualTo(404);
      assertThat(body(answer)).containsEntry("message", "No process definition has id nope");
      assertThat(refusals("/engine/default/job/nope/duedate").toResponse(npe()).getStatus()).isEqualTo(404);
      for (String asBefore : List.of("process-definition/" + definition + "/suspended", "process-definition/suspended",
          "process-definition/key/nope/suspended", "history/process-instance/nope/variable-instances",
          "history/process-definition/cleanable-process-instance-report/count",
          "/engine/default/history/process-definition/nope/statistics")) {
        assertThat(refusals(asBefore).toResponse(npe()).getStatus()).as(asBefore).isEqualTo(500);
      }
      NullPointerException ours = npe();
      ours.setStackTrace(new StackTraceElement[] {new StackTraceElement("dev.frontierengage.SomeListener", "notify", null, 1),
          new StackTraceElement("org.camunda.bpm.engine.impl.delegate.DelegateInvocation", "proceed", null, 1)});
      assertThat(refusals("process-definition/nope/suspended").toResponse(ours).getStatus()).isEqualTo(500);
      engine.getIdentityService().setAuthentication("nsa-intake", List.of("nsa-intake"));
      assertThat(refusals("/engine/default/job/nope/duedate").toResponse(npe()).getStatus())
          .as("asked by a reviewer: not told whether the id names something").isEqualTo(500);
      assertThat(refusals("process-definition/nope/suspended").toResponse(npe()).getStatus())
          .as("but for a process definition, whose ids every agency group reads").isEqualTo(404);
      assertThat(refusals("process-definition/" + definition + "/suspended").toResponse(npe()).getStatus())
          .as("one that is there, to a reviewer").isEqualTo(500);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /**
   * An operation sent without its body (or with JSON's null), on which engine-rest's own code
   * fails: a 400 that says so. A failure elsewhere (the engine's), or with a body, stays a fault.
   */
  @Test
  void aBodyNotSentIsA400WhereEngineRestsCodeFailsOnIt() throws Exception {
    NullPointerException inEngineRest = new NullPointerException("Cannot invoke \"getProfile()\" because \"userDto\" is null");
    inEngineRest.setStackTrace(new StackTraceElement[] {new StackTraceElement(
        "org.camunda.bpm.engine.rest.impl.UserRestServiceImpl", "createUser", null, 1)});

    Response answer = withBody(refusals("user/create"), false).toResponse(inEngineRest);
    assertThat(answer.getStatus()).isEqualTo(400);
    assertThat(String.valueOf(body(answer).get("violations"))).contains("not empty, not null");
    assertThat(withBody(refusals("user/create"), true).toResponse(inEngineRest).getStatus()).isEqualTo(500);
    assertThat(withBody(refusals("user/create"), false).toResponse(npe()).getStatus()).isEqualTo(500);
    NullPointerException inCockpit = new NullPointerException();
    inCockpit.setStackTrace(new StackTraceElement[] {new StackTraceElement(
        "org.camunda.bpm.cockpit.impl.plugin.resources.ProcessInstanceRestService", "queryProcessInstances", null, 1)});
    assertThat(withBody(refusals("plugin/base/default/process-instance"), false).toResponse(inCockpit).getStatus())
        .isEqualTo(400);
    NullPointerException inCockpitsBase = new NullPointerException();
    inCockpitsBase.setStackTrace(new StackTraceElement[] {new StackTraceElement(
        "org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource", "configureAuthorizationCheck", null, 1)});
    assertThat(withBody(refusals("plugin/base/default/incident/count"), false).toResponse(inCockpitsBase).getStatus())
        .as("the resources' base class, setting the check on the query it was handed").isEqualTo(400);
    assertThat(withBody(refusals("plugin/base/default/incident/count"), true).toResponse(inCockpitsBase).getStatus())
        .as("with a body: a fault").isEqualTo(500);
    assertThat(withBody(refusals("deployment/d1/redeploy"), false).toResponse(inEngineRest).getStatus())
        .as("redeploying takes no body").isEqualTo(500);
    NullPointerException answering = new NullPointerException();
    answering.setStackTrace(new StackTraceElement[] {new StackTraceElement(
        "org.camunda.bpm.engine.rest.dto.repository.DeploymentWithDefinitionsDto", "fromDeployment", null, 1)});
    assertThat(withBody(refusals("user/create"), false).toResponse(answering).getStatus()).as("making the answer")
        .isEqualTo(500);
    NullPointerException fastThrown = new NullPointerException();
    fastThrown.setStackTrace(new StackTraceElement[0]);
    assertThat(withBody(refusals("user/create"), false).toResponse(fastThrown).getStatus()).as("no trace: anyone's")
        .isEqualTo(500);
  }

  /**
   * The engine's own word that the request asked what cannot be done
   * ({@code BadUserRequestException}), which engine-rest wraps into a 500 of its own (signalling
   * an execution): a 400, a 404 where the engine says not found; one the engine wrapped on its
   * way, or thrown in code the models call, a fault. Signalling an execution that waits in no
   * activity: a 400 only as the request's signal met it.
   */
  @Test
  void theEnginesBadRequestWrappedInEngineRests500IsA4xx() {
    var refusals = new EngineRestRefusals(mock(AuditLog.class), engine);
    var status = jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR;
    assertThat(refusals.toResponse(new org.camunda.bpm.engine.rest.exception.RestException(status,
        new org.camunda.bpm.engine.BadUserRequestException("execution nope doesn't exist: execution is null"),
        "Cannot signal execution nope: ...")).getStatus()).isEqualTo(400);
    assertThat(refusals.toResponse(new org.camunda.bpm.engine.rest.exception.RestException(status,
        new org.camunda.bpm.engine.exception.NotFoundException("No job definition found"), "Cannot do that"))
        .getStatus()).isEqualTo(404);
    assertThat(refusals.toResponse(new org.camunda.bpm.engine.rest.exception.RestException(status,
        new org.camunda.bpm.engine.ProcessEngineException("couldn't process signal", new org.camunda.bpm.engine
            .BadUserRequestException("cannot do that")), "Cannot signal execution e")).getStatus())
        .as("wrapped by the engine on its way").isEqualTo(500);
    var ours = new org.camunda.bpm.engine.BadUserRequestException("execution x doesn't exist");
    ours.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("org.camunda.bpm.engine.impl.cmd.SignalCmd", "execute", null, 1),
        new StackTraceElement("dev.frontierengage.SomeListener", "notify", null, 1),
        new StackTraceElement("org.camunda.bpm.engine.impl.delegate.DelegateInvocation", "proceed", null, 1)});
    assertThat(refusals.toResponse(new org.camunda.bpm.engine.rest.exception.RestException(status, ours,
        "Cannot complete task t")).getStatus()).isEqualTo(500);

    StackTraceElement signal = new StackTraceElement("org.camunda.bpm.engine.impl.pvm.runtime.PvmExecutionImpl", "signal",
        null, 1);
    var signalled = new org.camunda.bpm.engine.impl.pvm.PvmException("cannot signal execution e: it has no current activity");
    signalled.setStackTrace(new StackTraceElement[] {signal,
        new StackTraceElement("org.camunda.bpm.engine.impl.cmd.SignalCmd", "execute", null, 1)});
    assertThat(refusals.toResponse(new org.camunda.bpm.engine.rest.exception.RestException(status, signalled,
        "Cannot signal execution e: ...")).getStatus()).isEqualTo(400);
    var delivered = new org.camunda.bpm.engine.impl.pvm.PvmException("cannot signal execution e: it has no current activity");
    delivered.setStackTrace(new StackTraceElement[] {signal,
        new StackTraceElement("org.camunda.bpm.engine.impl.event.EventHandlerImpl", "handleIntermediateEvent", null, 1)});
    assertThat(refusals.toResponse(new org.camunda.bpm.engine.rest.exception.RestException(status, delivered,
        "Cannot correlate message m: ...")).getStatus()).as("an event the engine delivered").isEqualTo(500);
  }

  /**
   * A body whose list of ids holds a null is refused before the operation runs, naming the list;
   * a body without one, or of a class not Camunda's, passes as it was read.
   */
  @Test
  void aListOfIdsHoldingANullIsRefusedBeforeTheOperationRuns() throws Exception {
    var interceptor = new EngineRestConfiguration.IdListsWithNull(new EngineRestRefusals(mock(AuditLog.class), engine));
    var withNull = new org.camunda.bpm.engine.rest.dto.runtime.batch.DeleteProcessInstancesDto();
    withNull.setProcessInstanceIds(java.util.Arrays.asList("p-1", null));
    var context = mock(jakarta.ws.rs.ext.ReaderInterceptorContext.class);
    when(context.proceed()).thenReturn(withNull);
    assertThatThrownBy(() -> interceptor.aroundReadFrom(context))
        .isInstanceOfSatisfying(jakarta.ws.rs.WebApplicationException.class, refused -> {
          assertThat(refused.getResponse().getStatus()).isEqualTo(400);
          assertThat(String.valueOf(body(refused.getResponse()).get("violations"))).contains("'processInstanceIds'");
        });
    var without = new org.camunda.bpm.engine.rest.dto.runtime.batch.DeleteProcessInstancesDto();
    without.setProcessInstanceIds(List.of("p-1"));
    when(context.proceed()).thenReturn(without);
    assertThat(interceptor.aroundReadFrom(context)).isSameAs(without);
    List<String> notCamundas = java.util.Arrays.asList("a", null);
    when(context.proceed()).thenReturn(notCamundas);
    assertThat(interceptor.aroundReadFrom(context)).isSameAs(notCamundas);
  }

  /**
   * Cockpit's query by parameters, failing as it converts one by Jackson (it has none there): a
   * 400; the same converter failing elsewhere stays a fault.
   */
  @Test
  void cockpitsQueryByParametersConvertingByJacksonIsA400() throws Exception {
    StackTraceElement converting = new StackTraceElement(
        "org.camunda.bpm.engine.rest.dto.converter.JacksonAwareStringToTypeConverter", "mapToType", null, 42);
    NullPointerException cockpits = new NullPointerException();
    cockpits.setStackTrace(new StackTraceElement[] {converting,
        new StackTraceElement("org.camunda.bpm.engine.rest.dto.converter.DateConverter", "convertQueryParameterToType", null, 1),
        new StackTraceElement("org.camunda.bpm.cockpit.rest.dto.AbstractRestQueryParametersDto", "<init>", null, 70)});
    Response answer = refusals("plugin/base/default/process-instance").toResponse(cockpits);
    assertThat(answer.getStatus()).isEqualTo(400);
    assertThat(String.valueOf(body(answer).get("violations"))).contains("POST the query");
    NullPointerException elsewhere = new NullPointerException();
    elsewhere.setStackTrace(new StackTraceElement[] {converting,
        new StackTraceElement("org.camunda.bpm.engine.rest.dto.AbstractQueryDto", "<init>", null, 1)});
    assertThat(refusals("process-instance").toResponse(elsewhere).getStatus()).isEqualTo(500);
  }

  /** What Jersey sets on a request whose body it read as nothing ({@code AbsentBodies}). */
  private static EngineRestConfiguration.TaskGoneRefusals withBody(EngineRestConfiguration.TaskGoneRefusals refusals,
      boolean sent) throws Exception {
    var servletRequest = mock(jakarta.servlet.http.HttpServletRequest.class);
    when(servletRequest.getAttribute(EngineRestConfiguration.AbsentBodies.ABSENT)).thenReturn(sent ? null : Boolean.TRUE);
    Field injected = EngineRestConfiguration.TaskGoneRefusals.class.getDeclaredField("servletRequest");
    injected.setAccessible(true);
    injected.set(refusals, servletRequest);
    return refusals;
  }

  /** A process instance that is there: a failure on it is not one of an id that names nothing. */
  private String instance() {
    return engine.getRuntimeService().startProcessInstanceByKey("oneTask").getId();
  }

  private Task openTask() {
    engine.getRuntimeService().startProcessInstanceByKey("oneTask");
    return engine.getTaskService().createTaskQuery().processDefinitionKey("oneTask").singleResult();
  }

  private static NullPointerException npe() {
    return new NullPointerException("Cannot invoke \"PvmExecutionImpl.getActivityInstanceId()\" because"
        + " the return value of \"PvmExecutionImpl.getParent()\" is null");
  }

  private EngineRestConfiguration.TaskGoneRefusals refusals(String path) throws Exception {
    var refusals = new EngineRestConfiguration.TaskGoneRefusals(new EngineRestRefusals(mock(AuditLog.class), engine));
    UriInfo request = mock(UriInfo.class);
    when(request.getPath()).thenReturn(path);
    Field injected = EngineRestConfiguration.TaskGoneRefusals.class.getDeclaredField("request");
    injected.setAccessible(true);
    injected.set(refusals, request); // what Jersey injects per request
    return refusals;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(Response answer) {
    return (Map<String, Object>) answer.getEntity();
  }
}
