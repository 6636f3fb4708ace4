package dev.frontierengage.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.CollectionType;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.ObjectValue;

/**
 * Lists of small records (partners, consultations) kept as JSON variables, so Cockpit,
 * Tasklist forms and the REST API read them as JSON. Reading accepts what each client sends:
 * a deserialised list (of records or maps), a JSON string or a Spin JSON node.
 */
public final class JsonVariables {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private JsonVariables() {}

  /**
   * The items as a JSON list of plain objects: the engine stores the value's Java type beside it,
   * and a list of maps names no class of ours that a later version could move or remove.
   */
  public static ObjectValue list(List<?> items) {
    List<Object> plain = MAPPER.convertValue(items, MAPPER.getTypeFactory().constructCollectionType(List.class, Object.class));
    return Variables.objectValue(new ArrayList<>(plain))
        .serializationDataFormat(SerializationDataFormats.JSON)
        .create();
  }

  /**
   * The list in {@code value}, or an empty list for null.
   *
   * @throws IllegalArgumentException when the value is not a list of {@code type}
   */
  public static <T> List<T> readList(Object value, Class<T> type) {
    if (value == null) {
      return new ArrayList<>();
    }
    CollectionType listType = MAPPER.getTypeFactory().constructCollectionType(List.class, type);
    try {
      if (value instanceof List<?> list) {
        return new ArrayList<>(MAPPER.convertValue(list, listType));
      }
      String json = value instanceof String s ? s : value.toString();
      List<T> read = MAPPER.readValue(json, listType);
      return read == null ? new ArrayList<>() : new ArrayList<>(read);
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw new IllegalArgumentException("is not a list of " + type.getSimpleName()
          + " objects: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int end = message.indexOf('\n');
    String line = end < 0 ? message : message.substring(0, end);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
