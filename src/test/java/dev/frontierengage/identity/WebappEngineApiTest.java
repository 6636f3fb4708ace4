package dev.frontierengage.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.frontierengage.audit.AuditLog;
import dev.frontierengage.identity.EngineRestConfiguration.WebappEngineApi;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappInitializer;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/**
 * The webapps' engine API is ours only beside the webapp starter's initializer, whose filters
 * guard it by path, registered before it under the name the starter uses; a start where that
 * cannot hold fails. ({@code ReviewerInputIT} sends it the engine's refusals over HTTP.)
 */
class WebappEngineApiTest {

  private final ServletContext context = mock(ServletContext.class);
  private final ServletRegistration.Dynamic registration = mock(ServletRegistration.Dynamic.class);

  private WebappEngineApi api(boolean webappsServed) {
    return new WebappEngineApi(new AuditLog(), mock(ProcessEngine.class), "/camunda", () -> webappsServed);
  }

  @Test
  void theApiIsServedUnderTheStartersNameAndPathWithTheRefusals() {
    when(context.addServlet(anyString(), any(Servlet.class))).thenReturn(registration);
    when(registration.addMapping(anyString())).thenReturn(Set.of());
    api(true).onStartup(context);
    verify(context).addServlet(eq(WebappEngineApi.NAME), any(ServletContainer.class));
    verify(registration).addMapping("/camunda/api/engine/*");
    verify(context).addServlet(eq(WebappEngineApi.COCKPIT), any(ServletContainer.class));
    verify(registration).addMapping("/camunda/api/cockpit/*");
  }

  @Test
  void withoutTheWebappsNothingIsServed() {
    api(false).onStartup(context);
    verify(context, never()).addServlet(anyString(), any(Servlet.class));
  }

  @Test
  void aStartWhereTheStartersApiCameFirstOrThePathIsTakenFails() {
    when(context.getServletRegistration(WebappEngineApi.NAME)).thenReturn(registration);
    assertThatThrownBy(() -> api(true).onStartup(context)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'Engine Api' was registered before ours");
    verify(context, never()).addServlet(anyString(), any(Servlet.class));

    ServletContext cockpitFirst = mock(ServletContext.class);
    when(cockpitFirst.addServlet(anyString(), any(Servlet.class))).thenReturn(registration);
    when(cockpitFirst.getServletRegistration(WebappEngineApi.COCKPIT)).thenReturn(registration);
    when(registration.addMapping(anyString())).thenReturn(Set.of());
    assertThatThrownBy(() -> api(true).onStartup(cockpitFirst)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'Cockpit Api' was registered before ours");

    ServletContext taken = mock(ServletContext.class);
    when(taken.addServlet(eq(WebappEngineApi.NAME), any(Servlet.class))).thenReturn(registration);
    when(registration.addMapping(anyString())).thenReturn(Set.of("/camunda/api/engine/*"));
    assertThatThrownBy(() -> api(true).onStartup(taken)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another servlet");
  }

  /** Spring Boot runs the initializers in this order: ours first, whatever order they were found in. */
  @Test
  void oursIsOrderedBeforeTheStarters() {
    ServletContextInitializer starters = new CamundaBpmWebappInitializer(new CamundaBpmProperties());
    List<ServletContextInitializer> found = new ArrayList<>(List.of(starters, api(true)));
    found.sort(AnnotationAwareOrderComparator.INSTANCE);
    assertThat(found.get(0)).isInstanceOf(WebappEngineApi.class);
  }
}
