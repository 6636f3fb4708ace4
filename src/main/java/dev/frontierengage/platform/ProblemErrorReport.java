package dev.frontierengage.platform;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * What Tomcat answers itself, before a request reaches the application, as a problem
 * ({@code application/problem+json}) instead of its HTML error page: a path with an encoded NUL
 * or slash, an invalid escape, a request line or headers too large. Tomcat refuses those in its
 * connector and has its host's error report valve write the answer; this valve takes that place
 * (Spring Boot's own, which writes a bare HTML page, is removed). An answer the application
 * wrote, or began to, is left as it is: it only writes where nothing else did.
 */
public class ProblemErrorReport extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // as Tomcat's own: not below 400, not over what was written, not twice
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    // Tomcat's own message may repeat what the request sent: a fixed text instead; a 400 here is
    // the connector's (what reaches the application gets the application's own 400)
    String detail = status == 400
        ? "Refused by the server before it reached the application: the request line, its path (an encoded "
            + "NUL or slash, an invalid escape) or its headers are malformed or too large. Nothing was changed."
        : status < 500 ? "The server refused this request. Nothing was changed."
        : "The server could not answer this request.";
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      // the reporter, not the output stream: what the response is in the middle of writing may hold either
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(Problems.json(status, known == null ? "Error" : known.getReasonPhrase(), detail));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException ignored) {
      // the connection is gone or the response is already in another mode: nothing more to say
    }
  }

  /** Puts the valve on the host in place of any other error report valve (Spring Boot adds one). */
  @Configuration(proxyBeanMethods = false)
  static class Installation {

    /**
     * Installed once the host has started, whatever order the customizers ran in: by then Spring
     * Boot's context customizer has added its valve and the host its default, and no connector
     * has taken a request yet (a service starts its engine before its connectors).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReport() {
      return factory -> factory.addContextCustomizers(context -> {
        Container parent = context.getParent();
        install(parent);
        if (parent != null) {
          parent.addLifecycleListener(event -> {
            if (org.apache.catalina.Lifecycle.AFTER_START_EVENT.equals(event.getType())) {
              install(parent);
            }
          });
        }
      });
    }

    /** Ours as the host's one error report valve; what else is there goes. Idempotent. */
    static void install(Container parent) {
      if (!(parent instanceof StandardHost host)) {
        return;
      }
      // the host adds a valve of this class at its start unless one is there: ours is
      host.setErrorReportValveClass(ProblemErrorReport.class.getName());
      for (Valve valve : host.getPipeline().getValves()) {
        if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReport)) {
          host.getPipeline().removeValve(valve);
        }
      }
      for (Valve valve : host.getPipeline().getValves()) {
        if (valve instanceof ProblemErrorReport) {
          return;
        }
      }
      host.getPipeline().addValve(new ProblemErrorReport());
    }
  }
}
