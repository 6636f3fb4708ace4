package dev.frontierengage.identity;

import dev.frontierengage.audit.AuditLog;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappInitializer;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;

/** Camunda's engine-rest, with refusals answered as 4xx (see {@link EngineRestRefusals}). */
@Configuration
class EngineRestConfiguration {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EngineRestConfiguration.class);

  /** The engine's authorization refusals, which engine-rest passes on unwrapped. */
  static final class AuthorizationRefusals implements ExceptionMapper<AuthorizationException> {
    private final EngineRestRefusals refusals;

    AuthorizationRefusals(EngineRestRefusals refusals) {
      this.refusals = refusals;
    }

    @Override
    public Response toResponse(AuthorizationException exception) {
      return refusals.refusalFor(exception);
    }
  }

  /** Optimistic locking conflicts engine-rest passes on unwrapped (it would answer 500). */
  static final class ConflictRefusals implements ExceptionMapper<OptimisticLockingException> {
    private final EngineRestRefusals refusals;

    ConflictRefusals(EngineRestRefusals refusals) {
      this.refusals = refusals;
    }

    @Override
    public Response toResponse(OptimisticLockingException exception) {
      return refusals.refusalFor(exception);
    }
  }

  /**
   * The engine's exceptions engine-rest passes on unwrapped (a claim's, for one), which Camunda
   * answers 500 or 400 whatever they mean: a refusal ({@link EngineRestRefusals#refusalFor}: a
   * listener's refusal of an assignment, a task claimed by another user, a suspended task) is its
   * 4xx (an unknown id a 404); anything else Camunda's answer.
   */
  static final class EngineExceptionRefusals implements ExceptionMapper<ProcessEngineException> {
    private final EngineRestRefusals refusals;
    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

    EngineExceptionRefusals(EngineRestRefusals refusals) {
      this.refusals = refusals;
    }

    @Override
    public Response toResponse(ProcessEngineException exception) {
      Response refusal = refusals.refusalFor(exception);
      return refusal != null ? refusal : camunda.toResponse(exception);
    }
  }

  /**
   * Any other failure engine-rest passes on unwrapped: Camunda's answer (500 for a fault), except
   * when completing or submitting a task whose task is gone by then. Completed on another node
   * while this request ran, the engine may fail here with no engine exception at all (a
   * NullPointerException on an execution tree whose scope ended under it): a 409, as for any
   * task completed meanwhile.
   */
  static final class TaskGoneRefusals implements ExceptionMapper<RuntimeException> {
    private final EngineRestRefusals refusals;
    private final org.camunda.bpm.engine.rest.exception.ExceptionHandler camunda =
        new org.camunda.bpm.engine.rest.exception.ExceptionHandler();
    @Context
    private UriInfo request;
    @Context
    private jakarta.servlet.http.HttpServletRequest servletRequest;

    TaskGoneRefusals(EngineRestRefusals refusals) {
      this.refusals = refusals;
    }

    @Override
    public Response toResponse(RuntimeException exception) {
      // Jersey's own answers (no such method, unsupported media type) are what they say
      Response gone = exception instanceof jakarta.ws.rs.WebApplicationException || request == null ? null
          : refusals.taskGone(request.getPath(), exception);
      if (gone == null && !(exception instanceof jakarta.ws.rs.WebApplicationException)) {
        // a refusal outside any engine exception: the database's rollback of this transaction to
        // break a deadlock with a parallel one, thrown as the transaction commits (a 500 that
        // quoted the statement and the server's process ids)
        gone = refusals.refusalFor(exception);
      }
      if (gone == null && !(exception instanceof jakarta.ws.rs.WebApplicationException) && sentValue(exception)) {
        // engine-rest turning a value sent into a variable: a file without its content or name (its
        // message says so), a type named by an empty string, a variable sent as null (whose
        // messages name engine-rest's internals)
        return refusals.invalid(exception instanceof IllegalArgumentException ? exception.getMessage()
            : "A value sent cannot be made into a variable", "a value that cannot be made into a variable of the"
            + " type it names (a variable is an object with its value, and its type if any: a type's name, not empty)");
      }
      if (gone == null && !(exception instanceof jakarta.ws.rs.WebApplicationException) && storingSentValue(exception)) {
        // the engine's serializer failing on a value sent (Spin's type detection of a list that
        // begins with null): not its message, which names the serializer's internals
        LOG.info("The engine could not store a value sent to {}: answered 400", request == null ? "?" : request.getPath());
        LOG.debug("The serializer's failure", exception);
        return refusals.invalid("A value sent cannot be stored as it is", "a value the engine cannot store as it was"
            + " sent (a list that begins with null, for one): send it as JSON, type Json");
      }
      if (gone == null && exception instanceof NullPointerException && bodyAbsent() && request != null
          && !TAKES_NO_BODY.matcher(request.getPath()).find() && readingAbsentBody(exception)) {
        // an operation that takes a body, sent none (or JSON's null): engine-rest's resource (or
        // Cockpit's) reads the body it did not get
        LOG.info("{} was sent without the body it takes: answered 400", request.getPath());
        LOG.debug("Engine-rest's failure without the body", exception);
        return refusals.invalid("This operation takes a body, and none was sent",
            "a body: the JSON object this operation takes (not empty, not null)");
      }
      if (gone == null && (exception instanceof NullPointerException || exception instanceof ClassCastException)
          && request != null && readingTheRequest(request.getPath(), exception)) {
        // engine-rest reading a body that lacks a field it needs (a migration without its plan, a
        // restart without instructions, an authorization without its type), or holds one of
        // another type (a sorting's variable named by a number): not the message, which names
        // engine-rest's internals; logged, so that a fault taken for a bad body shows (its trace at
        // DEBUG: a client can send it again and again)
        LOG.info("Engine-rest could not read what {} needs from the request: answered 400", request.getPath());
        LOG.debug("Engine-rest's failure reading the request", exception);
        return refusals.invalid("The request lacks a field this operation needs, or has it of another type",
            "a field this operation needs is missing from the request's body, or is not of the type it takes");
      }
      if (gone == null && exception instanceof NullPointerException && typedQueryParameter(exception)) {
        // Cockpit's query by parameters fails on any value it converts by Jackson (a date), since
        // Camunda 7.24 gives that conversion no Jackson there; Cockpit itself sends its queries as bodies
        LOG.info("Cockpit's query by parameters met a value it cannot convert there: answered 400");
        LOG.debug("Cockpit's failure converting a query parameter", exception);
        return refusals.invalid("This query takes such a value only in its body",
            "a date (or another value converted by Jackson) as a query parameter of Cockpit's queries: POST the"
            + " query with it in the body");
      }
      if (gone == null && exception instanceof NullPointerException && request != null) {
        // an operation on an id that names nothing, which the engine did not check before failing
        // (suspending a process definition by an id no definition has)
        gone = refusals.namedNothing(request.getPath(), exception);
      }
      return gone != null ? gone : camunda.toResponse(exception);
    }

    /** Whether the request's body was read as absent ({@link AbsentBodies}). */
    private boolean bodyAbsent() {
      return servletRequest != null && Boolean.TRUE.equals(servletRequest.getAttribute(AbsentBodies.ABSENT));
    }
  }

  /**
   * Refuses a body whose list of ids holds a null ({@code "processInstanceIds":[null]}) before the
   * operation runs: the engine took such a list for a batch (deleting instances or their history,
   * correlating a message, setting jobs' retries) and made a batch whose seed job can never run
   * (it fails on the null each time it is executed). Any engine-rest or Cockpit body's list
   * property named {@code ...Ids} is read; a null in one is the sender's mistake, and nothing is
   * made.
   */
  static final class IdListsWithNull implements jakarta.ws.rs.ext.ReaderInterceptor {

    private final EngineRestRefusals refusals;

    IdListsWithNull(EngineRestRefusals refusals) {
      this.refusals = refusals;
    }

    @Override
    public Object aroundReadFrom(jakarta.ws.rs.ext.ReaderInterceptorContext context) throws java.io.IOException {
      Object body = context.proceed();
      if (body == null || !body.getClass().getName().startsWith("org.camunda.bpm.")) {
        return body;
      }
      for (java.lang.reflect.Method getter : ID_LISTS.get(body.getClass())) {
        if (holdsNull(getter, body)) {
          String property = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
          throw new jakarta.ws.rs.WebApplicationException(refusals.invalid("A list of ids sent holds a null",
              "'" + property + "' holds a null: give ids only"));
        }
      }
      return body;
    }

    /** A body class's getters of lists of ids ({@code get...Ids}), found once per class. */
    private static final ClassValue<List<java.lang.reflect.Method>> ID_LISTS = new ClassValue<>() {
      @Override
      protected List<java.lang.reflect.Method> computeValue(Class<?> type) {
        return java.util.Arrays.stream(type.getMethods())
            .filter(getter -> getter.getParameterCount() == 0 && getter.getName().startsWith("get")
                && getter.getName().endsWith("Ids") && java.util.Collection.class.isAssignableFrom(getter.getReturnType()))
            .toList();
      }
    };

    private static boolean holdsNull(java.lang.reflect.Method getter, Object body) {
      try {
        Object ids = getter.invoke(body);
        return ids instanceof java.util.Collection<?> list && list.stream().anyMatch(java.util.Objects::isNull);
      } catch (ReflectiveOperationException e) {
        return false; // not a property of the body's
      }
    }
  }

  /** Reads the bodies the interceptors below look into before engine-rest or Cockpit does. */
  private static final com.fasterxml.jackson.databind.ObjectMapper BODIES = new com.fasterxml.jackson.databind.ObjectMapper();

  /**
   * Refuses, before Cockpit's instance query runs, a variable condition it cannot take: one that is
   * no object (its query failed on a null in the list: a 500), {@code notLike} (Cockpit's query,
   * unlike engine-rest's, has no such comparison) and {@code like} with a value that is not text
   * (Cockpit wrote each of these two into its SQL with no operator between the column and the
   * value, and the database refused the statement: a 500). Read from the body as sent, since
   * Cockpit's query keeps its conditions to itself; and from the {@code variables} parameter of a
   * query by parameters ({@code name_notLike_value}), whose values are text.
   */
  static final class CockpitVariableConditions implements jakarta.ws.rs.ext.ReaderInterceptor,
      jakarta.ws.rs.container.ContainerRequestFilter {

    private final EngineRestRefusals refusals;

    CockpitVariableConditions(EngineRestRefusals refusals) {
      this.refusals = refusals;
    }

    @Override
    public void filter(jakarta.ws.rs.container.ContainerRequestContext request) {
      List<String> conditions = request.getUriInfo().getQueryParameters().get("variables");
      if (conditions != null && request.getUriInfo().getMatchedResources().stream()
          .anyMatch(resource -> resource.getClass().getName().startsWith("org.camunda.bpm.cockpit."))
          && conditions.stream().flatMap(value -> java.util.Arrays.stream(value.split(",")))
              .anyMatch(condition -> condition.contains("_notLike_"))) {
        request.abortWith(notLike());
      }
    }

    @Override
    public Object aroundReadFrom(jakarta.ws.rs.ext.ReaderInterceptorContext context) throws java.io.IOException {
      if (!context.getType().getName().startsWith("org.camunda.bpm.cockpit.")) {
        return context.proceed();
      }
      byte[] sent = context.getInputStream().readAllBytes();
      context.setInputStream(new java.io.ByteArrayInputStream(sent));
      com.fasterxml.jackson.databind.JsonNode body;
      try {
        body = BODIES.readTree(sent);
      } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
        return context.proceed(); // refused as it is read, as before
      }
      com.fasterxml.jackson.databind.JsonNode conditions = body == null ? null : body.get("variables");
      if (conditions != null && conditions.isArray()) {
        for (com.fasterxml.jackson.databind.JsonNode condition : conditions) {
          if (!condition.isObject()) {
            throw new jakarta.ws.rs.WebApplicationException(refusals.invalid(
                "A variable condition is an object", "a variable condition that is not an object (null, a number):"
                + " give its name, operator and value"));
          }
          String operator = condition.path("operator").asText("");
          com.fasterxml.jackson.databind.JsonNode value = condition.get("value");
          if ("notLike".equals(operator)) {
            throw new jakarta.ws.rs.WebApplicationException(notLike());
          }
          if ("like".equals(operator) && (value == null || !value.isTextual())) {
            throw new jakarta.ws.rs.WebApplicationException(refusals.invalid(
                "A like condition compares text", "a variable condition compared by like with a value that is not"
                + " a string: give the pattern as a string"));
          }
        }
      }
      return context.proceed();
    }

    private Response notLike() {
      return refusals.invalid("Cockpit's queries take no notLike condition", "a variable condition of Cockpit's query"
          + " compared by notLike: use engine-rest's process instance query (/engine-rest/process-instance) for that");
    }
  }

  /**
   * Refuses an empty list of process definition keys to leave out ({@code processDefinitionKeyNotIn})
   * of a historic process instance query: as the body of {@code history/process-instance} (and
   * {@code /count}), anywhere in a query under {@code historicProcessInstanceQuery} (a batch
   * operation's: deleting history, setting removal times, suspending, correlating), or as the query
   * parameter with no key in it. The engine's SQL for that query wrote the empty list as
   * {@code ( )}, which the database refused (a 500). A list of no keys leaves nothing out: the
   * answer says to send none. The runtime query, whose SQL skips an empty list, is not concerned.
   */
  static final class EmptyKeysLeftOut implements jakarta.ws.rs.ext.ReaderInterceptor,
      jakarta.ws.rs.container.ContainerRequestFilter {

    static final String FIELD = "processDefinitionKeyNotIn";
    static final String NESTED = "historicProcessInstanceQuery";
    static final java.util.regex.Pattern HISTORIC_QUERY = java.util.regex.Pattern.compile(
        "(?:^|/)history/process-instance(?:/count)?/?$");
    /** What a body must hold to be looked into: either name, or an escape that could spell one. */
    private static final List<String> WORTH_READING = List.of(FIELD, "\\u");
    private final EngineRestRefusals refusals;

    EmptyKeysLeftOut(EngineRestRefusals refusals) {
      this.refusals = refusals;
    }

    @Override
    public void filter(jakarta.ws.rs.container.ContainerRequestContext request) {
      List<String> sent = request.getUriInfo().getQueryParameters().get(FIELD);
      // engine-rest reads the parameter's first value only
      if (sent != null && !sent.isEmpty() && sent.get(0).replace(",", "").isBlank()
          && HISTORIC_QUERY.matcher(request.getUriInfo().getPath()).find()) {
        request.abortWith(refused());
      }
    }

    @Override
    public Object aroundReadFrom(jakarta.ws.rs.ext.ReaderInterceptorContext context) throws java.io.IOException {
      if (context.getMediaType() == null || !context.getMediaType().isCompatible(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)) {
        return context.proceed(); // a deployment's files, read as they come
      }
      byte[] sent = context.getInputStream().readAllBytes();
      context.setInputStream(new java.io.ByteArrayInputStream(sent));
      // each byte one char (ISO-8859-1), so that the ASCII words are found as they were sent
      String text = new String(sent, java.nio.charset.StandardCharsets.ISO_8859_1);
      if (WORTH_READING.stream().anyMatch(text::contains)) {
        try {
          com.fasterxml.jackson.databind.JsonNode body = BODIES.readTree(sent);
          boolean historic = context.getType().getName().equals(
              "org.camunda.bpm.engine.rest.dto.history.HistoricProcessInstanceQueryDto");
          if (historic ? holdsEmpty(body) : holdsEmptyUnder(body)) {
            throw new jakarta.ws.rs.WebApplicationException(refused());
          }
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
          // refused as it is read, as before
        }
      }
      return context.proceed();
    }

    private Response refused() {
      return refusals.invalid("A list of process definition keys to leave out holds none",
          "'" + FIELD + "' with no key in it: leave it out, or give the keys");
    }

    /** Whether a historic query (or one of its {@code orQueries}) has an empty list of keys to leave out. */
    private static boolean holdsEmpty(com.fasterxml.jackson.databind.JsonNode query) {
      if (query == null || !query.isObject()) {
        return false;
      }
      com.fasterxml.jackson.databind.JsonNode keys = query.get(FIELD);
      if (keys != null && keys.isArray() && keys.isEmpty()) {
        return true;
      }
      com.fasterxml.jackson.databind.JsonNode or = query.get("orQueries");
      if (or != null && or.isArray()) {
        for (com.fasterxml.jackson.databind.JsonNode branch : or) {
          if (holdsEmpty(branch)) {
            return true;
          }
        }
      }
      return false;
    }

    /** Whether a historic query anywhere in the body, under {@value #NESTED}, has one. */
    private static boolean holdsEmptyUnder(com.fasterxml.jackson.databind.JsonNode node) {
      if (node == null) {
        return false;
      }
      if (node.isObject() && holdsEmpty(node.get(NESTED))) {
        return true;
      }
      for (com.fasterxml.jackson.databind.JsonNode child : node) {
        if ((child.isObject() || child.isArray()) && holdsEmptyUnder(child)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The operations whose body may be left out: redeploying (without one, every resource of the
   * deployment), where a failure is no missing body's.
   */
  static final java.util.regex.Pattern TAKES_NO_BODY = java.util.regex.Pattern.compile("(?:^|/)deployment/[^/]+/redeploy/?$");

  /**
   * Whether a NullPointerException was thrown in a resource of engine-rest or of Cockpit itself
   * (where it reads the body it was given; for Cockpit also in its resources' base class, which
   * sets the authorization check on the query it is handed: the incidents' queries), not in the
   * DTOs that make the answer or in the engine, and with its stack trace (a fast-thrown one could
   * be anyone's).
   */
  static boolean readingAbsentBody(Throwable exception) {
    StackTraceElement[] trace = exception.getStackTrace();
    return trace.length > 0 && (trace[0].getClassName().startsWith("org.camunda.bpm.engine.rest.impl.")
        || trace[0].getClassName().startsWith("org.camunda.bpm.engine.rest.sub.")
        || trace[0].getClassName().startsWith("org.camunda.bpm.cockpit.impl.")
        || trace[0].getClassName().equals("org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource"));
  }

  /**
   * Marks a request whose body engine-rest read as nothing (none was sent, with or without a
   * Content-Length, or JSON's {@code null}: Jersey hands the operation null after reading the
   * servlet's empty stream, so the interceptor runs), for {@link TaskGoneRefusals}: engine-rest's
   * code then fails on the body it did not get, which is the request's mistake. (Jersey keeps a
   * request's properties as the servlet request's attributes.)
   */
  static final class AbsentBodies implements jakarta.ws.rs.ext.ReaderInterceptor {

    static final String ABSENT = AbsentBodies.class.getName() + ".absent";

    @Override
    public Object aroundReadFrom(jakarta.ws.rs.ext.ReaderInterceptorContext context) throws java.io.IOException {
      Object body = context.proceed();
      if (body == null) {
        context.setProperty(ABSENT, Boolean.TRUE);
      }
      return body;
    }
  }

  /**
   * The operations whose body engine-rest reads field by field, failing with a NullPointerException
   * on a field left out: a migration's plan, a restart's instructions, an authorization's type,
   * telemetry's setting, a job's or a job definition's retries, an external task's priority (which
   * engine-rest unboxes unchecked, where a job's it checks); and the task query (a variable
   * condition without its operator), named here too for the JIT's fast throw, since Tasklist asks
   * it all the time (see below).
   */
  static final java.util.regex.Pattern READS_ITS_BODY = java.util.regex.Pattern.compile(
      "(?:^|/)(?:migration/(?:execute(?:Async)?|validate)|process-definition/(?:key/[^/]+(?:/tenant-id/[^/]+)?|[^/]+)/restart(?:-async)?"
      + "|authorization/create|telemetry/configuration|task(?:/count)?|job(?:-definition)?/[^/]+/retries"
      + "|external-task/[^/]+/priority)/?$");

  /**
   * Whether a NullPointerException (or a ClassCastException) is engine-rest reading what the
   * request sent to one of {@link #READS_ITS_BODY}, before the engine is asked: thrown in engine-rest's own code, or with
   * no stack trace (the JIT's fast throw, once the same failure has been thrown often); or, on any
   * path, thrown where a query's DTO applies what was sent to the engine's query ({@code apply...}
   * of {@code org.camunda.bpm.engine.rest.dto}: a variable condition without its operator). That
   * needs the stack trace: once the JIT throws the same failure without one, a query other than the
   * task query answers it 500 again.
   */
  static boolean readingTheRequest(String path, RuntimeException exception) {
    StackTraceElement[] trace = exception.getStackTrace();
    return READS_ITS_BODY.matcher(String.valueOf(path)).find()
        && (trace.length == 0 || trace[0].getClassName().startsWith("org.camunda.bpm.engine.rest."))
        || trace.length > 0 && trace[0].getClassName().startsWith("org.camunda.bpm.engine.rest.dto.")
        && trace[0].getMethodName().startsWith("apply");
  }

  /**
   * Whether the failure came from the engine writing a value sent into a variable's fields: its
   * serializer ({@code TypedValueField.writeValue}) as the value is set ({@code setValue}), and
   * not where the engine writes a value of its own or of ours: what an expression, an input or
   * output mapping, an activity's behaviour (a multi-instance element, a decision's result) or a
   * listener or delegate of ours ({@link EngineRestRefusals#inDelegateCode}) gives, or a value
   * read and written back as the command closes.
   */
  static boolean storingSentValue(Throwable exception) {
    StackTraceElement[] trace = exception.getStackTrace();
    boolean settingAValue = false;
    for (int i = 0; i + 1 < trace.length; i++) {
      settingAValue |= trace[i].getClassName().equals(TYPED_VALUE_FIELD) && trace[i].getMethodName().equals("writeValue")
          && trace[i + 1].getClassName().equals(TYPED_VALUE_FIELD) && trace[i + 1].getMethodName().equals("setValue");
    }
    return settingAValue && !EngineRestRefusals.inDelegateCode(exception) && java.util.Arrays.stream(trace)
        .noneMatch(frame -> frame.getClassName().startsWith("org.camunda.bpm.engine.impl.core.variable.mapping.")
            || frame.getClassName().startsWith("org.camunda.bpm.engine.impl.bpmn.behavior.")
            || frame.getClassName().startsWith("org.camunda.bpm.engine.impl.cmmn.behavior.")
            || frame.getClassName().equals("org.camunda.bpm.engine.impl.interceptor.CommandContext")
            && frame.getMethodName().equals("close"));
  }

  private static final String TYPED_VALUE_FIELD = "org.camunda.bpm.engine.impl.persistence.entity.util.TypedValueField";

  /**
   * Whether the failure is Cockpit's query by parameters converting one by Jackson
   * ({@code JacksonAwareStringToTypeConverter}, called from the constructor of Cockpit's
   * {@code AbstractRestQueryParametersDto}), which has no Jackson to convert with there.
   */
  static boolean typedQueryParameter(Throwable exception) {
    StackTraceElement[] trace = exception.getStackTrace();
    return trace.length > 0
        && trace[0].getClassName().equals("org.camunda.bpm.engine.rest.dto.converter.JacksonAwareStringToTypeConverter")
        && java.util.Arrays.stream(trace).anyMatch(frame -> frame.getMethodName().equals("<init>")
            && frame.getClassName().equals("org.camunda.bpm.cockpit.rest.dto.AbstractRestQueryParametersDto"));
  }

  /**
   * Whether the failure came from engine-rest making variables of the values sent
   * ({@code VariableValueDto}'s {@code toTypedValue} or {@code toMap}; its {@code from...} methods
   * make the answer's, which stays a fault).
   */
  static boolean sentValue(Throwable exception) {
    return java.util.Arrays.stream(exception.getStackTrace())
        .anyMatch(frame -> frame.getClassName().equals(org.camunda.bpm.engine.rest.dto.VariableValueDto.class.getName())
            && (frame.getMethodName().equals("toTypedValue") || frame.getMethodName().equals("toMap")));
  }

  @Bean
  CamundaJerseyResourceConfig engineRestResources(AuditLog audit, @Lazy ProcessEngine engine) {
    return new CamundaJerseyResourceConfig() {
      @Override
      protected void registerAdditionalResources() {
        registerRefusals(this, new EngineRestRefusals(audit, engine));
      }
    };
  }

  /** Jackson's failure to map a body onto what the operation takes ({@link EngineRestRefusals#unreadable}). */
  static final class ShapeRefusals implements ExceptionMapper<com.fasterxml.jackson.databind.JsonMappingException> {
    private final EngineRestRefusals refusals;

    ShapeRefusals(EngineRestRefusals refusals) {
      this.refusals = refusals;
    }

    @Override
    public Response toResponse(com.fasterxml.jackson.databind.JsonMappingException exception) {
      return refusals.unreadable(exception);
    }
  }

  /** Jackson's failure to read a body as JSON at all ({@link EngineRestRefusals#unreadable}). */
  static final class ParseRefusals implements ExceptionMapper<com.fasterxml.jackson.core.JsonParseException> {
    private final EngineRestRefusals refusals;

    ParseRefusals(EngineRestRefusals refusals) {
      this.refusals = refusals;
    }

    @Override
    public Response toResponse(com.fasterxml.jackson.core.JsonParseException exception) {
      return refusals.unreadable(exception);
    }
  }

  /**
   * Refuses in the webapps' engine API what only engine-rest serves: fetching and locking external
   * tasks, which holds the request open (an asynchronous response) and so needs a servlet and
   * filters that support it. Neither the webapp starter's registration of that API nor its filters
   * do (Camunda 7.24), and the fetch was a 500 ("Attempt to suspend a connection of an asynchronous
   * request failed"); the webapps never ask it. A 404 that says where it is served.
   */
  static final class LongPollsElsewhere implements jakarta.ws.rs.container.ContainerRequestFilter {

    static final java.util.regex.Pattern FETCH_AND_LOCK = java.util.regex.Pattern.compile("(?:^|/)external-task/fetchAndLock/?$");

    @Override
    public void filter(jakarta.ws.rs.container.ContainerRequestContext request) {
      if (FETCH_AND_LOCK.matcher(request.getUriInfo().getPath()).find()) {
        request.abortWith(EngineRestRefusals.notServedHere("External tasks are fetched and locked through engine-rest"
            + " (/engine-rest/external-task/fetchAndLock), not the webapps' engine API"));
      }
    }
  }

  /** Engine-rest's answers to the engine's refusals ({@link EngineRestRefusals}), ahead of Camunda's own. */
  static void registerRefusals(ResourceConfig resources, EngineRestRefusals refusals) {
    resources.register(new ShapeRefusals(refusals), 1);
    resources.register(new ParseRefusals(refusals), 1);
    resources.register(refusals, 1);
    resources.register(new AuthorizationRefusals(refusals), 1);
    resources.register(new ConflictRefusals(refusals), 1);
    resources.register(new EngineExceptionRefusals(refusals), 1);
    resources.register(new TaskGoneRefusals(refusals), 1);
    resources.register(new AbsentBodies());
    resources.register(new IdListsWithNull(refusals));
    resources.register(new CockpitVariableConditions(refusals));
    resources.register(new EmptyKeysLeftOut(refusals));
  }

  @Bean
  WebappEngineApi webappEngineApi(AuditLog audit, @Lazy ProcessEngine engine, CamundaBpmProperties camunda,
      ObjectProvider<CamundaBpmWebappInitializer> webapps) {
    return new WebappEngineApi(audit, engine, camunda.getWebapp().getApplicationPath(),
        () -> webapps.getIfAvailable() != null);
  }

  /**
   * The webapps' own engine API ({@code /camunda/api/engine}: Tasklist's, Cockpit's and Admin's
   * calls), Camunda's resources as the webapp starter serves them, with engine-rest's answers to
   * the engine's refusals. With Camunda's mappers alone, a refusal was a 500: a claim, unclaim or
   * delegation of a task completed meanwhile (or of no such id), completing or submitting it,
   * reading its variables or form; a submission that broke a rule of the form; a task claimed by
   * someone else. Here it is engine-rest's 4xx, with its JSON body, whose {@code message} Tasklist
   * shows as it showed the 500's. Cockpit's own API ({@code /camunda/api/cockpit}: its queries of
   * instances, statistics and incidents) likewise: a body of another shape was a 400 in plain text
   * quoting Jackson, an object's value in a variable condition a 500.
   * <p>Each is registered under the name the webapp starter gives its own ({@value #NAME},
   * {@value #COCKPIT}) before the starter's initializer runs, which then leaves the name's
   * registration as it finds it (Camunda 7.24: see the README's maintenance notes), and only when
   * that initializer is there: the webapps' authentication, CSRF and security filters are its
   * own, by path, and without them the API would answer anyone as the engine itself. Were the
   * starter's registration first, or the path taken, this start fails rather than serve the API
   * without the refusals' answers.
   */
  static final class WebappEngineApi implements ServletContextInitializer, Ordered {

    /** The name of the servlet registration the webapp starter gives its engine API. */
    static final String NAME = "Engine Api";
    /** The name of the servlet registration the webapp starter gives Cockpit's API. */
    static final String COCKPIT = "Cockpit Api";

    private final AuditLog audit;
    private final ProcessEngine engine;
    private final String applicationPath;
    private final BooleanSupplier webappsServed;

    WebappEngineApi(AuditLog audit, ProcessEngine engine, String applicationPath, BooleanSupplier webappsServed) {
      this.audit = audit;
      this.engine = engine;
      this.applicationPath = applicationPath;
      this.webappsServed = webappsServed;
    }

    @Override
    public void onStartup(ServletContext context) {
      if (!webappsServed.getAsBoolean()) {
        LOG.debug("No webapps are served: no engine API of theirs");
        return;
      }
      serve(context, NAME, new ResourceConfig().registerClasses(new EngineRestApplication().getClasses())
          .register(new LongPollsElsewhere()), "/api/engine/*");
      // Cockpit's resources are its plugins', found when the servlet starts (Cockpit's registry is
      // set up by then): the application as the starter names it, with the refusals beside it
      serve(context, COCKPIT, ResourceConfig.forApplicationClass(org.camunda.bpm.cockpit.impl.web.CockpitApplication.class),
          "/api/cockpit/*");
    }

    private void serve(ServletContext context, String name, ResourceConfig resources, String path) {
      if (context.getServletRegistration(name) != null) {
        throw new IllegalStateException("The webapps' API '" + name + "' was registered before ours: it would"
            + " answer the engine's refusals with 500s");
      }
      registerRefusals(resources, new EngineRestRefusals(audit, engine));
      ServletRegistration.Dynamic api = context.addServlet(name, new ServletContainer(resources));
      Set<String> taken = api.addMapping(applicationPath + path);
      if (!taken.isEmpty()) {
        throw new IllegalStateException("The webapps' API '" + name + "' cannot be served at " + taken
            + ": another servlet is mapped there");
      }
      LOG.debug("The webapps' API {} at {}{} answers the engine's refusals as engine-rest does", name,
          applicationPath, path);
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }
  }
}
