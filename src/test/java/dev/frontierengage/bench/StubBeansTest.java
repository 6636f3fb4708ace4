package dev.frontierengage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The benchmark's anchor (a) stands in for every bean our models name, and for nothing else. */
class StubBeansTest {

  /** The engine's own names in expressions: the element variable of the consultations, execution, null. */
  static final Set<String> ENGINE = Set.of("null", "office", "execution", "task");

  @Test
  void everyBeanTheModelsNameHasAStub() throws IOException {
    Set<String> named = new TreeSet<>();
    Pattern expression = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)");
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        Matcher m = expression.matcher(Files.readString(file));
        while (m.find()) {
          named.add(m.group(1));
        }
      }
    }
    named.removeAll(ENGINE);
    assertThat(named).isNotEmpty();
    assertThat(StubBeans.ofOurModels().keySet()).containsExactlyInAnyOrderElementsOf(named);
  }

  /** And every method of a bean the models call ({@code ${bean.method(...)}}), or anchor (a) fails where ours does not. */
  @Test
  void everyMethodTheModelsCallHasAStub() throws IOException {
    Pattern call = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\.([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
    Set<String> called = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        Matcher m = call.matcher(Files.readString(file));
        while (m.find()) {
          called.add(m.group(1) + "." + m.group(2));
        }
      }
    }
    assertThat(called).contains("engagementRecord.accessWindowEnded");
    var stubs = StubBeans.ofOurModels();
    for (String bean : called) {
      String[] parts = bean.split("\\.");
      assertThat(stubs).as(bean).containsKey(parts[0]);
      assertThat(java.util.Arrays.stream(stubs.get(parts[0]).getClass().getMethods()).map(java.lang.reflect.Method::getName))
          .as(bean).contains(parts[1]);
    }
  }
}
