package dev.frontierengage.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * What the property tests of engine-rest send ({@link ReviewerRequestsIT}, {@link AdministratorRequestsIT}):
 * JSON values of every kind, variables typed and untyped, sortings and variable conditions, each
 * with values both real and made up; and what they expect back.
 */
final class EngineRestDraws {

  private EngineRestDraws() {}

  /** Not a 5xx; a refusal says why, in JSON (Tasklist and Cockpit show its {@code message}). */
  static void notAServerError(HttpResponse<String> answer, String sent) {
    assertThat(answer.statusCode()).as(sent + " -> " + answer.body()).isLessThan(500);
    if (answer.statusCode() >= 400) {
      assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(sent + " -> " + answer.body())
          .contains("json");
    }
  }

  /** A JSON value of any kind, nested at most once. */
  static Arbitrary<String> scalar() {
    return Arbitraries.oneOf(
        Arbitraries.of("null", "true", "false", "0", "-1", "1.5", "1e400", "99999999999999999999", "\"\"",
            "\"ACCEPTED\"", "\"2026-12-01T10:00:00.000+0000\"", "\"2026-13-45\"", "\"${1+1}\"", "\"#{x}\"",
            "\"nsa-intake\"", "\"%\"", "\"\\u0000\"", "\"\\ud800\""),
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '_', '-', '.').ofMaxLength(20)
            .map(text -> "\"" + text + "\""));
  }

  static Arbitrary<String> value() {
    return Arbitraries.oneOf(scalar(), scalar(), scalar().list().ofMaxSize(3).map(values -> "[" + String.join(",", values) + "]"),
        Combinators.combine(Arbitraries.of("a", "value", "type", "name"), scalar()).as((k, v) -> "{\"" + k + "\":" + v + "}"));
  }

  static Arbitrary<String> name() {
    return Arbitraries.oneOf(Arbitraries.of("\"intakeOutcome\"", "\"x\"", "\"\"", "\"a b\"", "\"engagementRecord\"",
        "\"clarificationQuestion\"", "\"" + "n".repeat(300) + "\"", "null", "1"),
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12).map(n -> "\"" + n + "\""));
  }

  static Arbitrary<String> typedValue() {
    Arbitrary<String> type = Arbitraries.of("String", "Integer", "Long", "Short", "Double", "Boolean", "Date", "Json",
        "Object", "Bytes", "File", "Null", "Xml", "Nope", "", "string");
    Arbitrary<String> valueInfo = Arbitraries.of("", ",\"valueInfo\":{}", ",\"valueInfo\":null",
        ",\"valueInfo\":{\"objectTypeName\":\"java.util.HashMap\",\"serializationDataFormat\":\"application/json\"}",
        ",\"valueInfo\":{\"filename\":\"a.txt\"}", ",\"valueInfo\":{\"transient\":true}", ",\"transient\":true");
    return Combinators.combine(value(), type, valueInfo, Arbitraries.of(true, false))
        .as((v, t, info, typed) -> "{\"value\":" + v + (typed ? ",\"type\":\"" + t + "\"" : "") + info + "}");
  }

  static Arbitrary<String> variables() {
    Arbitrary<String> entry = Combinators.combine(name().filter(n -> n.startsWith("\"")),
        Arbitraries.oneOf(typedValue(), typedValue(), value())).as((n, v) -> n + ":" + v);
    return Arbitraries.oneOf(entry.list().ofMaxSize(3).map(entries -> "{" + String.join(",", entries) + "}"),
        value());
  }

  /** A sorting by one of {@code sortBy} or none, or a value of another shape. */
  static Arbitrary<String> sorting(List<String> sortBy) {
    Arbitrary<String> parameters = Combinators.combine(Arbitraries.of("", "\"variable\":\"x\"",
        "\"variable\":null", "\"variable\":1"), Arbitraries.of("", "\"type\":\"String\"", "\"type\":\"Nope\"",
        "\"type\":null", "\"type\":\"Integer\"")).as((v, t) -> String.join(",", List.of(v, t).stream()
        .filter(part -> !part.isEmpty()).toList()));
    Arbitrary<String> one = Combinators.combine(Arbitraries.of(sortBy), Arbitraries.of("asc", "desc", "sideways", ""),
        parameters, Arbitraries.of(true, false))
        .as((by, order, params, withParams) -> "{\"sortBy\":\"" + by + "\",\"sortOrder\":\"" + order + "\""
            + (withParams ? ",\"parameters\":{" + params + "}" : "") + "}");
    return Arbitraries.oneOf(one.list().ofMaxSize(2).map(list -> "[" + String.join(",", list) + "]"), value());
  }

  static Arbitrary<String> variableConditions() {
    Arbitrary<String> condition = Combinators.combine(
        Arbitraries.of("\"name\":\"x\",", "\"name\":\"intakeOutcome\",", "", "\"name\":null,", "\"name\":1,"),
        Arbitraries.of("\"operator\":\"eq\",", "\"operator\":\"neq\",", "\"operator\":\"gt\",", "\"operator\":\"gteq\",",
            "\"operator\":\"lt\",", "\"operator\":\"lteq\",", "\"operator\":\"like\",", "\"operator\":\"notLike\",",
            "\"operator\":\"nope\",", "\"operator\":null,", ""),
        value()).as((n, op, v) -> "{" + n + op + "\"value\":" + v + "}");
    return Arbitraries.oneOf(condition.list().ofMaxSize(2).map(list -> "[" + String.join(",", list) + "]"), value());
  }
}
