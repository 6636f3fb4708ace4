package dev.frontierengage.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/**
 * Generates {@code target/traceability.md}: every Sec. 3 clause with the BPMN elements that
 * carry it and the tests that prove it. The build fails when a clause has no element or no
 * test, or when the committed copy {@code src/docs/traceability.md} is out of date.
 */
class TraceabilityTest {

  static final Path GENERATED = Path.of("target", "traceability.md");
  static final Path COMMITTED = Path.of("src", "docs", "traceability.md");

  @Test
  void everyClauseHasAnElementAndATest() throws IOException {
    Traceability.Report report = Traceability.report(Models.bpmn(), testClasses());
    Files.writeString(GENERATED, report.markdown());

    assertThat(report.missing()).isEmpty();
    assertThat(Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "")
        .as("src/docs/traceability.md is out of date: copy target/traceability.md over it")
        .isEqualTo(report.markdown());
  }

  @Test
  void aClauseWithoutATestIsFound() {
    String fixture = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="t">
          <bpmn:process id="fixture" isExecutable="true">
            <bpmn:userTask id="UserTask_Fixture">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="clause" value="3(c)" />
                <camunda:property name="clause" value="3(b)(iii)" />
              </camunda:properties></bpmn:extensionElements>
            </bpmn:userTask>
          </bpmn:process>
        </bpmn:definitions>""";
    BpmnModelInstance model = Bpmn.readModelFromStream(
        new ByteArrayInputStream(fixture.getBytes(StandardCharsets.UTF_8)));

    Traceability.Report report = Traceability.report(Map.of("fixture.bpmn", model),
        List.of(FixtureTests.class));

    assertThat(report.tests().get("3(c)")).containsExactly("FixtureTests.releaseIsNeverGated");
    assertThat(report.missing()).contains("3(b)(iii) has no test", "3(a) sharing has no BPMN element",
        "3(a) sharing has no test", "FixtureTests.partnersHelper names clauses but is not a test")
        .doesNotContain("3(c) has no test");
    assertThat(report.tests()).doesNotContainKey("3(b)(iii)");
  }

  /**
   * A fixture: one test proving one clause, and a helper that names another but is no test.
   * Abstract: JUnit never runs it.
   */
  abstract static class FixtureTests {
    @Test
    @Clause("3(c)")
    void releaseIsNeverGated() {}

    @Clause("3(b)(iii)")
    void partnersHelper() {}
  }

  /** Every top-level test class compiled into target/test-classes. */
  static List<Class<?>> testClasses() throws IOException {
    Path root = Path.of("target", "test-classes");
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
        String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        try {
          classes.add(Class.forName(name, false, TraceabilityTest.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
          throw new IllegalStateException("cannot load " + name, e);
        }
      }
    }
    return classes;
  }
}
