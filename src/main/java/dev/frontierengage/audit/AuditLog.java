package dev.frontierengage.audit;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontierengage.process.EngineClock;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
    LOG.info(line(action, actor, engagement, detail));
  }

  /**
   * The same line for a change made in the current transaction (a task's completion, a decision,
   * a withdrawal, a document added): written once that transaction commits, and not at all if it
   * rolls back; at once outside a transaction. Written as the change was made, it stayed when the
   * transaction did not commit (a conflict with a parallel step, a later listener's refusal, a
   * failed flush), and the audit then told of a decision nobody made. Who, when and from where are
   * taken now.
   */
  public void recordOnCommit(String action, String actor, String engagement, Map<String, ?> detail) {
    String line = line(action, actor, engagement, detail);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          LOG.info(line);
        }
      });
    } else {
      LOG.info(line);
    }
  }

  private static String line(String action, String actor, String engagement, Map<String, ?> detail) {
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
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      return "{\"action\":" + JSON.valueToTree(action) + ",\"error\":\"unserialisable detail\"}";
    }
  }

  /** Who called the API, when the engine does not know (the developer API acts as the system). */
  private static String apiUser() {
    Authentication user = SecurityContextHolder.getContext().getAuthentication();
    return user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken ? null : user.getName();
  }

  public void record(String action, String actor, String engagement) {
    record(action, actor, engagement, Map.of());
  }

  /**
   * What kind of failure {@code failure} is, for an audit line's reason: the classes of its
   * causes, outermost first, with a database's SQL state where one gives it, never a message. A
   * failure's message may quote what it failed on (a value the parser could not read, a row the
   * database refused), and an audit line holds no classified value; the full failure goes to the
   * error log beside it.
   */
  public static String failure(Throwable failure) {
    List<String> kinds = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
      String kind = cause.getClass().getName();
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        kind += " (SQL state " + sql.getSQLState() + ")";
      }
      kinds.add(kind);
    }
    return String.join(" < ", kinds);
  }
}
