package dev.frontierengage.api;

import java.lang.reflect.Type;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * A body that is the JSON value {@code null} is refused with a 400: Jackson reads it as no body at
 * all, so an action that takes no values (ending access early: an empty body or {@code {}}) took
 * it as an empty body, where {@code []} and {@code "x"} were refused. (A required body was refused
 * already, as missing; it is now told what it was.) An empty body never reaches this: it is not read.
 */
@RestControllerAdvice(basePackageClasses = NullBodies.class)
class NullBodies extends RequestBodyAdviceAdapter {

  @Override
  public boolean supports(MethodParameter parameter, Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public Object afterBodyRead(Object body, HttpInputMessage message, MethodParameter parameter, Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    if (body == null) {
      throw new ApiRefusal(HttpStatus.BAD_REQUEST, "Unreadable request", "The body is the JSON value null;"
          + " send a JSON object" + (requiredBody(parameter) ? "." : ", or no body at all."), Map.of());
    }
    return body;
  }

  private static boolean requiredBody(MethodParameter parameter) {
    var annotation = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class);
    return annotation == null || annotation.required();
  }
}
