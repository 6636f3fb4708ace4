package dev.frontierengage.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the developer API as RFC 9457 {@code application/problem+json}: a message a
 * person can act on, the offending fields for validation, no stack trace, never a classified
 * value.
 */
@RestControllerAdvice
class ApiProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiProblemHandler.class);
  private final dev.frontierengage.documents.DocumentSettings documentSettings;
  /** Parts a multipart request may have ({@code server.tomcat.max-part-count}): more is a 400. */
  private final int maxParts;

  ApiProblemHandler(dev.frontierengage.documents.DocumentSettings documentSettings,
      @org.springframework.beans.factory.annotation.Value("${server.tomcat.max-part-count:10}") int maxParts) {
    this.documentSettings = documentSettings;
    this.maxParts = maxParts;
  }

  @ExceptionHandler(ApiRefusal.class)
  ResponseEntity<ProblemDetail> refusal(ApiRefusal refusal) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(refusal.status(), refusal.getMessage());
    problem.setTitle(refusal.title());
    refusal.properties().forEach(problem::setProperty);
    return ResponseEntity.status(refusal.status()).body(problem);
  }

  @ExceptionHandler(dev.frontierengage.documents.DocumentRefused.class)
  ResponseEntity<ProblemDetail> documentRefused(dev.frontierengage.documents.DocumentRefused refused) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(refused.status()), refused.getMessage());
    problem.setTitle(refused.title());
    return ResponseEntity.status(refused.status()).body(problem);
  }

  /** An upload the server could not read as multipart/form-data (truncated, too many parts, no boundary). */
  @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
  ResponseEntity<ProblemDetail> malformedUpload(org.springframework.web.multipart.MultipartException e) {
    if (e instanceof org.springframework.web.multipart.MaxUploadSizeExceededException && !tooManyParts(e)) {
      return uploadTooLarge();
    }
    LOG.info("Unreadable multipart upload refused with 400: {}", e.getMostSpecificCause().getMessage());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The upload could not be read"
        + " as multipart/form-data with one part 'file' and one field 'kind' (at most "
        + maxParts + " parts).");
    problem.setTitle("Malformed upload");
    return ResponseEntity.badRequest().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
      org.springframework.web.multipart.MaxUploadSizeExceededException e, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    ResponseEntity<ProblemDetail> answer = tooManyParts(e) ? malformedUpload(e) : uploadTooLarge();
    return ResponseEntity.status(answer.getStatusCode()).body(answer.getBody());
  }

  /**
   * Spring reports every limit the multipart parser names with "exceed" and "size" as the upload
   * size exceeded, the part count and a part's headers too (Tomcat's
   * FileCountLimitExceededException, "header section"): those are a malformed request, a 400.
   */
  private static boolean tooManyParts(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause.getClass().getSimpleName().equals("FileCountLimitExceededException")
          || String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("header")) {
        return true;
      }
    }
    return false;
  }

  private ResponseEntity<ProblemDetail> uploadTooLarge() {
    var refused = dev.frontierengage.documents.Documents.tooLarge(documentSettings);
    return documentRefused(refused);
  }

  /**
   * Another node or a timer changed the engagement in the same moment: this request's
   * transaction was rolled back whole, so the client may simply send it again.
   */
  @ExceptionHandler(OptimisticLockingException.class)
  ResponseEntity<ProblemDetail> concurrentChange(OptimisticLockingException e) {
    LOG.info("Concurrent change refused with 409: {}", e.getMessage());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
        "The engagement changed at the same moment; nothing was changed by this request. Send it again.");
    problem.setTitle("Concurrent change");
    return ResponseEntity.status(HttpStatus.CONFLICT).header("Retry-After", "1").body(problem);
  }

  /**
   * A header (or a parameter's name) the firewall refuses once the controller reads it (Spring Security checks a header's
   * value when it is read: a control character, or UTF-8 bytes read as ISO-8859-1 that hold one,
   * as a euro sign's do): the client's input, not a fault.
   */
  @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(org.springframework.security.web.firewall.RequestRejectedException e) {
    LOG.info("Request rejected with 400: {}", e.getMessage());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "A header, or a parameter's"
        + " name, holds a character this server does not accept there (a control character, or a byte of one in a"
        + " non-ASCII character): send them in printable ASCII.");
    problem.setTitle("Request rejected");
    return ResponseEntity.badRequest().body(problem);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    LOG.error("Unexpected error in the developer API", e);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "Something went wrong on our side; nothing was changed. Try again later.");
    problem.setTitle("Internal error");
    return ResponseEntity.internalServerError().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return invalid(e.getBindingResult().getFieldErrors().stream()
        .map(error -> Map.of("field", error.getField(),
            "message", String.valueOf(error.getDefaultMessage())))
        .toList());
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<Map<String, String>> errors = e.getParameterValidationResults().stream()
        .flatMap(result -> result instanceof ParameterErrors body
            ? body.getFieldErrors().stream().map(error -> Map.of("field", error.getField(),
                "message", String.valueOf(error.getDefaultMessage())))
            : result.getResolvableErrors().stream().map(error -> Map.of(
                "field", parameterName(result),
                "message", String.valueOf(error.getDefaultMessage()))))
        .toList();
    return invalid(errors);
  }

  /** 400 listing each offending field with what is wrong with it. */
  private static ResponseEntity<Object> invalid(List<Map<String, String>> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        errors.stream().map(error -> error.get("field") + " " + error.get("message"))
            .collect(Collectors.joining("; ")) + ".");
    problem.setTitle("Invalid request");
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  /** A query parameter of the wrong kind, e.g. an unknown {@code stage}: 400 naming what is accepted. */
  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String name = e instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
        : String.valueOf(e.getPropertyName());
    String expected = e.getRequiredType() == null ? "another value" : expected(e.getRequiredType());
    if (e.getValue() instanceof Object[] values && values.length != 1) {
      // a parameter given more than once (?stage=INTAKE&stage=CLOSED): its values, not an array's name
      return invalid(List.of(Map.of("field", name, "message", "is given " + values.length
          + " times; give it once (expected " + expected + ")")));
    }
    return invalid(List.of(Map.of("field", name, "message",
        "cannot take the value " + abbreviate(e.getValue()) + " (expected " + expected + ")")));
  }

  /**
   * An Accept header that names nothing this API answers in, or that cannot be read: the problem
   * is written as application/problem+json all the same (Spring would negotiate the problem's type
   * against the same header, find none, and send a 406 without a body).
   */
  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
      org.springframework.web.HttpMediaTypeNotAcceptableException e, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    jakarta.servlet.http.HttpServletResponse response =
        ((org.springframework.web.context.request.ServletWebRequest) request).getResponse();
    if (response == null || response.isCommitted()) {
      return super.handleHttpMediaTypeNotAcceptable(e, headers, status, request);
    }
    try {
      dev.frontierengage.platform.Problems.write(response, 406, "Not acceptable",
          MediaTypeHeaders.ANSWERS_IN + "; the Accept header names neither, or cannot be read.");
    } catch (java.io.IOException failed) {
      throw new java.io.UncheckedIOException(failed);
    }
    return null;
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String detail = "The body is not valid JSON for this request.";
    String field = null;
    Throwable cause = e.getCause();
    if (cause instanceof dev.frontierengage.platform.StrictJson.UnstorableText text) {
      field = path(text);
      detail = "Field '" + field + "' " + text.reason() + ": it is not accepted.";
    } else if (cause instanceof com.fasterxml.jackson.core.JsonParseException parse
        && String.valueOf(parse.getOriginalMessage()).startsWith("Duplicate field")) {
      detail = parse.getOriginalMessage() + ": each field is given once.";
    } else if (cause instanceof UnrecognizedPropertyException unknown) {
      field = path(unknown);
      detail = "Unknown field '" + unknown.getPropertyName() + "'; accepted: "
          + unknown.getKnownPropertyIds() + ".";
    } else if (cause instanceof InvalidFormatException format) {
      field = path(format);
      detail = "Field '" + field + "' cannot take the value " + abbreviate(format.getValue())
          + (format.getTargetType() != null ? " (expected " + expected(format.getTargetType()) + ")" : "") + ".";
    } else if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      field = path(mismatch);
      detail = "Field '" + field + "' has the wrong type"
          + (mismatch.getTargetType() != null ? " (expected " + expected(mismatch.getTargetType()) + ")" : "") + ".";
    } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field = path(mapping);
      detail = "Field '" + field + "' cannot be read.";
    } else if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
      detail = "The request needs a JSON body.";
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setTitle("Unreadable request");
    if (field != null) {
      problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
    }
    return ResponseEntity.badRequest().body(problem);
  }

  private static String parameterName(ParameterValidationResult result) {
    var header = result.getMethodParameter().getParameterAnnotation(
        org.springframework.web.bind.annotation.RequestHeader.class);
    return header != null ? header.name() : String.valueOf(result.getMethodParameter().getParameterName());
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String expected(Class<?> type) {
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    }
    return switch (type.getSimpleName()) {
      case "LocalDate" -> "a date, YYYY-MM-DD";
      case "OffsetDateTime" -> "a date and time with offset, e.g. 2026-12-01T09:00:00Z";
      case "Integer", "int" -> "a whole number";
      case "Boolean", "boolean" -> "true or false";
      case "String" -> "a string";
      case "List" -> "an array";
      default -> "an object";
    };
  }

  private static String abbreviate(Object value) {
    String text = String.valueOf(value);
    return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
  }
}
