package dev.frontierengage.identity;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.frontierengage.audit.AuditLog;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects the audit log's lines for assertions. */
public final class AuditCapture {

  /** The list appender logback-test.xml attaches to the audit logger (it survives Spring Boot's logging reset). */
  @SuppressWarnings("unchecked")
  private static ListAppender<ILoggingEvent> appender() {
    return (ListAppender<ILoggingEvent>) ((Logger) LoggerFactory.getLogger(AuditLog.LOGGER))
        .getAppender("AUDIT");
  }

  public List<String> lines() {
    ListAppender<ILoggingEvent> appender = appender();
    synchronized (appender.list) {
      return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  public List<String> lines(String action) {
    return lines().stream().filter(l -> l.contains("\"action\":\"" + action + "\"")).toList();
  }
}
