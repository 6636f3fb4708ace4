package dev.frontierengage.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/** Every BPMN model in {@code bpmn/}, read from the source folder the product ships. */
public final class Models {

  public static final Path FOLDER = Path.of("bpmn");

  private Models() {}

  public static Map<String, BpmnModelInstance> bpmn() {
    Map<String, BpmnModelInstance> models = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(FOLDER)) {
      files.filter(f -> f.toString().endsWith(".bpmn")).sorted()
          .forEach(f -> models.put(f.getFileName().toString(), Bpmn.readModelFromFile(f.toFile())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return models;
  }
}
