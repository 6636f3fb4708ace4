package dev.frontierengage.audit;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.Authentication;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontierengage.process.EngineClock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * One JSON line per security-relevant event on the logger {@value #LOGGER}: who, what,
 * which engagement, when and from which client address. Callers pass only what may be read by
 * an operator: never a password, never a classified value (scores, rationale, findings).
 */
@Component
public class AuditLog {

  public static final String LOGGER = "frontier-engage.audit";
  /** MDC key of the client address, set for every HTTP request by {@link ClientAddressFilter}. */
  public static final String CLIENT = "client";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final ObjectMapper JSON = new ObjectMapper();

  public void record(String action, String actor, String engagement, Map<String, ?> detail) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("at", EngineClock.instant().toString());
    line.put("action", action);
    line.put("actor", actor != null ? actor : apiUser());
    line.put("engagement", engagement);
    line.put("from", MDC.get(CLIENT) == null ? "engine" : MDC.get(CLIENT));
    if (detail != null) {
      detail.forEach(line::putIfAbsent);
    }
    try {
      LOG.info(JSON.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      LOG.info("{\"action\":\"{}\",\"error\":\"unserialisable detail\"}", action);
    }
  }

  /** Who called the API, when the engine does not know (the developer API acts as the system). */
  private static String apiUser() {
    Authentication user = SecurityContextHolder.getContext().getAuthentication();
    return user == null || !user.isAuthenticated() ? null : user.getName();
  }

  public void record(String action, String actor, String engagement) {
    record(action, actor, engagement, Map.of());
  }
}
