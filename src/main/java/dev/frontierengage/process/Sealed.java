package dev.frontierengage.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Values only the engine may write. Whoever completes a task can send any variable with it
 * (Tasklist, engine-rest, the Java API all allow it), so a value that a later step trusts
 * (the policy's cap, who recorded the benchmark, the partners CISA approved, ...) is written
 * together with a seal: an HMAC over the engagement id, the name and the value, keyed by a
 * secret only the application holds. Reading it back checks the seal; a changed value, or a
 * changed or missing seal, is refused.
 */
public final class Sealed {

  /** The seal of variable {@code x} is the variable {@code x} + {@value}. */
  public static final String SUFFIX = "Seal";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile SecretKeySpec key;

  private Sealed() {}

  /** Installs the application's key (see {@code SealKey}). */
  public static void useKey(byte[] secret) {
    key = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  public static void set(VariableScope scope, String name, Object value) {
    scope.setVariable(name, value);
    scope.setVariable(name + SUFFIX, seal(businessKey(scope), name, value));
  }

  /** The variable and its seal, for starting a process with values only the engine may set. */
  public static Map<String, Object> entries(String businessKey, String name, Object value) {
    Map<String, Object> entries = new HashMap<>();
    entries.put(name, value);
    entries.put(name + SUFFIX, seal(businessKey, name, value));
    return entries;
  }

  /** Removes a variable and its seal. */
  public static void remove(VariableScope scope, String name) {
    scope.removeVariable(name);
    scope.removeVariable(name + SUFFIX);
  }

  /** The variable, once its seal is checked. */
  public static Object get(VariableScope scope, String name) {
    List<String> broken = broken(scope, List.of(name));
    if (!broken.isEmpty()) {
      throw new InvalidSubmissionException("Reading " + name, broken);
    }
    return scope.getVariable(name);
  }

  /**
   * The protected names whose value no longer matches its seal: changed, unsealed, or with its
   * seal changed or removed. Absent names are fine.
   */
  public static List<String> broken(VariableScope scope, Collection<String> names) {
    List<String> broken = new ArrayList<>();
    String businessKey = businessKey(scope);
    for (String name : names) {
      boolean hasValue = scope.hasVariable(name);
      boolean hasSeal = scope.hasVariable(name + SUFFIX);
      if (!hasValue && !hasSeal) {
        continue;
      }
      Object seal = scope.getVariable(name + SUFFIX);
      Object value = scope.getVariable(name);
      if (!(seal instanceof String text) || !MessageDigest.isEqual(
          text.getBytes(StandardCharsets.UTF_8),
          seal(businessKey, name, value).getBytes(StandardCharsets.UTF_8))) {
        broken.add(name + " may only be set by the engine and was changed");
      }
    }
    return broken;
  }

  static String seal(String businessKey, String name, Object value) {
    if (key == null) {
      throw new IllegalStateException("No seal key installed");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update((businessKey + "\u0000" + name + "\u0000").getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(
          mac.doFinal(canonical(value).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String canonical(Object value) {
    Object plain = value instanceof TypedValue typed ? typed.getValue() : value;
    if (plain == null) {
      return "null";
    }
    if (plain instanceof Date date) {
      return "date:" + date.getTime();
    }
    if (plain instanceof Integer || plain instanceof Long || plain instanceof Short) {
      return "int:" + ((Number) plain).longValue();
    }
    if (plain instanceof String || plain instanceof Boolean || plain instanceof Number) {
      return plain.getClass().getSimpleName() + ":" + plain;
    }
    try {
      return "json:" + JSON.writeValueAsString(JSON.valueToTree(plain));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return "unsealable:" + plain.getClass().getName();
    }
  }

  private static String businessKey(VariableScope scope) {
    if (scope instanceof DelegateTask task) {
      return task.getExecution().getProcessBusinessKey();
    }
    if (scope instanceof DelegateExecution execution) {
      return execution.getProcessBusinessKey();
    }
    throw new IllegalArgumentException("cannot seal in " + scope.getClass().getSimpleName());
  }
}
